/** Test helper: shared cases for the wg-config tests (bad files, and a typical site's settings). */
import type { WgSettings } from '../../../source/domain/wg-config/index.js';
import { KEYS } from './fixtures.js';

const { privateA: K, publicB: P, preshared: S } = KEYS;

/** A valid [Interface] whose 4th line is `line`. */
const iface = (line: string): string => `[Interface]\nPrivateKey = ${K}\nAddress = 10.9.0.1/31\n${line}\n`;
/** A valid file whose 9th line, inside the first [Peer], is `line`. */
const peer = (line: string): string =>
  `${iface('ListenPort = 51820')}\n[Peer]\nPublicKey = ${P}\nAllowedIPs = 10.9.0.0/32\n${line}\n`;

/** [title, text, field, line]: every case must be a ConfigSyntaxError with this field and line. */
export const BAD_CASES: [string, string, string, number][] = [
  ['ListenPort above 65535', iface('ListenPort = 70000'), 'Interface.ListenPort', 4],
  ['ListenPort given as a service name', iface('ListenPort = http'), 'Interface.ListenPort', 4],
  ['keepalive above 65535', peer('PersistentKeepalive = 65536'), 'Peer[0].PersistentKeepalive', 9],
  ['negative keepalive', peer('PersistentKeepalive = -1'), 'Peer[0].PersistentKeepalive', 9],
  ['FwMark with upper-case 0X', iface('FwMark = 0X10'), 'Interface.FwMark', 4],
  ['FwMark above 32 bits', iface('FwMark = 0x1ffffffff'), 'Interface.FwMark', 4],
  ['MTU below the IPv4 minimum', iface('MTU = 67'), 'Interface.MTU', 4],
  ['MTU with a fraction', iface('MTU = 1420.5'), 'Interface.MTU', 4],
  [
    'private key missing its last character',
    iface(`PrivateKey = ${K.slice(0, 43)}`),
    'Interface.PrivateKey',
    4,
  ],
  [
    'private key in URL-safe base64',
    iface(`PrivateKey = ${K.replace(/\//g, '_')}`),
    'Interface.PrivateKey',
    4,
  ],
  [
    'private key with a non-canonical last digit',
    iface(`PrivateKey = ${K.slice(0, 42)}d=`),
    'Interface.PrivateKey',
    4,
  ],
  ['truncated preshared key', peer(`PresharedKey = ${S.slice(0, 30)}`), 'Peer[0].PresharedKey', 9],
  ['all-zero public key', peer(`PublicKey = ${'A'.repeat(43)}=`), 'Peer[0].PublicKey', 9],
  ['empty public key', peer('PublicKey ='), 'Peer[0].PublicKey', 9],
  ['AllowedIPs prefix too long', peer('AllowedIPs = 10.0.0.0/33'), 'Peer[0].AllowedIPs', 9],
  ['AllowedIPs with an empty entry', peer('AllowedIPs = 10.0.0.0/24,,10.1.0.0/24'), 'Peer[0].AllowedIPs', 9],
  ['empty AllowedIPs', peer('AllowedIPs ='), 'Peer[0].AllowedIPs', 9],
  ['endpoint without a port', peer('Endpoint = 203.0.113.1'), 'Peer[0].Endpoint', 9],
  ['IPv6 endpoint without brackets', peer('Endpoint = fe80::1:51820'), 'Peer[0].Endpoint', 9],
  ['endpoint port above 65535', peer('Endpoint = vpn.example.com:70000'), 'Peer[0].Endpoint', 9],
  ['Address with an octet above 255', iface('Address = 10.0.0.300/24'), 'Interface.Address', 4],
  ['DNS search domain with a bad character', iface('DNS = 1.1.1.1, bad_domain!'), 'Interface.DNS', 4],
  ['SaveConfig that is not true/false', iface('SaveConfig = yes'), 'Interface.SaveConfig', 4],
  ['Table with a space', iface('Table = main table'), 'Interface.Table', 4],
  ['unknown section header', iface('[Peers]'), 'section', 4],
  ['Interface key inside [Peer]', peer('Address = 10.0.0.1/32'), 'Peer[0].Address', 9],
  ['Peer key inside [Interface]', iface('Endpoint = 203.0.113.1:51820'), 'Interface.Endpoint', 4],
  ['a line that is not Key = Value', iface('ListenPort 51820'), 'line', 4],
  ['a setting before any section', `ListenPort = 1\n${iface('')}`, 'ListenPort', 1],
  ['a second [Interface]', `${iface('')}[Interface]\nListenPort = 1\n`, 'Interface', 5],
  ['a peer without PublicKey', `${peer('')}\n[Peer]\nAllowedIPs = 10.1.0.0/24\n`, 'Peer[1].PublicKey', 11],
  ['two peers with one PublicKey', `${peer('')}[Peer]\nPublicKey = ${P}\n`, 'Peer[1].PublicKey', 11],
  ['no [Interface] at all', `[Peer]\nPublicKey = ${P}\n`, 'Interface', 1],
];

/** Settings of a typical gateway: two peers, hooks, MTU. */
export const SITE: WgSettings = {
  interface: {
    addresses: ['10.9.0.1/31'],
    privateKey: KEYS.privateA,
    listenPort: 51820,
    mtu: 1420,
    dns: [],
    preUp: [],
    postUp: ['nft -f /etc/wg-site/wg0.nft'],
    preDown: [],
    postDown: ['nft delete table inet wg_site'],
    saveConfig: false,
  },
  peers: [
    {
      name: 'site B',
      publicKey: KEYS.publicB,
      presharedKey: KEYS.preshared,
      endpoint: 'b.example.net:51820',
      allowedIps: ['10.9.0.0/32', '192.168.2.0/24'],
      persistentKeepalive: 25,
    },
    { publicKey: KEYS.publicC, allowedIps: ['10.9.0.2/32'] },
  ],
};
