/**
 * Issue 8 §1 for pairing codes: each hostile string in every string field of a pairing code is
 * refused naming that field, both when wg-site makes a code (every string field of PairingInfo,
 * taken from a sample, so a new field is swept too) and when it reads one crafted by hand with the
 * hostile text in the code's own text slots (the maker's site name and an endpoint host name).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../source/domain/errors.js';
import { parseCidr, parseIp } from '../../../source/domain/cidr.js';
import {
  decodePairingCode,
  encodePairingCode,
  type PairingInfo,
} from '../../../source/domain/pairing/code.js';
import { ByteWriter } from '../../../source/domain/pairing/bytes.js';
import { checksum, PAIRING_PREFIX, PAIRING_VERSION } from '../../../source/domain/pairing/frame.js';
import { hasControlCharacter, hostileValues } from '../../fixtures/hostile-values.js';

const sample: PairingInfo = {
  siteName: 'alpha',
  publicKey: 'kJKKbI3SCtlyP5eBEEtyzV/Pu7plgg+vQ31whA9jaWI=',
  endpoint: 'alpha.example.net:51820',
  tunnelAddress: '10.255.255.0/31',
  peerTunnelAddress: '10.255.255.1/31',
  subnets: ['192.168.1.0/24'],
  listenPort: 51820,
  presharedKey: 'xTqHAIn5UYtiVmEkpdJN9DxFUBjl6IPAVJ7QY1D99Vg=',
};
const hostile = hostileValues('/tmp/wg-site-canary');

function assertRefused(run: () => unknown, field: string, label: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InputError, `${label}: ${String(error)}`);
    assert.equal(error.field, field, `${label}: ${error.message}`);
    assert.equal(hasControlCharacter(error.message), false, `${label}: control character in the message`);
    return true;
  });
}

describe('hostile values in a pairing code wg-site makes', () => {
  const fields = Object.entries(sample).filter(
    ([, v]) => typeof v === 'string' || (Array.isArray(v) && typeof v[0] === 'string'),
  );
  test('the sweep covers every string field of a pairing code', () => {
    assert.deepEqual(fields.map(([k]) => k).sort(), [
      'endpoint',
      'peerTunnelAddress',
      'presharedKey',
      'publicKey',
      'siteName',
      'subnets',
      'tunnelAddress',
    ]);
  });
  for (const [key, value] of fields) {
    const field = Array.isArray(value) ? `pairingCode.${key}[0]` : `pairingCode.${key}`;
    test(`every hostile value in ${key} is refused naming ${field}`, () => {
      for (const h of hostile) {
        for (const text of [h.text, `${Array.isArray(value) ? value[0] : value}${h.text}`]) {
          const info = { ...sample, [key]: Array.isArray(value) ? [text] : text };
          assertRefused(() => encodePairingCode(info, { includePresharedKey: true }), field, h.name);
        }
      }
    });
  }
});

/** A version-1 code with `siteName` and an endpoint host name written as given (format: see code.ts). */
function craftedCode(siteName: string, host: string): string {
  const body = new ByteWriter();
  body
    .u8(1)
    .raw(new Uint8Array(Buffer.from(sample.publicKey, 'base64')))
    .u16(51820)
    .text(siteName);
  body.address(parseIp('10.255.255.0')).u8(31).address(parseIp('10.255.255.1')).u8(31);
  body.u8(1).prefix(parseCidr('192.168.1.0/24'));
  body.u8(0).text(host).u16(51820);
  const fields = body.done();
  const head = new ByteWriter()
    .u8(PAIRING_VERSION)
    .u16(3 + fields.length + 4)
    .raw(fields)
    .done();
  return (
    PAIRING_PREFIX + Buffer.from(new ByteWriter().raw(head).raw(checksum(head)).done()).toString('base64url')
  );
}

/** The hostile text cut to what one length byte can carry. */
const fit = (text: string) =>
  Buffer.from(text, 'utf8')
    .subarray(0, 255)
    .toString('utf8')
    .replace(/\uFFFD$/, '');

describe('hostile values in a pairing code crafted by hand', () => {
  test('a crafted code with ordinary text decodes (the crafting is right)', () => {
    assert.equal(decodePairingCode(craftedCode('alpha', 'alpha.example.net')).siteName, 'alpha');
  });
  for (const h of hostile) {
    test(`${h.name} in the site name or the endpoint host is refused naming the field`, () => {
      assertRefused(
        () => decodePairingCode(craftedCode(fit(h.text), 'alpha.example.net')),
        'pairingCode.siteName',
        h.name,
      );
      assertRefused(
        () => decodePairingCode(craftedCode('alpha', fit(`alpha.example.net${h.text}`))),
        'pairingCode.endpoint',
        h.name,
      );
    });
  }
});
