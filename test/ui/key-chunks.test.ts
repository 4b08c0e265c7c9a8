import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import { NO_KEY, splitKeyChunk, type KeyPress } from '../../source/ui/key-chunks.js';

/** A press as a short word: the text typed, or the names of the key flags set. */
function describePress(p: KeyPress): string {
  const flags = (Object.keys(p.key) as Array<keyof Key>).filter((k) => p.key[k] === true && k !== 'shift');
  if (flags.length === 0) return `"${p.input}"`;
  return `${flags.join('+')}${p.input !== '' ? `:${p.input}` : ''}`;
}

const split = (input: string, key: Partial<Key> = {}) =>
  splitKeyChunk(input, { ...NO_KEY, ...key }).map(describePress);

describe('splitKeyChunk', () => {
  const cases: Array<[string, string, string[]]> = [
    ['a Tab then text', '\tsiteA', ['tab', '"siteA"']],
    ['text then a Tab', 'beta\t', ['"beta"', 'tab']],
    ['text, Enter (CR) and more text', 'one\rtwo', ['"one"', 'return', '"two"']],
    ['a newline is Enter too', '10.0.0.0/24\n', ['"10.0.0.0/24"', 'return']],
    ['DEL (the Backspace key) inside text', 'ab\u007fc', ['"ab"', 'delete', '"c"']],
    ['^H is backspace', 'x\b', ['"x"', 'backspace']],
    ['^U clears, as a Ctrl chord with its letter', '\u0015new', ['ctrl:u', '"new"']],
    ['two Tabs and an Enter', '\t\t\r', ['tab', 'tab', 'return']],
    ['an arrow sequence between text', 'a\u001b[Bb', ['"a"', 'downArrow', '"b"']],
    ['Shift-Tab', 'x\u001b[Z', ['"x"', 'tab']],
    ['page keys', '\u001b[5~\u001b[6~z', ['pageUp', 'pageDown', '"z"']],
    ['SS3 arrows', '\u001bOAq', ['upArrow', '"q"']],
    ['a lone Esc at the end', 'abc\u001b', ['"abc"', 'escape+meta']],
    ['Esc then Tab', '\u001b\t', ['escape+meta', 'tab']],
    ['Alt+letter (meta) then a Tab', '\u001bx\t', ['meta:x', 'tab']],
  ];
  for (const [what, input, expected] of cases) {
    test(`${what}: ${JSON.stringify(input)} splits in order`, () => {
      assert.deepEqual(split(input), expected);
    });
  }

  test('plain text, however long, stays one press (a paste)', () => {
    const code = 'wgsite1.AbC-_0123456789abcdefghijklmnopqrstuvwxyz';
    assert.deepEqual(split(code), [`"${code}"`]);
    assert.deepEqual(split('jj'), ['"jj"']);
  });

  test('a press Ink already recognised comes back unchanged', () => {
    const key = { ...NO_KEY, return: true };
    assert.deepEqual(splitKeyChunk('\r', key), [{ input: '\r', key }]);
    const ctrl = { ...NO_KEY, ctrl: true };
    assert.deepEqual(splitKeyChunk('u', ctrl), [{ input: 'u', key: ctrl }]);
  });

  test('a lone capital in a split chunk carries shift, as Ink gives it', () => {
    const [first] = splitKeyChunk('R\t', NO_KEY);
    assert.equal(first!.input, 'R');
    assert.equal(first!.key.shift, true);
  });

  test('C0 codes that are no key (e.g. NUL) are dropped, the text around them kept', () => {
    assert.deepEqual(split('a\u0000b\u001c'), ['"a"', '"b"']);
  });
});

describe('splitKeyChunk with textAsKeys (a screen where letters are commands)', () => {
  test('"jj" is j twice and "Ry" is R then y', () => {
    const keys = (input: string) => splitKeyChunk(input, NO_KEY, { textAsKeys: true }).map(describePress);
    assert.deepEqual(keys('jj'), ['"j"', '"j"']);
    assert.deepEqual(keys('Ry'), ['"R"', '"y"']);
    assert.deepEqual(keys('j\u001b[Bk'), ['"j"', 'downArrow', '"k"']);
    assert.deepEqual(keys('q'), ['"q"']);
  });
});
