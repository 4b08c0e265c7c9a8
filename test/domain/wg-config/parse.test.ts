import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigSyntaxError } from '../../../source/domain/errors.js';
import { parseWgConfig, readConfig, renderWgConfig } from '../../../source/domain/wg-config/index.js';
import { BAD_CASES } from './cases.js';
import { KEYS, fixture, fixtureNames } from './fixtures.js';

const { privateA: K, publicB: P, preshared: S } = KEYS;
const iface = (line: string): string => `[Interface]\nPrivateKey = ${K}\nAddress = 10.9.0.1/31\n${line}\n`;
const peer = (line: string): string =>
  `${iface('ListenPort = 51820')}\n[Peer]\nPublicKey = ${P}\nAllowedIPs = 10.9.0.0/32\n${line}\n`;

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
