import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { x25519 } from '@noble/curves/ed25519';
import { KeyError } from '../../source/domain/errors.js';
import {
  LOW_ORDER_U,
  generatePresharedKey,
  generatePrivateKey,
  isClampedPrivateKey,
  isLowOrderPublicKey,
  parseKey,
  parsePublicKey,
  publicKeyOf,
} from '../../source/domain/keys.js';

/** Run `wg <sub>` with stdin; returns exit status and trimmed stdout. */
function wg(sub: string, input = ''): { status: number | null; out: string } {
  const r = spawnSync('wg', [sub], { input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout.trim() };
}

function keyFromU(u: bigint, topBit = false): string {
  const b = Buffer.alloc(32);
  let n = u;
  for (let i = 0; i < 32; i++) {
    b[i] = Number(n & 255n);
    n >>= 8n;
  }
  if (topBit) b[31] = b[31]! | 0x80;
  return b.toString('base64');
}

const VALID = 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=';

function expectKeyError(fn: () => unknown, field: string, pattern?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof KeyError, `expected KeyError, got ${String(err)}`);
    assert.equal(err.field, field);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

describe('key generation agrees with the wg binary', () => {
  test('publicKeyOf matches `wg pubkey` for 24 generated private keys', () => {
    for (let i = 0; i < 24; i++) {
      const priv = generatePrivateKey();
      const r = wg('pubkey', priv + '\n');
      assert.equal(r.status, 0, 'wg pubkey must accept our private key');
      assert.equal(publicKeyOf(priv), r.out);
    }
  });

  test('private keys generated here are clamped, 44 characters and pass parseKey', () => {
    for (let i = 0; i < 50; i++) {
      const priv = generatePrivateKey();
      assert.equal(priv.length, 44);
      assert.equal(parseKey(priv), priv);
      assert.ok(isClampedPrivateKey(priv));
    }
  });

  test('keys from `wg genkey` pass the clamp check and derive the same public key as `wg pubkey`', () => {
    for (let i = 0; i < 10; i++) {
      const priv = wg('genkey').out;
      assert.ok(isClampedPrivateKey(priv), 'wg genkey output must look clamped');
      assert.equal(publicKeyOf(priv), wg('pubkey', priv).out);
    }
  });

  test('keys from `wg genpsk` and generatePresharedKey are valid 32-byte keys', () => {
    assert.equal(parseKey(wg('genpsk').out).length, 44);
    const psks = new Set(Array.from({ length: 20 }, () => generatePresharedKey()));
    assert.equal(psks.size, 20);
    for (const psk of psks) {
      assert.equal(Buffer.from(parseKey(psk), 'base64').length, 32);
      assert.equal(wg('pubkey', psk).status, 0);
    }
  });

  test('an unclamped private key derives the same public key as wg (which clamps it)', () => {
    const raw = randomBytes(32);
    raw[0] = raw[0]! | 7;
    raw[31] = raw[31]! | 0x80;
    const priv = raw.toString('base64');
    assert.equal(isClampedPrivateKey(priv), false);
    assert.equal(publicKeyOf(priv), wg('pubkey', priv).out);
  });
});

describe('parseKey agrees with `wg pubkey` on malformed keys', () => {
  const cases: Array<{ title: string; key: string; pattern: RegExp }> = [
    { title: 'one character short', key: VALID.slice(1), pattern: /43 characters.*exactly 44/ },
    { title: 'missing the trailing =', key: VALID.slice(0, 43), pattern: /43 characters.*"=" missing/ },
    { title: 'one character too long', key: 'A' + VALID, pattern: /45 characters/ },
    { title: 'a hex key (64 characters)', key: 'ab'.repeat(32), pattern: /64 characters/ },
    { title: 'last character not =', key: VALID.slice(0, 43) + 'A', pattern: /end with "="/ },
    { title: 'URL-safe base64 "-"', key: '-' + VALID.slice(1), pattern: /position 1.*URL-safe/ },
    { title: 'URL-safe base64 "_"', key: VALID.slice(0, 10) + '_' + VALID.slice(11), pattern: /position 11/ },
    { title: 'an = in the middle', key: VALID.slice(0, 20) + '=' + VALID.slice(21), pattern: /position 21/ },
    { title: 'a non-ASCII letter', key: VALID.slice(0, 5) + 'é' + VALID.slice(6), pattern: /position 6/ },
    { title: 'non-canonical 43rd character (k)', key: VALID.slice(0, 42) + 'n=', pattern: /not canonical/ },
    { title: 'non-canonical 43rd character (B)', key: VALID.slice(0, 42) + 'B=', pattern: /not canonical/ },
    { title: 'two = padding (a 31-byte value)', key: VALID.slice(0, 42) + '==', pattern: /position 43/ },
    { title: 'a space inside', key: VALID.slice(0, 20) + ' ' + VALID.slice(21), pattern: /whitespace/ },
    { title: 'empty', key: '', pattern: /empty/ },
  ];
  for (const c of cases) {
    test(`a key that is ${c.title} is refused by both`, () => {
      expectKeyError(() => parseKey(c.key, 'peers[0].publicKey'), 'peers[0].publicKey', c.pattern);
      assert.notEqual(wg('pubkey', c.key).status, 0, 'wg pubkey should refuse it too');
    });
  }

  const good = [VALID, 'A'.repeat(43) + '=', '/'.repeat(42) + 'w=', generatePresharedKey()];
  for (const key of good) {
    test(`the key ${key.slice(0, 8)}… is accepted by both`, () => {
      assert.equal(parseKey(key), key);
      assert.equal(wg('pubkey', key).status, 0);
    });
  }

  test('surrounding whitespace is trimmed', () => {
    assert.equal(parseKey(`  ${VALID}\n`), VALID);
  });

  test('error messages never contain the key text', () => {
    const secret = generatePrivateKey();
    for (const bad of [secret.slice(0, 43), secret.slice(0, 42) + 'B=', secret + 'x']) {
      try {
        parseKey(bad, 'privateKey');
        assert.fail('should throw');
      } catch (err) {
        assert.ok(err instanceof KeyError);
        assert.ok(!err.message.includes(secret.slice(0, 20)));
      }
    }
  });
});

describe('parsePublicKey refuses low-order points', () => {
  test('every listed u-coordinate really has small order (X25519 gives all zeros)', () => {
    const scalar = Buffer.from(generatePrivateKey(), 'base64');
    for (const u of LOW_ORDER_U) {
      assert.throws(() => x25519.scalarMult(scalar, Buffer.from(keyFromU(u), 'base64')));
    }
  });

  const P = (1n << 255n) - 19n;
  const lowOrder: Array<{ title: string; key: string }> = [
    ...LOW_ORDER_U.map((u, i) => ({ title: `listed point ${i}`, key: keyFromU(u) })),
    ...LOW_ORDER_U.map((u, i) => ({
      title: `listed point ${i} with the top bit set`,
      key: keyFromU(u, true),
    })),
    { title: 'p (non-canonical zero)', key: keyFromU(P) },
    { title: 'p + 1 (non-canonical one)', key: keyFromU(P + 1n) },
  ];
  for (const c of lowOrder) {
    test(`a public key that is ${c.title} is refused`, () => {
      expectKeyError(
        () => parsePublicKey(c.key, 'peers[2].publicKey'),
        'peers[2].publicKey',
        /cannot be a real public key/,
      );
    });
  }

  test('the all-zero key says it is all zeros', () => {
    expectKeyError(() => parsePublicKey('A'.repeat(43) + '='), 'publicKey', /all zeros/);
  });

  test('real public keys pass and are not low-order', () => {
    for (let i = 0; i < 20; i++) {
      const pub = publicKeyOf(generatePrivateKey());
      assert.equal(parsePublicKey(pub), pub);
      assert.equal(isLowOrderPublicKey(pub), false);
    }
  });

  test('parsePublicKey still reports format errors with its default field', () => {
    expectKeyError(() => parsePublicKey('abc'), 'publicKey', /3 characters/);
  });
});

describe('isClampedPrivateKey', () => {
  const cases: Array<{ title: string; mutate: (b: Buffer) => void; expected: boolean }> = [
    { title: 'a clamped scalar', mutate: () => {}, expected: true },
    { title: 'low bit set', mutate: (b) => (b[0] = b[0]! | 1), expected: false },
    { title: 'bit 2 set', mutate: (b) => (b[0] = b[0]! | 4), expected: false },
    { title: 'bit 254 clear', mutate: (b) => (b[31] = b[31]! & 0xbf), expected: false },
    { title: 'bit 255 set', mutate: (b) => (b[31] = b[31]! | 0x80), expected: false },
  ];
  for (const c of cases) {
    test(`returns ${c.expected} for ${c.title}`, () => {
      const b = Buffer.from(generatePrivateKey(), 'base64');
      c.mutate(b);
      assert.equal(isClampedPrivateKey(b.toString('base64')), c.expected);
    });
  }

  test('returns false for malformed text instead of throwing', () => {
    assert.equal(isClampedPrivateKey('not a key'), false);
  });

  test('publicKeyOf refuses a malformed private key with its field', () => {
    expectKeyError(
      () => publicKeyOf('short', 'interface.privateKey'),
      'interface.privateKey',
      /5 characters/,
    );
  });
});
