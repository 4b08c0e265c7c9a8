import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigSyntaxError } from '../../../source/domain/errors.js';
import { parseWgConfig, readConfig, renderWgConfig } from '../../../source/domain/wg-config/index.js';
import { KEYS, fixture, fixtureNames } from './fixtures.js';

const { privateA: K, publicB: P, preshared: S } = KEYS;

describe('parseWgConfig round trip', () => {
  for (const name of fixtureNames) {
    test(`renders ${name} back byte for byte`, () => {
      const text = fixture(name);
      assert.equal(renderWgConfig(parseWgConfig(text).document), text);
    });
  }

  test('keeps CRLF endings, tabs, trailing whitespace and a missing final newline', () => {
    const text = '[Interface]\r\n\tAddress = 10.9.0.1/31 \t\r\nPrivateKey=' + K + '\r\n\r\n# end';
    assert.equal(renderWgConfig(parseWgConfig(text).document), text);
  });

  test('seed fixtures parse without warnings', () => {
    for (const name of fixtureNames.filter((n) => n.startsWith('seed-'))) {
      assert.deepEqual(parseWgConfig(fixture(name)).warnings, [], name);
    }
  });
});

describe('readConfig', () => {
  test('reads the site-to-site seed with its preshared key, endpoint and keepalive', () => {
    const settings = readConfig(parseWgConfig(fixture('seed-000-site-a.conf')).document);
    assert.deepEqual(settings.interface.addresses, ['10.0.0.1/32']);
    assert.equal(settings.interface.listenPort, 51820);
    assert.equal(settings.interface.privateKey, K);
    assert.equal(settings.peers.length, 1);
    assert.deepEqual(settings.peers[0], {
      publicKey: P,
      presharedKey: S,
      allowedIps: ['10.0.0.2/32', '192.168.2.0/24'],
      endpoint: 'siteb.example.com:51820',
      persistentKeepalive: 25,
    });
  });

  test('accepts lower-case keys and headers, no spaces around "=", and "off" in any case', () => {
    const settings = readConfig(parseWgConfig(fixture('adv-odd-case.conf')).document);
    assert.equal(settings.interface.privateKey, K);
    assert.equal(settings.interface.listenPort, 51820);
    assert.equal(settings.peers[0]!.endpoint, 'SiteB.Example.com:51820');
    assert.equal(settings.peers[0]!.persistentKeepalive, 0);
  });

  test('accumulates repeated Address, DNS, AllowedIPs and hook lines in file order', () => {
    const settings = readConfig(parseWgConfig(fixture('adv-repeated.conf')).document);
    assert.deepEqual(settings.interface.addresses, [
      '10.9.0.1/31',
      'fd00:9::1/127',
      '10.9.1.1/24',
      '10.9.2.1/24',
    ]);
    assert.deepEqual(settings.interface.dns, ['192.168.2.1', 'site-b.lan']);
    assert.deepEqual(settings.interface.preUp, ['echo pre']);
    assert.deepEqual(settings.interface.postUp, ['echo one', 'echo two; echo three']);
    assert.deepEqual(settings.interface.postDown, ['echo down']);
    assert.equal(settings.interface.table, 'off');
    assert.equal(settings.interface.fwMark, 0x1234);
    assert.deepEqual(settings.peers[0]!.allowedIps, ['10.9.0.0/32', '192.168.2.0/24']);
  });

  test('cuts trailing comments from values but keeps them in hook commands, as wg-quick does', () => {
    const settings = readConfig(parseWgConfig(fixture('adv-trailing-comments.conf')).document);
    assert.deepEqual(settings.interface.addresses, ['10.9.0.1/31']);
    assert.equal(settings.interface.privateKey, K);
    assert.equal(settings.interface.listenPort, 51820);
    assert.deepEqual(settings.interface.postUp, [
      'nft -f /etc/nftables.d/wg.nft # not a comment for wg-quick',
    ]);
    assert.equal(settings.peers[0]!.endpoint, '[2001:db8::1]:51820');
    assert.equal(settings.peers[0]!.name, 'site B');
  });

  test('splits comma lists with tabs and spaces around the commas', () => {
    const settings = readConfig(parseWgConfig(fixture('adv-tabs.conf')).document);
    assert.deepEqual(settings.peers[0]!.allowedIps, ['10.9.0.0/32', '192.168.2.0/24', 'fd00:2::/64']);
    assert.equal(settings.interface.mtu, 1420);
  });

  test('names a peer from a comment inside its block or right above it, not from commented-out settings', () => {
    const bastion = readConfig(parseWgConfig(fixture('seed-004-bastion.conf')).document);
    assert.deepEqual(
      bastion.peers.map((p) => p.name),
      ['HQ gateway', 'Remote office (no Endpoint -- it connects to us)'],
    );
    const split = readConfig(parseWgConfig(fixture('seed-004-split-route-25.conf')).document);
    assert.equal(split.peers[0]!.name, undefined);
  });

  test('reads SaveConfig and a later ListenPort overriding an earlier one', () => {
    const text = `[Interface]\nPrivateKey = ${K}\nListenPort = 1\nListenPort = 2\nSaveConfig = TRUE\n`;
    const settings = readConfig(parseWgConfig(text).document);
    assert.equal(settings.interface.listenPort, 2);
    assert.equal(settings.interface.saveConfig, true);
  });
});

describe('parseWgConfig warnings', () => {
  test('reports unknown keys with line number and text, and keeps them', () => {
    const text = fixture('adv-unknown-key.conf');
    const { document, warnings } = parseWgConfig(text);
    assert.deepEqual(
      warnings.map((w) => [w.field, w.line, w.text]),
      [
        ['Interface.Jc', 5, 'Jc = 4'],
        ['Peer[0].Foo', 10, 'Foo = bar'],
      ],
    );
    assert.equal(renderWgConfig(document), text);
  });

  test('explains that SaveConfig = true makes wg-quick overwrite the file', () => {
    const { warnings } = parseWgConfig(fixture('adv-saveconfig.conf'));
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.field, 'Interface.SaveConfig');
    assert.equal(warnings[0]!.line, 5);
    assert.match(warnings[0]!.message, /overwrite|rewrites/);
  });

  test('warns about repeated single-value keys, host bits, prefixes claimed twice and a low MTU', () => {
    const text = [
      '[Interface]',
      `PrivateKey = ${K}`,
      'ListenPort = 1',
      'ListenPort = 2',
      'MTU = 1000',
      '[Peer]',
      `PublicKey = ${P}`,
      'AllowedIPs = 10.0.0.1/24',
      '[Peer]',
      `PublicKey = ${KEYS.publicC}`,
      'AllowedIPs = 10.0.0.0/24',
    ].join('\n');
    const { warnings } = parseWgConfig(text);
    assert.deepEqual(
      warnings.map((w) => [w.field, w.line]),
      [
        ['Interface.ListenPort', 3],
        ['Interface.MTU', 5],
        ['Peer[0].AllowedIPs', 8],
        ['Peer[1].AllowedIPs', 11],
      ],
    );
    assert.match(warnings[2]!.message, /10\.0\.0\.0\/24/);
  });

  test("warns when a peer's PublicKey is this interface's own key or its private key", () => {
    const own = `[Interface]\nPrivateKey = ${K}\n[Peer]\nPublicKey = ${KEYS.publicA}\n`;
    assert.match(parseWgConfig(own).warnings[0]!.message, /own public key/);
    const pasted = `[Interface]\nPrivateKey = ${K}\n[Peer]\nPublicKey = ${K}\n`;
    const warning = parseWgConfig(pasted).warnings[0]!;
    assert.match(warning.message, /PrivateKey/);
    assert.ok(!JSON.stringify(warning).includes(K));
  });

  test('hides a key-like value when it echoes an unknown line', () => {
    const { warnings } = parseWgConfig(`[Interface]\nPrivateKye = ${K}\n`);
    assert.equal(warnings[0]!.line, 2);
    assert.ok(!JSON.stringify(warnings).includes(K.slice(0, 20)));
  });
});

const iface = (line: string): string => `[Interface]\nPrivateKey = ${K}\nAddress = 10.9.0.1/31\n${line}\n`;
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

describe('parseWgConfig errors', () => {
  for (const [title, text, field, line] of BAD_CASES) {
    test(`refuses ${title} with field ${field} on line ${line}`, () => {
      assert.throws(
        () => parseWgConfig(text),
        (err: unknown) => {
          assert.ok(err instanceof ConfigSyntaxError, `expected ConfigSyntaxError, got ${String(err)}`);
          assert.equal(err.field, field);
          assert.equal(err.line, line);
          assert.match(err.message, new RegExp(`^line ${line}: `));
          return true;
        },
      );
    });
  }

  test('never puts a private or preshared key (or a large piece of one) in an error message', () => {
    const secrets = [K, S, K.slice(0, 43), K.replace(/\//g, '_'), S.slice(0, 30)];
    const cases = [
      ...BAD_CASES.map(([, text]) => text),
      iface(`PrivateKey = ${K}x`),
      iface(`PrivateKey = ${K} ${K}`),
      peer(`PresharedKey = ${S}${S}`),
      peer(`PresharedKey = ${S.replace('=', '')}`),
      `${iface(`Endpoint = ${K}`)}`,
      `PrivateKey = ${K}\n`,
      `${iface('')}PrivateKey ${K.slice(0, 43)} # no equals sign\n`,
    ];
    for (const text of cases) {
      assert.throws(
        () => parseWgConfig(text),
        (err: unknown) => {
          assert.ok(err instanceof ConfigSyntaxError);
          for (const secret of secrets) {
            for (let i = 0; i + 16 <= secret.length; i += 4) {
              assert.ok(
                !err.message.includes(secret.slice(i, i + 16)),
                `message leaks a key: ${err.message}`,
              );
            }
          }
          return true;
        },
      );
    }
  });
});
