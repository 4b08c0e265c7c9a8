import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hookWord, shellWord } from '../../source/domain/shell-words.js';

const words = [
  '/etc/wireguard/wg0.key',
  'wg+a=b.c-d_e',
  "it's",
  'a b',
  '$(touch /tmp/x)',
  '`id`',
  '${IFS}',
  'a;b|c&d',
  '"quoted"',
  'back\\slash',
  '',
  'é',
  '*?[a]~',
];

describe('shellWord', () => {
  test('leaves plain words as they are', () => {
    assert.equal(shellWord('/etc/wireguard/wg0.key'), '/etc/wireguard/wg0.key');
    assert.equal(shellWord('wg+a=b.c-d_e'), 'wg+a=b.c-d_e');
  });

  for (const word of words) {
    test(`the shell reads ${JSON.stringify(word)} back as exactly one word`, () => {
      const r = spawnSync('sh', ['-c', `printf '%s\\0' ${shellWord(word)}`], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `${word}\0`);
    });
  }

  test('refuses a NUL, which no shell word can hold', () => {
    assert.throws(() => shellWord('a\0b'), /NUL/);
  });
});

describe('hookWord', () => {
  for (const bad of ['a#b', '%i', 'a\nb', 'a\rb', 'a\tb', '\x1b[2J', 'a\x7fb', 'a\0b']) {
    test(`refuses ${JSON.stringify(bad)}, which wg-quick would cut, fill in or split`, () => {
      assert.throws(() => hookWord(bad), /cannot be written into a wg-quick hook line|NUL/);
    });
  }

  test('quotes like shellWord otherwise', () => {
    assert.equal(hookWord('/etc/wireguard/a;b'), "'/etc/wireguard/a;b'");
    assert.equal(hookWord('/etc/wireguard/wg0-beta.psk'), '/etc/wireguard/wg0-beta.psk');
  });
});
