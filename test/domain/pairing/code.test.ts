import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { InputError, NameError } from '../../../source/domain/errors.js';
import { generatePresharedKey, generatePrivateKey, publicKeyOf } from '../../../source/domain/keys.js';
import {
  cleanPastedCode,
  decodePairingCode,
  encodePairingCode,
  PAIRING_PREFIX,
  PAIRING_PSK_WARNING,
  type PairingInfo,
} from '../../../source/domain/pairing/code.js';
import { ByteWriter } from '../../../source/domain/pairing/bytes.js';
import {
  ChecksumPairingCodeError,
  GarbledPairingCodeError,
  NewerPairingCodeError,
  PairingCodeError,
  SelfPairingError,
  TruncatedPairingCodeError,
} from '../../../source/domain/pairing/errors.js';

const alphaKey = publicKeyOf(generatePrivateKey());
const psk = generatePresharedKey();

const alpha: PairingInfo = {
  siteName: 'alpha',
  publicKey: alphaKey,
  endpoint: 'vpn.alpha.example.net:51820',
  tunnelAddress: '10.255.255.0/31',
  peerTunnelAddress: '10.255.255.1/31',
  subnets: ['192.168.1.0/24'],
  listenPort: 51820,
};

/** The payload bytes of a code. */
function payloadOf(code: string): Buffer {
  return Buffer.from(code.slice(PAIRING_PREFIX.length), 'base64url');
}

/** A code around the given payload body (everything but the checksum), with a correct checksum. */
function codeWithBody(body: Uint8Array): string {
  const sum = createHash('sha256').update(PAIRING_PREFIX, 'ascii').update(body).digest().subarray(0, 4);
  return PAIRING_PREFIX + Buffer.concat([body, sum]).toString('base64url');
}

describe('encodePairingCode and decodePairingCode', () => {
  const cases: Array<{ title: string; info: PairingInfo }> = [
    { title: 'an IPv4 gateway with a host-name endpoint round-trips', info: alpha },
    {
      title: 'a gateway without an endpoint (it dials out) round-trips without one',
      info: { ...alpha, endpoint: undefined, listenPort: 40000 },
    },
    {
      title: 'an IPv4 endpoint and several subnets of odd lengths round-trip',
      info: {
        ...alpha,
        endpoint: '203.0.113.7:443',
        subnets: ['192.168.1.0/24', '10.20.0.0/16', '172.16.4.0/22', '10.0.0.128/25', '0.0.0.0/0'],
      },
    },
    {
      title: 'IPv6 tunnel addresses, endpoint and subnets round-trip',
      info: {
        ...alpha,
        endpoint: '[2001:db8::1]:51820',
        tunnelAddress: 'fd00:1::/127',
        peerTunnelAddress: 'fd00:1::1/127',
        subnets: ['2001:db8:1::/48', '192.168.1.0/24'],
      },
    },
    {
      title: 'two /32 tunnel addresses round-trip with their prefixes',
      info: { ...alpha, tunnelAddress: '10.9.9.2/32', peerTunnelAddress: '10.9.9.3/32' },
    },
  ];
  for (const { title, info } of cases) {
    test(title, () => {
      const expected = { ...info };
      if (expected.endpoint === undefined) delete expected.endpoint;
      assert.deepEqual(decodePairingCode(encodePairingCode(info)), expected);
    });
  }

  test('a typical code without a preshared key is one line shorter than 200 characters', () => {
    const code = encodePairingCode({ ...alpha, subnets: ['192.168.1.0/24', '192.168.10.0/24'] });
    assert.ok(code.startsWith(PAIRING_PREFIX));
    assert.match(code, /^[A-Za-z0-9._-]+$/);
    assert.ok(code.length < 200, `${code.length} characters`);
  });

  test('the preshared key is encoded only when the admin opts in', () => {
    const info = { ...alpha, presharedKey: psk };
    assert.equal(decodePairingCode(encodePairingCode(info)).presharedKey, undefined);
    assert.equal(
      decodePairingCode(encodePairingCode(info, { includePresharedKey: false })).presharedKey,
      undefined,
    );
    assert.equal(decodePairingCode(encodePairingCode(info, { includePresharedKey: true })).presharedKey, psk);
    assert.ok(
      !encodePairingCode(info).includes(Buffer.from(psk, 'base64').toString('base64url').slice(0, 20)),
    );
  });

  test('the preshared-key warning says it is a secret and how to pass it', () => {
    assert.match(PAIRING_PSK_WARNING, /secret/);
    assert.match(PAIRING_PSK_WARNING, /SSH/);
  });

  test('spaces, line breaks and quotes a terminal adds while pasting are ignored', () => {
    const code = encodePairingCode(alpha);
    const wrapped = `  "${code.slice(0, 30)}\n${code.slice(30, 61)}\r\n  ${code.slice(61, 90)} ${code.slice(90)}"\n`;
    assert.equal(cleanPastedCode(wrapped), code);
    assert.deepEqual(decodePairingCode(wrapped), alpha);
  });

  test('invalid values are refused when encoding, naming the field', () => {
    assert.throws(
      () => encodePairingCode({ ...alpha, siteName: 'my site' }),
      (e: unknown) => e instanceof NameError && e.field === 'pairingCode.siteName',
    );
    assert.throws(
      () => encodePairingCode({ ...alpha, subnets: ['192.168.1.1/24'] }),
      (e: unknown) => e instanceof InputError && e.field === 'pairingCode.subnets[0]',
    );
  });
});

describe('decodePairingCode refusals', () => {
  const good = encodePairingCode(alpha);
  const payload = payloadOf(good);
  const flipped = (index: number, bit: number) => {
    const copy = Buffer.from(payload);
    copy[index] = copy[index]! ^ (1 << bit);
    return PAIRING_PREFIX + copy.toString('base64url');
  };
  const newer = Buffer.from(payload.subarray(0, payload.length - 4));
  newer[0] = 2;
  const cases: Array<{
    title: string;
    text: string;
    error: new (...a: never[]) => PairingCodeError;
    message: RegExp;
  }> = [
    { title: 'empty input is garbled', text: '  \n', error: GarbledPairingCodeError, message: /empty/ },
    {
      title: 'a pasted text longer than any code is refused before it is decoded',
      text: `${good}${' '.repeat(5000)}`,
      error: GarbledPairingCodeError,
      message: /is \d+ characters long; a pairing code is at most 4096\. Paste only the line/,
    },
    {
      title: 'a public key instead of a code is garbled',
      text: alphaKey,
      error: GarbledPairingCodeError,
      message: /must start with "wgsite1\."/,
    },
    {
      title: 'a wrong prefix is garbled',
      text: `wgsit1.${good.slice(8)}`,
      error: GarbledPairingCodeError,
      message: /not a wg-site pairing code/,
    },
    {
      title: 'a non-base64url character is garbled',
      text: `${good.slice(0, 20)}*${good.slice(21)}`,
      error: GarbledPairingCodeError,
      message: /"\*" at position 21/,
    },
    {
      title: 'standard base64 "+" is garbled',
      text: `${good.slice(0, 20)}+${good.slice(21)}`,
      error: GarbledPairingCodeError,
      message: /base64url/,
    },
    {
      title: 'a code cut short is truncated',
      text: good.slice(0, good.length - 10),
      error: TruncatedPairingCodeError,
      message: /cut off/,
    },
    {
      title: 'a code cut to a few characters is truncated',
      text: good.slice(0, 12),
      error: TruncatedPairingCodeError,
      message: /short|cut off/,
    },
    {
      title: 'a code cut inside a character group is truncated',
      text: good.slice(0, PAIRING_PREFIX.length + 41),
      error: TruncatedPairingCodeError,
      message: /cut off/,
    },
    {
      title: 'a code with text joined to its end is refused',
      text: `${good}AAAA`,
      error: TruncatedPairingCodeError,
      message: /too many/,
    },
    {
      title: 'a flipped bit in the public key fails the checksum',
      text: flipped(10, 3),
      error: ChecksumPairingCodeError,
      message: /checksum/,
    },
    {
      title: 'a flipped bit in the site name fails the checksum',
      text: flipped(40, 0),
      error: ChecksumPairingCodeError,
      message: /checksum/,
    },
    {
      title: 'a flipped bit in the checksum itself fails the checksum',
      text: flipped(payload.length - 1, 7),
      error: ChecksumPairingCodeError,
      message: /checksum/,
    },
    {
      title: 'a newer payload format asks to update this wg-site',
      text: codeWithBody(newer),
      error: NewerPairingCodeError,
      message: /newer wg-site: update this one/,
    },
    {
      title: 'a newer prefix asks to update this wg-site',
      text: `wgsite2.${good.slice(8)}`,
      error: NewerPairingCodeError,
      message: /newer wg-site; update this one/,
    },
  ];
  for (const { title, text, error, message } of cases) {
    test(title, () => {
      assert.throws(
        () => decodePairingCode(text),
        (e: unknown) =>
          e instanceof error &&
          e instanceof InputError &&
          e.field === 'pairingCode' &&
          message.test(e.message),
      );
    });
  }

  test('every single changed character after the header is caught', () => {
    const start = PAIRING_PREFIX.length + 4; // past the version and length bytes
    for (let i = start; i < good.length; i++) {
      const replaced = good[i] === 'A' ? 'B' : 'A';
      const text = good.slice(0, i) + replaced + good.slice(i + 1);
      assert.throws(() => decodePairingCode(text), PairingCodeError, `position ${i}`);
    }
  });

  test("a code carrying this gateway's own public key is refused as self-pairing", () => {
    assert.throws(
      () => decodePairingCode(good, { publicKey: alphaKey }),
      (e: unknown) => e instanceof SelfPairingError && /made on this gateway/.test(e.message),
    );
    assert.equal(decodePairingCode(good, { publicKey: publicKeyOf(generatePrivateKey()) }).siteName, 'alpha');
  });

  test('content that passes the checksum but is malformed is garbled', () => {
    const body = new ByteWriter()
      .u8(1)
      .u16(3 + 1 + 4)
      .u8(0xff)
      .done();
    assert.throws(() => decodePairingCode(codeWithBody(body)), GarbledPairingCodeError);
  });

  test('a value a parser refuses is reported with its field even when the checksum matches', () => {
    const fields = new ByteWriter()
      .u8(0)
      .raw(Buffer.from(alphaKey, 'base64'))
      .u16(51820)
      .text('bad name!')
      .done();
    const rest = payloadOf(encodePairingCode(alpha)).subarray(3 + 1 + 32 + 2 + 6, -4);
    const all = new ByteWriter().raw(fields).raw(rest).done();
    const body = new ByteWriter()
      .u8(1)
      .u16(3 + all.length + 4)
      .raw(all)
      .done();
    assert.throws(
      () => decodePairingCode(codeWithBody(body)),
      (e: unknown) => e instanceof NameError && e.field === 'pairingCode.siteName',
    );
  });
});
