/**
 * The framing of a pairing code, the same in every format version so that any wg-site can tell a
 * damaged code from a newer one: the `wgsite1.` prefix, base64url, a version byte, the total length
 * (u16) and a trailing 4-byte SHA-256 checksum over the prefix and everything before it.
 */
import { createHash } from 'node:crypto';
import { MAX_PAIRING_CODE_CHARS } from '../input-limits.js';
import {
  ChecksumPairingCodeError,
  GarbledPairingCodeError,
  NewerPairingCodeError,
  TruncatedPairingCodeError,
} from './errors.js';
import { shown } from '../shown-text.js';

/** The prefix every pairing code starts with. */
export const PAIRING_PREFIX = 'wgsite1.';
/** The payload format this wg-site writes and reads. */
export const PAIRING_VERSION = 1;
/** Bytes of the checksum at the end of the payload. */
export const CHECKSUM_BYTES = 4;
/** Bytes before the version's fields: version and total length. */
export const HEADER_BYTES = 3;

/** The first 4 bytes of SHA-256 over the prefix and `body`. */
export function checksum(body: Uint8Array): Uint8Array {
  const hash = createHash('sha256').update(PAIRING_PREFIX, 'ascii').update(body).digest();
  return new Uint8Array(hash.subarray(0, CHECKSUM_BYTES));
}

/** Remove what terminals and mail programs add around a pasted line: whitespace anywhere, quotes around it. */
export function cleanPastedCode(text: string): string {
  return text.replace(/\s+/g, '').replace(/^["'`<]+|["'`>]+$/g, '');
}

/** Clean, check the prefix and characters, and decode to payload bytes. */
export function unwrap(text: string): Uint8Array {
  if (text.length > MAX_PAIRING_CODE_CHARS) {
    throw new GarbledPairingCodeError(
      `The pasted text is ${text.length} characters long; a pairing code is at most ${MAX_PAIRING_CODE_CHARS}. Paste only the line that starts with "${PAIRING_PREFIX}".`,
    );
  }
  const code = cleanPastedCode(text);
  if (code === '')
    throw new GarbledPairingCodeError(
      'The pairing code is empty; paste the line that starts with "wgsite1.".',
    );
  const framing = /^wgsite(\d+)\./i.exec(code);
  if (!framing) {
    throw new GarbledPairingCodeError(
      `This is not a wg-site pairing code: it must start with "${PAIRING_PREFIX}" (run \`wg-site pair\` on the far gateway and paste its whole line).`,
    );
  }
  if (Number(framing[1]) > 1) {
    throw new NewerPairingCodeError(
      `This pairing code starts with "wgsite${framing[1]}.": it was made by a newer wg-site; update this one.`,
    );
  }
  if (Number(framing[1]) !== 1)
    throw new GarbledPairingCodeError(
      `"wgsite${framing[1]}." is not a pairing code prefix; codes start with "${PAIRING_PREFIX}".`,
    );
  const data = code.slice(framing[0].length).replace(/=+$/, '');
  const bad = /[^A-Za-z0-9_-]/.exec(data);
  if (bad) {
    throw new GarbledPairingCodeError(
      `The pairing code has ${shown(bad[0])} at position ${PAIRING_PREFIX.length + bad.index + 1}, which is not a base64url character (A–Z a–z 0–9 - _); it was changed on the way — copy it again.`,
    );
  }
  if (data.length % 4 === 1) {
    throw new TruncatedPairingCodeError(
      'The pairing code was cut off in the middle of a character group; copy the whole line again.',
    );
  }
  const bytes = Buffer.from(data, 'base64url');
  // The last character can carry bits that decoding drops; a changed one would slip past the checksum.
  if (bytes.toString('base64url') !== data) {
    throw new ChecksumPairingCodeError(
      'The pairing code did not arrive intact: its last character was changed while copying. Copy it again.',
    );
  }
  return new Uint8Array(bytes);
}

/** Check length, checksum and version of a payload; throws the matching PairingCodeError. */
export function checkFrame(payload: Uint8Array): void {
  if (payload.length < HEADER_BYTES + CHECKSUM_BYTES) {
    throw new TruncatedPairingCodeError(
      `The pairing code is far too short (${payload.length} bytes); it was cut off — copy the whole line again.`,
    );
  }
  const declared = (payload[1]! << 8) | payload[2]!;
  if (payload.length < declared) {
    throw new TruncatedPairingCodeError(
      `The pairing code was cut off: it holds ${payload.length} of its ${declared} bytes. Copy the whole line again (a terminal may have wrapped it).`,
    );
  }
  if (payload.length > declared) {
    throw new TruncatedPairingCodeError(
      `The pairing code has ${payload.length - declared} bytes too many: something was joined onto its end. Paste only the one line.`,
    );
  }
  const body = payload.subarray(0, payload.length - CHECKSUM_BYTES);
  const expected = checksum(body);
  const actual = payload.subarray(payload.length - CHECKSUM_BYTES);
  if (!expected.every((b, i) => b === actual[i])) {
    throw new ChecksumPairingCodeError(
      'The pairing code did not arrive intact: its checksum does not match, so a character was changed while copying. Copy it again.',
    );
  }
  if (payload[0]! > PAIRING_VERSION) {
    throw new NewerPairingCodeError(
      `This pairing code has format ${payload[0]}, made by a newer wg-site: update this one (it reads format ${PAIRING_VERSION}).`,
    );
  }
  if (payload[0] !== PAIRING_VERSION)
    throw new GarbledPairingCodeError(`Pairing code format ${payload[0]} does not exist.`);
}
