import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddressError,
  DuplicateError,
  EndpointError,
  type InputError,
  KeyError,
  NameError,
  OverlapError,
  PathError,
  SiteFileError,
  ValueRangeError,
} from '../../../source/domain/errors.js';
import { publicKeyOf } from '../../../source/domain/keys.js';
import { checkSite, checkSiteText, parseSite } from '../../../source/domain/site/validate.js';

/** This gateway's keys (a throwaway pair made with `wg genkey | wg pubkey` for these tests). */
const OWN_PRIVATE = 'OAVaCLNb2iTCPGcQwzG2H1QNhUQLWOSeGOUsfMdOE3A=';
const OWN_PUBLIC = publicKeyOf(OWN_PRIVATE);
const own = { privateKey: OWN_PRIVATE, publicKey: OWN_PUBLIC };
const BETA_KEY = 'kJKKbI3SCtlyP5eBEEtyzV/Pu7plgg+vQ31whA9jaWI=';
const GAMMA_KEY = 'TZcoqRdF1HJZqfAiyQKtiswW6PyVcj2UYZZKwno8XAI=';

/* eslint-disable @typescript-eslint/no-explicit-any -- mutations poke at a raw JSON object */
type Raw = any;

/** A sound site with two peers; every bad case below changes one thing in a fresh copy. */
function baseSite(): Raw {
  return {
    interface: 'wg0',
    name: 'alpha',
    lan: { interface: 'eth0', address: '192.168.1.10/24', subnets: ['192.168.1.0/24'] },
    tunnel: { address: '10.0.0.1/29', listenPort: 51820 },
    routing: 'default-router',
    firewall: { fromRemote: 'all' },
    peers: [
      {
        name: 'beta',
        publicKey: BETA_KEY,
        endpoint: 'beta.example.net:51820',
        tunnelAddress: '10.0.0.2',
        subnets: ['192.168.2.0/24'],
        persistentKeepalive: 25,
        presharedKeyFile: '/etc/wireguard/wg0-beta.psk',
      },
      { name: 'gamma', publicKey: GAMMA_KEY, tunnelAddress: '10.0.0.3', subnets: ['192.168.3.0/24'] },
    ],
  };
}

type ErrorClass = new (field: string, message: string) => InputError;

interface BadCase {
  title: string;
  mutate: (s: Raw) => void;
  error: ErrorClass;
  field: string;
  message?: RegExp;
}

const bad: BadCase[] = [
  // Keys
  {
    title: "this gateway's private key as a peer key",
    mutate: (s) => (s.peers[0].publicKey = OWN_PRIVATE),
    error: KeyError,
    field: 'peers[0].publicKey',
    message: /PRIVATE key.*far gateway's public key/,
  },
  {
    title: "this gateway's own public key as a peer key",
    mutate: (s) => (s.peers[1].publicKey = OWN_PUBLIC),
    error: KeyError,
    field: 'peers[1].publicKey',
    message: /own public key; paste the far gateway's public key/,
  },
  {
    title: 'a 43-character key',
    mutate: (s) => (s.peers[0].publicKey = BETA_KEY.slice(0, 43)),
    error: KeyError,
    field: 'peers[0].publicKey',
    message: /43 characters.*exactly 44.*trailing "=" missing/,
  },
  {
    title: 'a 45-character key',
    mutate: (s) => (s.peers[0].publicKey = `A${BETA_KEY}`),
    error: KeyError,
    field: 'peers[0].publicKey',
    message: /45 characters/,
  },
  {
    title: 'a URL-safe base64 key',
    mutate: (s) => (s.peers[0].publicKey = `-${BETA_KEY.slice(1)}`),
    error: KeyError,
    field: 'peers[0].publicKey',
    message: /URL-safe base64; WireGuard uses "\+" and "\/"/,
  },
  {
    title: 'the all-zero key',
    mutate: (s) => (s.peers[0].publicKey = `${'A'.repeat(43)}=`),
    error: KeyError,
    field: 'peers[0].publicKey',
    message: /all zeros.*wg pubkey/,
  },
  {
    title: 'a non-canonical key',
    mutate: (s) => (s.peers[0].publicKey = `${BETA_KEY.slice(0, 42)}B=`),
    error: KeyError,
    field: 'peers[0].publicKey',
    message: /not canonical/,
  },
  {
    title: 'an empty key',
    mutate: (s) => (s.peers[1].publicKey = ''),
    error: KeyError,
    field: 'peers[1].publicKey',
    message: /empty.*44-character/,
  },
  {
    title: 'a key with a space inside',
    mutate: (s) => (s.peers[0].publicKey = `${BETA_KEY.slice(0, 20)} ${BETA_KEY.slice(21)}`),
    error: KeyError,
    field: 'peers[0].publicKey',
    message: /whitespace/,
  },
  {
    title: 'two peers with the same key',
    mutate: (s) => (s.peers[1].publicKey = BETA_KEY),
    error: DuplicateError,
    field: 'peers[1].publicKey',
    message: /same key as peers\[0\]\.publicKey/,
  },
  // Far subnets, LAN subnets and overlaps
  {
    title: 'a far subnet equal to the local LAN',
    mutate: (s) => (s.peers[0].subnets = ['192.168.1.0/24']),
    error: OverlapError,
    field: 'peers[0].subnets[0]',
    message:
      /overlaps this site's LAN subnet 192\.168\.1\.0\/24.*192\.168\.1\.0\/25 and 192\.168\.1\.128\/25/,
  },
  {
    title: 'a far subnet inside the local LAN',
    mutate: (s) => (s.peers[1].subnets = ['192.168.1.128/25']),
    error: OverlapError,
    field: 'peers[1].subnets[0]',
    message: /overlaps this site's LAN subnet.*Renumbering/,
  },
  {
    title: 'two peers claiming the same prefix',
    mutate: (s) => (s.peers[1].subnets = ['192.168.2.0/24']),
    error: DuplicateError,
    field: 'peers[1].subnets[0]',
    message: /already claimed by peer "beta" \(peers\[0\]\.subnets\[0\]\).*silently/,
  },
  {
    title: 'overlapping prefixes across peers',
    mutate: (s) => (s.peers[1].subnets = ['192.168.2.128/25']),
    error: OverlapError,
    field: 'peers[1].subnets[0]',
    message: /overlaps 192\.168\.2\.0\/24 claimed by peer "beta"/,
  },
  {
    title: 'one peer listing a prefix twice',
    mutate: (s) => s.peers[0].subnets.push('192.168.2.0/24'),
    error: DuplicateError,
    field: 'peers[0].subnets[1]',
    message: /claimed by this peer/,
  },
  {
    title: 'host bits in a far subnet',
    mutate: (s) => (s.peers[0].subnets = ['192.168.2.5/24']),
    error: AddressError,
    field: 'peers[0].subnets[0]',
    message: /did you mean 192\.168\.2\.0\/24\?/,
  },
  {
    title: 'host bits in a LAN subnet',
    mutate: (s) => (s.lan.subnets = ['192.168.1.5/24']),
    error: AddressError,
    field: 'lan.subnets[0]',
    message: /did you mean 192\.168\.1\.0\/24\?/,
  },
  {
    title: 'host bits in an IPv6 subnet',
    mutate: (s) => (s.peers[0].subnets = ['fd00:2::1/64']),
    error: AddressError,
    field: 'peers[0].subnets[0]',
    message: /did you mean fd00:2::\/64\?/,
  },
  {
    title: 'a zone id in a subnet',
    mutate: (s) => (s.peers[0].subnets = ['fe80::%eth0/64']),
    error: AddressError,
    field: 'peers[0].subnets[0]',
    message: /zone id.*without it/,
  },
  {
    title: 'an IPv4 prefix of /33',
    mutate: (s) => (s.peers[0].subnets = ['192.168.2.0/33']),
    error: AddressError,
    field: 'peers[0].subnets[0]',
    message: /\/33 is not valid for IPv4; it must be 0 to 32/,
  },
  {
    title: 'an IPv6 prefix of /129',
    mutate: (s) => s.lan.subnets.push('fd00:1::/129'),
    error: AddressError,
    field: 'lan.subnets[1]',
    message: /\/129 is not valid for IPv6; it must be 0 to 128/,
  },
  {
    title: 'a space-separated list in one subnet entry',
    mutate: (s) => (s.peers[0].subnets = ['192.168.2.0/24 192.168.4.0/24']),
    error: AddressError,
    field: 'peers[0].subnets[0]',
    message: /more than one value; give one per entry/,
  },
  {
    title: 'a comma-separated list in one LAN entry',
    mutate: (s) => (s.lan.subnets = ['192.168.1.0/24,192.168.4.0/24']),
    error: AddressError,
    field: 'lan.subnets[0]',
    message: /more than one value/,
  },
  {
    title: 'a host name where a subnet goes',
    mutate: (s) => (s.peers[0].subnets = ['lan.example.net']),
    error: AddressError,
    field: 'peers[0].subnets[0]',
    message: /not an IP address/,
  },
  {
    title: 'an IPv4-mapped IPv6 subnet',
    mutate: (s) => (s.peers[0].subnets = ['::ffff:192.168.2.0/120']),
    error: AddressError,
    field: 'peers[0].subnets[0]',
    message: /IPv4-mapped.*192\.168\.2\.0/,
  },
  {
    title: 'the IPv4 default route as a far subnet',
    mutate: (s) => (s.peers[0].subnets = ['0.0.0.0/0']),
    error: AddressError,
    field: 'peers[0].subnets[0]',
    message: /all IPv4 traffic into the tunnel; list only the far site's LAN subnets/,
  },
  {
    title: 'the IPv6 default route as a far subnet',
    mutate: (s) => s.peers[1].subnets.push('::/0'),
    error: AddressError,
    field: 'peers[1].subnets[1]',
    message: /all IPv6 traffic/,
  },
  {
    title: 'a LAN subnet listed twice',
    mutate: (s) => s.lan.subnets.push('192.168.1.0/24'),
    error: DuplicateError,
    field: 'lan.subnets[1]',
    message: /repeats lan\.subnets\[0\]; list it once/,
  },
  {
    title: 'LAN subnets that overlap each other',
    mutate: (s) => s.lan.subnets.push('192.168.0.0/16'),
    error: OverlapError,
    field: 'lan.subnets[1]',
    message: /overlaps lan\.subnets\[0\] 192\.168\.1\.0\/24; list only the wider one/,
  },
  {
    title: 'a LAN subnet overlapping the tunnel subnet',
    mutate: (s) => s.lan.subnets.push('10.0.0.0/24'),
    error: OverlapError,
    field: 'tunnel.address',
    message:
      /10\.0\.0\.0\/29 overlaps the LAN subnet 10\.0\.0\.0\/24 \(lan\.subnets\[1\]\); pick a tunnel range outside every LAN/,
  },
  {
    title: 'a far subnet overlapping the tunnel subnet',
    mutate: (s) => (s.peers[0].subnets = ['10.0.0.0/24']),
    error: OverlapError,
    field: 'peers[0].subnets[0]',
    message: /overlaps the tunnel subnet 10\.0\.0\.0\/29/,
  },
  // Tunnel and LAN addresses
  {
    title: 'a peer tunnel address outside the tunnel subnet',
    mutate: (s) => (s.peers[0].tunnelAddress = '10.0.1.2'),
    error: AddressError,
    field: 'peers[0].tunnelAddress',
    message: /10\.0\.1\.2 is not in this gateway's tunnel subnet 10\.0\.0\.0\/29/,
  },
  {
    title: "a peer tunnel address equal to this gateway's",
    mutate: (s) => (s.peers[0].tunnelAddress = '10.0.0.1'),
    error: DuplicateError,
    field: 'peers[0].tunnelAddress',
    message: /own tunnel address; the far end needs another address of 10\.0\.0\.0\/29/,
  },
  {
    title: 'two peers with the same tunnel address',
    mutate: (s) => (s.peers[1].tunnelAddress = '10.0.0.2'),
    error: DuplicateError,
    field: 'peers[1].tunnelAddress',
    message: /already claimed by peer "beta" \(peers\[0\]\.tunnelAddress\)/,
  },
  {
    title: 'a peer tunnel address with a prefix length',
    mutate: (s) => (s.peers[0].tunnelAddress = '10.0.0.2/29'),
    error: AddressError,
    field: 'peers[0].tunnelAddress',
    message: /write just the address, like 10\.0\.0\.2/,
  },
  {
    title: 'an IPv6 peer tunnel address on an IPv4 tunnel',
    mutate: (s) => (s.peers[0].tunnelAddress = 'fd00::2'),
    error: AddressError,
    field: 'peers[0].tunnelAddress',
    message: /not in this gateway's tunnel subnet/,
  },
  {
    title: 'the broadcast address as a peer tunnel address',
    mutate: (s) => (s.peers[1].tunnelAddress = '10.0.0.7'),
    error: AddressError,
    field: 'peers[1].tunnelAddress',
    message: /broadcast address of 10\.0\.0\.0\/29; use one of 10\.0\.0\.1–10\.0\.0\.6/,
  },
  {
    title: 'the network address as the own tunnel address',
    mutate: (s) => (s.tunnel.address = '10.0.0.0/29'),
    error: AddressError,
    field: 'tunnel.address',
    message: /network address of 10\.0\.0\.0\/29/,
  },
  {
    title: 'a tunnel address with a /33 prefix',
    mutate: (s) => (s.tunnel.address = '10.0.0.1/33'),
    error: AddressError,
    field: 'tunnel.address',
    message: /\/33 is not valid for IPv4/,
  },
  {
    title: 'a tunnel address that is not an address',
    mutate: (s) => (s.tunnel.address = 'ten.0.0.1/31'),
    error: AddressError,
    field: 'tunnel.address',
    message: /not an IP address/,
  },
  {
    title: 'a /32 tunnel with the peer address inside the LAN',
    mutate: (s) => {
      s.tunnel.address = '10.0.0.1/32';
      s.peers[0].tunnelAddress = '192.168.1.77';
    },
    error: OverlapError,
    field: 'peers[0].tunnelAddress',
    message: /inside this site's LAN subnet 192\.168\.1\.0\/24/,
  },
  {
    title: 'a /32 tunnel with an IPv6 peer address',
    mutate: (s) => {
      s.tunnel.address = '10.0.0.1/32';
      s.peers[1].tunnelAddress = 'fd00::2';
    },
    error: AddressError,
    field: 'peers[1].tunnelAddress',
    message: /IPv6 but tunnel\.address 10\.0\.0\.1 is IPv4/,
  },
  {
    title: 'lan.address outside lan.subnets',
    mutate: (s) => (s.lan.address = '192.168.9.10/24'),
    error: AddressError,
    field: 'lan.address',
    message: /not inside any of lan\.subnets \(192\.168\.1\.0\/24\)/,
  },
  {
    title: 'lan.address that is not an address',
    mutate: (s) => (s.lan.address = '192.168.1.300/24'),
    error: AddressError,
    field: 'lan.address',
  },
  // Endpoints
  {
    title: 'an unbracketed IPv6 endpoint',
    mutate: (s) => (s.peers[0].endpoint = '2001:db8::1:51820'),
    error: EndpointError,
    field: 'peers[0].endpoint',
    message: /IPv6 address without brackets; write it as \[2001:db8::1\]:51820/,
  },
  {
    title: 'an endpoint without a port',
    mutate: (s) => (s.peers[0].endpoint = 'beta.example.net'),
    error: EndpointError,
    field: 'peers[0].endpoint',
    message: /no port; add one, e\.g\. "beta\.example\.net:51820"/,
  },
  {
    title: 'an endpoint with port 0',
    mutate: (s) => (s.peers[0].endpoint = '203.0.113.5:0'),
    error: ValueRangeError,
    field: 'peers[0].endpoint',
    message: /Port 0 is out of range; it must be 1 to 65535/,
  },
  {
    title: 'an endpoint with port 65536',
    mutate: (s) => (s.peers[1].endpoint = '[2001:db8::1]:65536'),
    error: ValueRangeError,
    field: 'peers[1].endpoint',
    message: /65536 is out of range/,
  },
  {
    title: 'an endpoint with a text port',
    mutate: (s) => (s.peers[0].endpoint = 'beta.example.net:x'),
    error: EndpointError,
    field: 'peers[0].endpoint',
    message: /port "x" is not a number/,
  },
  {
    title: 'an endpoint with a scheme',
    mutate: (s) => (s.peers[0].endpoint = 'udp://beta.example.net:51820'),
    error: EndpointError,
    field: 'peers[0].endpoint',
    message: /leave out any "udp:\/\/" scheme/,
  },
  {
    title: 'an IPv4 endpoint in brackets',
    mutate: (s) => (s.peers[0].endpoint = '[203.0.113.5]:51820'),
    error: EndpointError,
    field: 'peers[0].endpoint',
    message: /only IPv6 goes in brackets; write 203\.0\.113\.5:51820/,
  },
  {
    title: 'an endpoint host with an underscore',
    mutate: (s) => (s.peers[0].endpoint = 'my_host.example.net:51820'),
    error: EndpointError,
    field: 'peers[0].endpoint',
    message: /letters, digits and hyphens/,
  },
  // Ports and other numbers
  {
    title: 'listen port 0',
    mutate: (s) => (s.tunnel.listenPort = 0),
    error: ValueRangeError,
    field: 'tunnel.listenPort',
    message: /1 to 65535, e\.g\. 51820/,
  },
  {
    title: 'listen port 65536',
    mutate: (s) => (s.tunnel.listenPort = 65536),
    error: ValueRangeError,
    field: 'tunnel.listenPort',
    message: /65536 is out of range/,
  },
  {
    title: 'listen port as text',
    mutate: (s) => (s.tunnel.listenPort = 'x'),
    error: SiteFileError,
    field: 'tunnel.listenPort',
    message: /must be a number, not the text "x"/,
  },
  {
    title: 'a fractional listen port',
    mutate: (s) => (s.tunnel.listenPort = 1.5),
    error: SiteFileError,
    field: 'tunnel.listenPort',
    message: /must be a whole number/,
  },
  {
    title: 'keepalive 70000',
    mutate: (s) => (s.peers[0].persistentKeepalive = 70000),
    error: ValueRangeError,
    field: 'peers[0].persistentKeepalive',
    message: /70000 is out of range; use 1–65535 seconds \(25 is usual\), or 0 for off/,
  },
  {
    title: 'a negative keepalive',
    mutate: (s) => (s.peers[1].persistentKeepalive = -1),
    error: ValueRangeError,
    field: 'peers[1].persistentKeepalive',
  },
  {
    title: 'a fractional keepalive',
    mutate: (s) => (s.peers[0].persistentKeepalive = 2.5),
    error: SiteFileError,
    field: 'peers[0].persistentKeepalive',
    message: /whole number/,
  },
  {
    title: 'MTU 200',
    mutate: (s) => (s.tunnel.mtu = 200),
    error: ValueRangeError,
    field: 'tunnel.mtu',
    message: /200 is out of range; use 576–9000, usually 1420/,
  },
  {
    title: 'MTU 1000 with IPv6 in use',
    mutate: (s) => {
      s.tunnel.mtu = 1000;
      s.lan.subnets.push('fd00:1::/64');
    },
    error: ValueRangeError,
    field: 'tunnel.mtu',
    message: /use 1280–9000 \(IPv6 needs at least 1280\)/,
  },
  {
    title: 'MTU 9001',
    mutate: (s) => (s.tunnel.mtu = 9001),
    error: ValueRangeError,
    field: 'tunnel.mtu',
  },
  {
    title: 'firewall TCP port 0',
    mutate: (s) => (s.firewall.fromRemote = { tcp: [0] }),
    error: ValueRangeError,
    field: 'firewall.fromRemote.tcp[0]',
    message: /1 to 65535/,
  },
  {
    title: 'firewall UDP port 70000',
    mutate: (s) => (s.firewall.fromRemote = { tcp: [22], udp: [53, 70000] }),
    error: ValueRangeError,
    field: 'firewall.fromRemote.udp[1]',
    message: /70000 is out of range/,
  },
  {
    title: 'a firewall port as text',
    mutate: (s) => (s.firewall.fromRemote = { tcp: ['22'] }),
    error: SiteFileError,
    field: 'firewall.fromRemote.tcp[0]',
    message: /must be a number, not the text "22"/,
  },
  {
    title: 'firewall.fromRemote as an unknown word',
    mutate: (s) => (s.firewall.fromRemote = 'none'),
    error: SiteFileError,
    field: 'firewall.fromRemote',
    message: /must be "all" or \{ "tcp": \[ports\], "udp": \[ports\] \}, not the text "none"/,
  },
  {
    title: 'an unknown field in firewall.fromRemote',
    mutate: (s) => (s.firewall.fromRemote = { tcp: [22], icmp: true }),
    error: SiteFileError,
    field: 'firewall.fromRemote.icmp',
    message: /unknown field\(s\) "icmp"/,
  },
  // Names
  {
    title: 'an interface name of 16 characters',
    mutate: (s) => (s.interface = 'wg-abcdefghijklm'),
    error: NameError,
    field: 'interface',
    message: /16 characters; Linux allows at most 15/,
  },
  {
    title: 'an interface name with a space',
    mutate: (s) => (s.interface = 'wg 0'),
    error: NameError,
    field: 'interface',
    message: /a space at position 3/,
  },
  {
    title: 'an interface name with a slash',
    mutate: (s) => (s.interface = 'wg/0'),
    error: NameError,
    field: 'interface',
    message: /"\/" at position 3; only letters, digits and _ = \+ \. - are allowed/,
  },
  {
    title: 'a bad LAN interface name',
    mutate: (s) => (s.lan.interface = 'eth0:1'),
    error: NameError,
    field: 'lan.interface',
    message: /":" at position 5/,
  },
  {
    title: 'a site name starting with a hyphen',
    mutate: (s) => (s.name = '-alpha'),
    error: NameError,
    field: 'name',
    message: /must start with a letter or digit/,
  },
  {
    title: 'a site name with a space',
    mutate: (s) => (s.name = 'main office'),
    error: NameError,
    field: 'name',
    message: /Use "-" instead of spaces/,
  },
  {
    title: 'a peer name of 33 characters',
    mutate: (s) => (s.peers[1].name = 'g'.repeat(33)),
    error: NameError,
    field: 'peers[1].name',
    message: /33 characters; at most 32/,
  },
  {
    title: 'an empty peer name',
    mutate: (s) => (s.peers[0].name = ''),
    error: NameError,
    field: 'peers[0].name',
    message: /empty/,
  },
  {
    title: 'two peers with the same name',
    mutate: (s) => (s.peers[1].name = 'beta'),
    error: DuplicateError,
    field: 'peers[1].name',
    message: /"beta" is already used by peers\[0\]; give each peer its own name/,
  },
  // Shape of the file
  {
    title: 'an unknown top-level field',
    mutate: (s) => (s.gateway = '192.168.1.1'),
    error: SiteFileError,
    field: 'gateway',
    message: /the top level has unknown field\(s\) "gateway"; check the spelling \(see `wg-site schema`\)/,
  },
  {
    title: 'an unknown field in lan',
    mutate: (s) => (s.lan.router = '192.168.1.1'),
    error: SiteFileError,
    field: 'lan.router',
    message: /lan has unknown field\(s\) "router"/,
  },
  {
    title: 'an unknown field in a peer',
    mutate: (s) => (s.peers[1].allowedIps = ['10.0.0.0/8']),
    error: SiteFileError,
    field: 'peers[1].allowedIps',
    message: /peers\[1\] has unknown field\(s\) "allowedIps"/,
  },
  {
    title: 'a misspelt field in tunnel',
    mutate: (s) => (s.tunnel.listen_port = 51820),
    error: SiteFileError,
    field: 'tunnel.listen_port',
  },
  {
    title: 'a number where the site name goes',
    mutate: (s) => (s.name = 42),
    error: SiteFileError,
    field: 'name',
    message: /name must be text in quotes, not number 42/,
  },
  {
    title: 'an object where the peer list goes',
    mutate: (s) => (s.peers = s.peers[0]),
    error: SiteFileError,
    field: 'peers',
    message: /must be a list \[ … \], not an object/,
  },
  {
    title: 'a string where the LAN subnets list goes',
    mutate: (s) => (s.lan.subnets = '192.168.1.0/24'),
    error: SiteFileError,
    field: 'lan.subnets',
    message: /must be a list/,
  },
  {
    title: 'a number inside a subnet list',
    mutate: (s) => (s.peers[1].subnets = [24]),
    error: SiteFileError,
    field: 'peers[1].subnets[0]',
    message: /must be text in quotes, not number 24/,
  },
  {
    title: 'a missing site name',
    mutate: (s) => delete s.name,
    error: SiteFileError,
    field: 'name',
    message: /name is missing; it is required here/,
  },
  {
    title: 'a missing peer key',
    mutate: (s) => delete s.peers[1].publicKey,
    error: SiteFileError,
    field: 'peers[1].publicKey',
    message: /is missing/,
  },
  {
    title: 'a missing tunnel section',
    mutate: (s) => delete s.tunnel,
    error: SiteFileError,
    field: 'tunnel',
    message: /tunnel is missing/,
  },
  {
    title: 'a missing routing option',
    mutate: (s) => delete s.routing,
    error: SiteFileError,
    field: 'routing',
    message: /routing is missing; it must be one of "default-router", "static-route", "masquerade"/,
  },
  {
    title: 'routing "nat"',
    mutate: (s) => (s.routing = 'nat'),
    error: SiteFileError,
    field: 'routing',
    message: /routing is the text "nat"; it must be one of "default-router", "static-route", "masquerade"/,
  },
  {
    title: 'no peers',
    mutate: (s) => (s.peers = []),
    error: SiteFileError,
    field: 'peers',
    message: /needs at least 1 entry/,
  },
  {
    title: 'no LAN subnets',
    mutate: (s) => (s.lan.subnets = []),
    error: SiteFileError,
    field: 'lan.subnets',
    message: /needs at least 1 entry/,
  },
  {
    title: 'a peer without subnets',
    mutate: (s) => (s.peers[0].subnets = []),
    error: SiteFileError,
    field: 'peers[0].subnets',
    message: /needs at least one far LAN subnet/,
  },
  {
    title: 'a relative preshared key file',
    mutate: (s) => (s.peers[0].presharedKeyFile = 'wg0-beta.psk'),
    error: PathError,
    field: 'peers[0].presharedKeyFile',
    message: /is not absolute; start it with "\/", e\.g\. \/etc\/wireguard\/wg0-beta\.psk/,
  },
  {
    title: 'a preshared key file path with a space',
    mutate: (s) => (s.peers[1].presharedKeyFile = '/etc/wireguard/my key.psk'),
    error: PathError,
    field: 'peers[1].presharedKeyFile',
  },
];

describe('checkSite refuses bad site files, naming the exact error class and field', () => {
  test('the base site used by every case is itself sound', () => {
    const { site, problems } = checkSite(baseSite(), own);
    assert.deepEqual(
      problems.map((p) => p.message),
      [],
    );
    assert.ok(site);
  });

  test('the table has at least 60 cases', () => assert.ok(bad.length >= 60, `${bad.length} cases`));

  for (const c of bad) {
    test(`${c.title} gives ${c.error.name} at ${c.field}`, () => {
      const raw = baseSite();
      c.mutate(raw);
      const { site, problems } = checkSite(raw, own);
      assert.equal(site, undefined);
      const first = problems[0];
      assert.ok(first, 'expected at least one problem');
      assert.equal(
        first.constructor,
        c.error,
        `expected ${c.error.name}, got ${first.constructor.name}: ${first.message}`,
      );
      assert.equal(first.field, c.field, first.message);
      if (c.message) assert.match(first.message, c.message);
      for (const p of problems) {
        assert.ok(!p.message.includes(OWN_PRIVATE), 'a message repeats the private key');
        assert.ok(p.field.length > 0);
      }
    });
  }
});

describe('checkSiteText', () => {
  test('invalid JSON is a SiteFileError that says where the syntax breaks', () => {
    const { site, problems } = checkSiteText('{ "name": "alpha", }');
    assert.equal(site, undefined);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.constructor, SiteFileError);
    assert.equal(problems[0]!.field, '(site file)');
    assert.match(problems[0]!.message, /not valid JSON: line 1, column 20: expected a key/);
  });

  test('a key written twice is refused, named by its path', () => {
    const text = JSON.stringify(baseSite()).replace('"name":"beta",', '"name":"beta","name":"beta2",');
    const { site, problems } = checkSiteText(text);
    assert.equal(site, undefined);
    assert.equal(problems.length, 1);
    assert.ok(problems[0] instanceof DuplicateError);
    assert.equal(problems[0]!.field, 'peers[0].name');
    assert.match(problems[0]!.message, /peers\[0\]\.name is written twice/);
  });

  test('a site file that starts with a UTF-8 byte order mark is read', () => {
    const { site, problems } = checkSiteText(`\uFEFF${JSON.stringify(baseSite(), null, 2)}`);
    assert.deepEqual(problems, []);
    assert.equal(site?.name, 'alpha');
  });

  test('a JSON list instead of an object is refused for the whole file', () => {
    const { problems } = checkSiteText('[]');
    assert.equal(problems[0]!.constructor, SiteFileError);
    assert.equal(problems[0]!.field, '(site file)');
    assert.match(problems[0]!.message, /must be an object \{ … \}, not a list/);
  });

  test('valid text gives the same site as checkSite', () => {
    const text = JSON.stringify(baseSite());
    assert.deepEqual(checkSiteText(text, own), checkSite(baseSite(), own));
  });
});

describe('checkSite accepts sound site files', () => {
  test('defaults are applied: interface wg0, listen port 51820, firewall all', () => {
    const raw = baseSite();
    delete raw.interface;
    delete raw.tunnel.listenPort;
    delete raw.firewall;
    const site = parseSite(raw);
    assert.equal(site.interface, 'wg0');
    assert.equal(site.tunnel.listenPort, 51820);
    assert.equal(site.tunnel.mtu, undefined);
    assert.deepEqual(site.firewall, { fromRemote: 'all' });
  });

  test('every value is parsed and normalised', () => {
    const raw = baseSite();
    raw.name = ' alpha ';
    raw.peers[0].endpoint = 'Beta.Example.NET:51820';
    raw.peers[1].endpoint = '[2001:DB8:0:0::1]:51821';
    raw.peers[1].persistentKeepalive = 0;
    raw.firewall.fromRemote = { tcp: [22, 443] };
    const site = parseSite(raw, own);
    assert.equal(site.name, 'alpha');
    assert.equal(site.lan.address?.address.text, '192.168.1.10');
    assert.equal(site.lan.address?.prefix, 24);
    assert.deepEqual(
      site.lan.subnets.map((s) => s.text),
      ['192.168.1.0/24'],
    );
    assert.equal(site.tunnel.address.network.text, '10.0.0.0/29');
    assert.equal(site.peers[0]!.endpoint?.text, 'beta.example.net:51820');
    assert.equal(site.peers[0]!.persistentKeepalive, 25);
    assert.equal(site.peers[0]!.presharedKeyFile, '/etc/wireguard/wg0-beta.psk');
    assert.equal(site.peers[1]!.endpoint?.text, '[2001:db8::1]:51821');
    assert.equal(site.peers[1]!.persistentKeepalive, undefined, 'keepalive 0 means off');
    assert.deepEqual(site.firewall.fromRemote, { tcp: [22, 443], udp: [] });
  });

  const good: Array<{ title: string; mutate: (s: Raw) => void }> = [
    {
      title: 'a /31 tunnel pair (RFC 3021) using both addresses',
      mutate: (s) => {
        s.tunnel.address = '10.0.0.0/31';
        s.peers = [{ ...s.peers[0], tunnelAddress: '10.0.0.1' }];
      },
    },
    {
      title: 'two /32 tunnel addresses',
      mutate: (s) => {
        s.tunnel.address = '10.0.0.1/32';
        s.peers[0].tunnelAddress = '10.9.9.9';
      },
    },
    {
      title: 'an IPv6 tunnel with IPv4 and IPv6 LANs',
      mutate: (s) => {
        s.tunnel.address = 'fd00:77::1/127';
        s.tunnel.mtu = 1280;
        s.lan.subnets.push('fd50:1::/64');
        s.peers = [{ ...s.peers[0], tunnelAddress: 'fd00:77::', subnets: ['192.168.2.0/24', 'fd60::/64'] }];
      },
    },
    {
      title: 'no endpoint, no LAN address or interface, no preshared key',
      mutate: (s) => {
        delete s.lan.address;
        delete s.lan.interface;
        delete s.peers[0].endpoint;
        delete s.peers[0].presharedKeyFile;
      },
    },
    { title: 'a $schema reference', mutate: (s) => (s.$schema = './site.schema.json') },
    { title: 'MTU 576 on IPv4 only', mutate: (s) => (s.tunnel.mtu = 576) },
    {
      title: 'far subnets of one peer that touch but do not overlap',
      mutate: (s) => (s.peers[0].subnets = ['192.168.2.0/25', '192.168.2.128/25']),
    },
    {
      title: 'each routing option',
      mutate: (s) => (s.routing = 'masquerade'),
    },
    { title: 'static-route', mutate: (s) => (s.routing = 'static-route') },
  ];
  for (const c of good) {
    test(`${c.title} is accepted`, () => {
      const raw = baseSite();
      c.mutate(raw);
      const { site, problems } = checkSite(raw, own);
      assert.deepEqual(
        problems.map((p) => `${p.field}: ${p.message}`),
        [],
      );
      assert.ok(site);
    });
  }
});

describe('checkSite collects every problem at once', () => {
  test('three independent mistakes give three problems, each at its own field', () => {
    const raw = baseSite();
    raw.name = 'main office';
    raw.peers[0].endpoint = '2001:db8::1:51820';
    raw.tunnel.mtu = 100;
    const { problems } = checkSite(raw);
    assert.deepEqual(
      problems.map((p) => [p.constructor.name, p.field]),
      [
        ['NameError', 'name'],
        ['EndpointError', 'peers[0].endpoint'],
        ['ValueRangeError', 'tunnel.mtu'],
      ],
    );
  });

  test('every schema mistake is reported, not only the first', () => {
    const raw = baseSite();
    raw.routing = 'nat';
    raw.bogus = true;
    delete raw.peers[1].tunnelAddress;
    const fields = checkSite(raw)
      .problems.map((p) => p.field)
      .sort();
    assert.deepEqual(fields, ['bogus', 'peers[1].tunnelAddress', 'routing']);
  });

  test('parseSite throws the first problem', () => {
    const raw = baseSite();
    raw.peers[0].publicKey = OWN_PRIVATE;
    assert.throws(
      () => parseSite(raw, own),
      (e: unknown) => e instanceof KeyError && e.field === 'peers[0].publicKey',
    );
  });
});
