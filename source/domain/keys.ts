/**
 * WireGuard keys: generation, derivation and validation that matches what `wg` accepts.
 *
 * Keys travel as standard base64 of 32 bytes: 44 characters ending in `=`. Error messages here
 * never repeat the key text, because it may be a private or preshared key.
 */
import { randomBytes } from 'node:crypto';
import { x25519 } from '@noble/curves/ed25519';
import { KeyError } from './errors.js';

/** Length of a WireGuard key in bytes. */
export const KEY_BYTES = 32;
/** Length of a WireGuard key in base64 characters. */
export const KEY_BASE64_LENGTH = 44;

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Clamp 32 bytes into an X25519 scalar in place, exactly as `wg genkey` does. */
function clamp(bytes: Uint8Array): Uint8Array {
  bytes[0] = bytes[0]! & 248;
  bytes[31] = (bytes[31]! & 127) | 64;
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function fromBase64(key: string): Uint8Array {
  return new Uint8Array(Buffer.from(key, 'base64'));
}

/** Generate a new private key: 32 random bytes, clamped, base64 (like `wg genkey`). */
export function generatePrivateKey(): string {
  return toBase64(clamp(new Uint8Array(randomBytes(KEY_BYTES))));
}

/** Generate a preshared key: 32 random bytes, base64 (like `wg genpsk`). */
export function generatePresharedKey(): string {
  return toBase64(new Uint8Array(randomBytes(KEY_BYTES)));
}

/**
 * Derive the public key of a private key (X25519 with base point 9), like `wg pubkey`.
 * The private key is validated first; `wg` clamps it before use, and so does X25519 here.
 */
export function publicKeyOf(privateKey: string, field = 'privateKey'): string {
  const key = parseKey(privateKey, field);
  return toBase64(x25519.getPublicKey(fromBase64(key)));
}

/**
 * Validate a key the way wireguard-tools does: exactly 44 characters of the standard base64
 * alphabet, `=` last, and a 43rd character whose two unused low bits are zero (the canonical
 * encoding of 32 bytes). Surrounding whitespace is trimmed. Returns the trimmed key.
 * @throws KeyError naming `field`, saying what is wrong (never echoing the key).
 */
export function parseKey(text: string, field = 'key'): string {
  const key = text.trim();
  if (key.length === 0) {
    throw new KeyError(field, 'Key is empty; paste the 44-character base64 key (it ends with "=").');
  }
  if (/\s/.test(key)) {
    throw new KeyError(field, 'Key contains whitespace inside it; a key is one unbroken 44-character word.');
  }
  if (key.length !== KEY_BASE64_LENGTH) {
    const hint =
      key.length === KEY_BASE64_LENGTH - 1 ? ' (is the trailing "=" missing?)' : ' (was it cut or joined?)';
    throw new KeyError(
      field,
      `Key has ${key.length} characters but a WireGuard key has exactly ${KEY_BASE64_LENGTH}${hint}.`,
    );
  }
  if (!key.endsWith('=')) {
    throw new KeyError(field, 'Key must end with "=" (44th character); it looks truncated or mangled.');
  }
  for (let i = 0; i < KEY_BASE64_LENGTH - 1; i++) {
    const ch = key[i]!;
    if (!BASE64_ALPHABET.includes(ch)) {
      const shown = /[\x21-\x7e]/.test(ch) ? `"${ch}"` : `code ${ch.codePointAt(0)}`;
      const extra =
        ch === '-' || ch === '_'
          ? ' (that is URL-safe base64; WireGuard uses "+" and "/")'
          : ch === '='
            ? ' ("=" may only be the last character)'
            : '';
      throw new KeyError(
        field,
        `Key has an invalid character ${shown} at position ${i + 1}; only A-Z, a-z, 0-9, "+" and "/" are allowed before the final "="${extra}.`,
      );
    }
  }
  const last = BASE64_ALPHABET.indexOf(key[KEY_BASE64_LENGTH - 2]!);
  if ((last & 3) !== 0) {
    throw new KeyError(
      field,
      'Key is not canonical base64: its 43rd character encodes bits beyond the 32 key bytes; it was probably mistyped.',
    );
  }
  return key;
}

/** The field prime of Curve25519, 2^255 - 19. */
const P = (1n << 255n) - 19n;

/**
 * u-coordinates of the points of small order on Curve25519 (and its twist): 0 and 1, p-1,
 * and the two points of order 8. These are the values X25519 implementations refuse.
 */
export const LOW_ORDER_U: readonly bigint[] = [
  0n,
  1n,
  P - 1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
];

/** Little-endian bytes → bigint. */
function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/**
 * True when a 32-byte public key is a low-order point (after masking the top bit, which X25519
 * ignores, and reducing mod p, which catches the non-canonical encodings of 0 and 1).
 */
export function isLowOrderPublicKey(key: string): boolean {
  const u = (littleEndian(fromBase64(key)) & ((1n << 255n) - 1n)) % P;
  return LOW_ORDER_U.includes(u);
}

/**
 * Validate a public key: {@link parseKey} plus refusal of the all-zero key and the other
 * low-order points, which no real private key produces.
 * @throws KeyError naming `field`.
 */
export function parsePublicKey(text: string, field = 'publicKey'): string {
  const key = parseKey(text, field);
  if (isLowOrderPublicKey(key)) {
    const what = /^A{43}=$/.test(key)
      ? 'It is all zeros, so it'
      : 'It is a low-order point of Curve25519 and';
    throw new KeyError(
      field,
      `${what} cannot be a real public key; copy the peer's key from \`wg show\` or \`wg pubkey\` on the peer.`,
    );
  }
  return key;
}

/**
 * True when a valid key looks like a clamped X25519 private key: low 3 bits clear, bit 254 set,
 * bit 255 clear. A random public key also matches 1 time in 16, so treat it as a hint only
 * (e.g. "did you paste a private key where the public key goes?").
 */
export function isClampedPrivateKey(key: string): boolean {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(parseKey(key));
  } catch {
    return false;
  }
  return (bytes[0]! & 7) === 0 && (bytes[31]! & 0xc0) === 0x40;
}
