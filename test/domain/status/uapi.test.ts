import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hexKeyToBase64, parseUapiGet } from '../../../source/domain/status/uapi.js';
import { parseWgDump } from '../../../source/domain/status/wg-dump.js';
import { StatusParseError } from '../../../source/domain/status/status-parse-error.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/status/${name}`, import.meta.url), 'utf8');

describe('parseUapiGet on a real wireguard-go answer', () => {
  const text = fixture('uapi-get.txt');
  const dump = parseWgDump(fixture('wg-show-dump.txt'));

  test('peers match what `wg show dump` reported for the same interface', () => {
    const status = parseUapiGet(text);
    const strip = (p: { rxBytes: number; txBytes: number; latestHandshake: number }) => ({
      ...p,
      rxBytes: 0,
      txBytes: 0,
      latestHandshake: Math.sign(p.latestHandshake),
    });
    const sort = <T extends { publicKey: string }>(a: readonly T[]) =>
      [...a].sort((x, y) => x.publicKey.localeCompare(y.publicKey));
    // Counters moved between the two captures; keys, flags, endpoints and prefixes must agree.
    assert.deepEqual(sort(status.peers).map(strip), sort(dump.peers).map(strip));
    assert.equal(status.interface.listenPort, 51820);
    assert.equal(status.interface.fwmark, 0x1234);
  });

  test('the interface public key is derived from the private key only when asked', () => {
    assert.equal(parseUapiGet(text).interface.publicKey, undefined);
    assert.equal(parseUapiGet(text, { derivePublicKey: true }).interface.publicKey, dump.interface.publicKey);
  });

  test('no private or preshared key survives, in hex or base64', () => {
    const secrets = text
      .split('\n')
      .filter((l) => /^(private_key|preshared_key)=/.test(l))
      .map((l) => l.split('=')[1]!)
      .filter((hex) => !/^0+$/.test(hex));
    assert.equal(secrets.length, 2);
    const json = JSON.stringify(parseUapiGet(text, { derivePublicKey: true }));
    for (const hex of secrets) {
      assert.ok(!json.includes(hex));
      assert.ok(!json.includes(hexKeyToBase64(hex)));
    }
  });
});

describe('parseUapiGet on hand-made answers', () => {
  const key = (byte: string) => byte.repeat(32);
  test('reads an interface without peers', () => {
    assert.deepEqual(parseUapiGet('listen_port=0\nerrno=0\n\n'), {
      interface: { publicKey: undefined, listenPort: 0, fwmark: undefined },
      peers: [],
    });
  });

  test('a peer without endpoint, allowed IPs or keepalive reads as none/off', () => {
    const peer = parseUapiGet(`public_key=${key('ab')}\nprotocol_version=1\nerrno=0\n\n`).peers[0]!;
    assert.deepEqual(peer, {
      publicKey: hexKeyToBase64(key('ab')),
      hasPresharedKey: false,
      endpoint: undefined,
      allowedIps: [],
      latestHandshake: 0,
      rxBytes: 0,
      txBytes: 0,
      persistentKeepalive: undefined,
    });
  });

  test('unknown keys from newer daemons are skipped', () => {
    const status = parseUapiGet(
      `future_knob=1\npublic_key=${key('01')}\nnew_peer_thing=x\nrx_bytes=5\nerrno=0\n\n`,
    );
    assert.equal(status.peers[0]!.rxBytes, 5);
  });

  test('hex keys convert to the base64 form wg prints', () => {
    assert.equal(hexKeyToBase64('00'.repeat(31) + 'ff'), 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP8=');
  });

  const bad: { title: string; text: string; pattern: RegExp }[] = [
    { title: 'a non-zero errno', text: 'errno=22\n\n', pattern: /errno=22/ },
    {
      title: 'a missing errno (truncated answer)',
      text: `public_key=${key('01')}\n`,
      pattern: /without an errno/,
    },
    { title: 'a line without "="', text: 'garbage\nerrno=0\n\n', pattern: /key=value/ },
    { title: 'a short private key', text: 'private_key=SECRET00\nerrno=0\n\n', pattern: /64 lowercase hex/ },
    {
      title: 'a non-numeric counter',
      text: `public_key=${key('01')}\nrx_bytes=-1\nerrno=0\n\n`,
      pattern: /rx_bytes/,
    },
  ];
  for (const c of bad) {
    test(`rejects ${c.title}`, () => {
      assert.throws(
        () => parseUapiGet(c.text),
        (e: unknown) =>
          e instanceof StatusParseError && c.pattern.test(e.message) && !e.message.includes('SECRET'),
      );
    });
  }
});
