import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseWgDump, parseWgDumpAll } from '../../../source/domain/status/wg-dump.js';
import { StatusParseError } from '../../../source/domain/status/status-parse-error.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/status/${name}`, import.meta.url), 'utf8');

/** The private and preshared keys present in a dump (fields that must never survive parsing). */
function secretsIn(dump: string, offset: number): string[] {
  const rows = dump
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  return rows
    .map((f) => (f.length === 4 + offset ? f[offset] : f[offset + 1]))
    .filter((s): s is string => s !== undefined && s !== '(none)');
}

describe('parseWgDump on a real wireguard-go dump', () => {
  const text = fixture('wg-show-dump.txt');
  const lines = text
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  const status = parseWgDump(text);

  test('the interface line gives public key, port and fwmark but no private key', () => {
    assert.deepEqual(status.interface, { publicKey: lines[0]![1], listenPort: 51820, fwmark: 0x1234 });
  });

  test('each peer line becomes a peer with counters, endpoint and allowed IPs', () => {
    assert.equal(status.peers.length, 2);
    const byEndpoint = new Map(status.peers.map((p) => [p.endpoint, p]));
    const live = byEndpoint.get('127.0.0.1:51821')!;
    const row = lines.find((f) => f[2] === '127.0.0.1:51821')!;
    assert.equal(live.publicKey, row[0]);
    assert.equal(live.hasPresharedKey, true);
    assert.deepEqual(live.allowedIps, ['10.99.1.0/24', '192.168.20.0/24']);
    assert.equal(live.latestHandshake, Number(row[4]));
    assert.ok(live.latestHandshake > 0, 'the fixture peer completed a handshake');
    assert.equal(live.rxBytes, Number(row[5]));
    assert.equal(live.txBytes, Number(row[6]));
    assert.equal(live.persistentKeepalive, 25);
    const silent = byEndpoint.get('[::1]:51999')!;
    assert.equal(silent.hasPresharedKey, false);
    assert.equal(silent.latestHandshake, 0);
    assert.equal(silent.persistentKeepalive, undefined);
    assert.deepEqual(silent.allowedIps, ['10.99.2.0/24', 'fd00:99::/64']);
  });

  test('no private or preshared key survives anywhere in the result', () => {
    const json = JSON.stringify(status);
    const secrets = secretsIn(text, 0);
    assert.ok(secrets.length >= 2, 'the fixture holds a private key and a preshared key');
    for (const secret of secrets) assert.ok(!json.includes(secret));
  });
});

describe('parseWgDump on hand-made lines', () => {
  const head = 'PRIV=\tPUB=\t0\toff';
  const cases: { title: string; peer: string; expect: Record<string, unknown> }[] = [
    {
      title: 'a peer with nothing set',
      peer: 'K1=\t(none)\t(none)\t(none)\t0\t0\t0\toff',
      expect: {
        endpoint: undefined,
        allowedIps: [],
        hasPresharedKey: false,
        latestHandshake: 0,
        persistentKeepalive: undefined,
      },
    },
    {
      title: 'an IPv6 endpoint and a keepalive',
      peer: 'K2=\tPSK=\t[2001:db8::1]:51820\t10.0.0.2/32\t1700000000\t123\t456\t25',
      expect: {
        endpoint: '[2001:db8::1]:51820',
        hasPresharedKey: true,
        rxBytes: 123,
        txBytes: 456,
        persistentKeepalive: 25,
      },
    },
    {
      title: 'counters beyond 32 bits',
      peer: 'K3=\t(none)\t1.2.3.4:5\t0.0.0.0/0\t1\t9007199254740991\t4294967296\toff',
      expect: { rxBytes: 9007199254740991, txBytes: 4294967296 },
    },
  ];
  for (const c of cases) {
    test(`reads ${c.title}`, () => {
      const peer = parseWgDump(`${head}\n${c.peer}\n`).peers[0]!;
      for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(peer[k as keyof typeof peer], v, k);
    });
  }

  test('an interface without a key has no public key, and fwmark off is undefined', () => {
    assert.deepEqual(parseWgDump('(none)\t(none)\t0\toff\n').interface, {
      publicKey: undefined,
      listenPort: 0,
      fwmark: undefined,
    });
  });

  const bad: { title: string; text: string; line?: number }[] = [
    { title: 'empty output', text: '' },
    { title: 'an interface line with too few fields', text: 'SECRETPRIV=\tPUB=\t1\n', line: 1 },
    { title: 'a peer line with too few fields', text: `${head}\nK=\tSECRETPSK=\t(none)\n`, line: 2 },
    {
      title: 'a non-numeric counter',
      text: `${head}\nK=\tSECRETPSK=\t(none)\t(none)\t0\tlots\t0\toff\n`,
      line: 2,
    },
  ];
  for (const c of bad) {
    test(`rejects ${c.title} without quoting any key`, () => {
      assert.throws(
        () => parseWgDump(c.text),
        (e: unknown) => {
          assert.ok(e instanceof StatusParseError);
          assert.equal(e.line, c.line);
          assert.ok(!e.message.includes('SECRET'), e.message);
          return true;
        },
      );
    });
  }
});

describe('parseWgDumpAll', () => {
  test('groups a real `wg show all dump` by interface', () => {
    const text = fixture('wg-show-all-dump.txt');
    const devices = parseWgDumpAll(text);
    assert.deepEqual(
      devices.map((d) => [d.name, d.peers.length]),
      [
        ['wgtest1', 1],
        ['wgtest0', 2],
      ],
    );
    const single = parseWgDump(fixture('wg-show-dump.txt'));
    assert.deepEqual(devices[1]!.interface, single.interface);
    const json = JSON.stringify(devices);
    for (const secret of secretsIn(text, 1)) assert.ok(!json.includes(secret));
  });

  test('rejects peers of an interface whose own line is missing', () => {
    assert.throws(() => parseWgDumpAll('wg9\tK=\t(none)\t(none)\t(none)\t0\t0\t0\toff\n'), StatusParseError);
  });

  test('rejects a line with a field count that is neither 5 nor 9', () => {
    assert.throws(() => parseWgDumpAll('wg0\ta\tb\n'), /expected 5 \(interface\) or 9 \(peer\)/);
  });
});
