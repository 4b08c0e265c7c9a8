import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../temp-dir.js';
import { join } from 'node:path';
import { diffHunks, diffLines, splitLines, unifiedDiff } from '../../source/domain/text-diff.js';

describe('splitLines', () => {
  const cases: Array<[string, string[]]> = [
    ['', []],
    ['a', ['a']],
    ['a\n', ['a']],
    ['a\nb\n', ['a', 'b']],
    ['a\r\nb', ['a', 'b']],
    ['a\n\n', ['a', '']],
  ];
  for (const [text, expected] of cases) {
    test(`splits ${JSON.stringify(text)} into ${expected.length} lines`, () => {
      assert.deepEqual(splitLines(text), expected);
    });
  }
});

describe('diffLines', () => {
  test('equal texts keep every line', () => {
    assert.deepEqual(diffLines(['a', 'b'], ['a', 'b']), [
      { kind: ' ', text: 'a' },
      { kind: ' ', text: 'b' },
    ]);
  });

  test('a changed line is removed and then added', () => {
    assert.deepEqual(diffLines(['a', 'b', 'c'], ['a', 'x', 'c']), [
      { kind: ' ', text: 'a' },
      { kind: '-', text: 'b' },
      { kind: '+', text: 'x' },
      { kind: ' ', text: 'c' },
    ]);
  });

  test('a new file is all additions and a removed file all removals', () => {
    assert.deepEqual(diffLines([], ['a']), [{ kind: '+', text: 'a' }]);
    assert.deepEqual(diffLines(['a'], []), [{ kind: '-', text: 'a' }]);
  });

  test('the script is a longest common subsequence: the kept lines are as many as possible', () => {
    const before = ['x', 'a', 'b', 'c', 'y', 'd'];
    const after = ['a', 'q', 'b', 'd', 'c'];
    const kept = diffLines(before, after).filter((l) => l.kind === ' ').length;
    assert.equal(kept, 3);
    const rebuiltOld = diffLines(before, after)
      .filter((l) => l.kind !== '+')
      .map((l) => l.text);
    const rebuiltNew = diffLines(before, after)
      .filter((l) => l.kind !== '-')
      .map((l) => l.text);
    assert.deepEqual(rebuiltOld, before);
    assert.deepEqual(rebuiltNew, after);
  });
});

describe('unified hunks', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

  test('equal texts have no hunks', () => {
    assert.deepEqual(unifiedDiff(before, before), []);
  });

  test('one change gets three lines of context on each side', () => {
    const after = before.replace('line 10\n', 'line ten\n');
    assert.deepEqual(unifiedDiff(before, after), [
      '@@ -7,7 +7,7 @@',
      ' line 7',
      ' line 8',
      ' line 9',
      '-line 10',
      '+line ten',
      ' line 11',
      ' line 12',
      ' line 13',
    ]);
  });

  test('changes far apart make two hunks, changes close together one', () => {
    const far = before.replace('line 2\n', 'two\n').replace('line 18\n', 'eighteen\n');
    assert.equal(diffHunks(before, far).length, 2);
    const near = before.replace('line 8\n', 'eight\n').replace('line 12\n', 'twelve\n');
    assert.equal(diffHunks(before, near).length, 1);
  });

  test('a new file is one hunk starting at 0,0', () => {
    assert.deepEqual(unifiedDiff('', 'a\nb\n'), ['@@ -0,0 +1,2 @@', '+a', '+b']);
  });

  test('hunk headers and lines match what diff -u prints', (t) => {
    let diffWorks = true;
    try {
      execFileSync('diff', ['--version']);
    } catch {
      diffWorks = false;
    }
    if (!diffWorks) {
      t.skip('diff is not installed');
      return;
    }
    const dir = tempDir('text-diff-');
    const after = before
      .replace('line 1\n', '')
      .replace('line 9\n', 'nine\nnine and a half\n')
      .concat('line 21\n');
    writeFileSync(join(dir, 'a'), before);
    writeFileSync(join(dir, 'b'), after);
    let out = '';
    try {
      execFileSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
    } catch (error) {
      out = (error as { stdout: string }).stdout;
    }
    const expected = out
      .split('\n')
      .slice(2)
      .filter((l) => l !== '');
    assert.deepEqual(unifiedDiff(before, after), expected);
  });
});
