import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clipLine, fit, lineText, packItems, padEnd, padStart } from '../../source/ui/text.js';
import { historyColumns, historySpark } from '../../source/ui/history-spark.js';
import { compactRate } from '../../source/ui/peer-row.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../source/ui/glyphs.js';

describe('text fitting', () => {
  const cases: [string, number, string, string][] = [
    ['short text is kept', 10, '…', 'short text'.slice(0, 10)],
    ['long text ends in the ellipsis', 5, '…', 'long…'],
    ['the ASCII ellipsis is used as given', 5, '~', 'long~'],
    ['a width of one shows just the ellipsis', 1, '…', '…'],
    ['a width of zero shows nothing', 0, '…', ''],
  ];
  for (const [title, width, e, expected] of cases) {
    test(title, () =>
      assert.equal(fit(title.startsWith('short') ? 'short text' : 'long text', width, e), expected),
    );
  }

  test('padding aligns to the exact width on either side', () => {
    assert.equal(padEnd('ab', 4, '…'), 'ab  ');
    assert.equal(padStart('ab', 4, '…'), '  ab');
    assert.equal(padStart('abcdef', 4, '…'), 'abc…');
  });

  test('clipLine cuts inside the segment that crosses the edge and keeps tones', () => {
    const line = [{ text: 'abc', tone: 'good' as const }, { text: 'defgh' }];
    assert.deepEqual(clipLine(line, 5, '…'), [{ text: 'abc', tone: 'good' }, { text: 'd…' }]);
    assert.deepEqual(clipLine(line, 3, '…'), [{ text: 'ab…', tone: 'good' }]);
    assert.equal(clipLine(line, 8, '…'), line);
  });

  test('packItems wraps between items and lets the last line overflow for clipping', () => {
    const items = ['aaaa', 'bbbb', 'cccc', 'dddd'].map((t) => [{ text: t }]);
    assert.deepEqual(packItems(items, 10, 2, 3).map(lineText), ['aaaa  bbbb', 'cccc  dddd']);
    assert.deepEqual(packItems(items, 10, 2, 1).map(lineText), ['aaaa  bbbb  cccc  dddd']);
  });
});

describe('history sparkline', () => {
  test('a short history is right-aligned in the 60-sample window', () => {
    // 6 samples in a 6-column spark: each column is 10 slots; only the last column has data.
    assert.deepEqual(historyColumns([1, 2, 3, 4, 5, 6], 6), [6]);
    assert.equal(historySpark([1, 2, 3, 4, 5, 6], 6, false), '     █');
  });

  test('each column shows the busiest sample of its share; gaps stay gaps', () => {
    const full = Array.from({ length: 60 }, (_, i) => (i === 7 ? 100 : 1));
    assert.deepEqual(historyColumns(full, 6), [100, 1, 1, 1, 1, 1]);
    const gap = Array.from({ length: 60 }, (_, i) => (i < 10 ? NaN : 5));
    assert.equal(historySpark(gap, 6, true), ' #####');
  });

  test('compact rates drop the unit word', () => {
    assert.equal(compactRate(1_200_000, UNICODE_GLYPHS), '1.20M');
    assert.equal(compactRate(950, UNICODE_GLYPHS), '950');
    assert.equal(compactRate(undefined, ASCII_GLYPHS), '-');
  });
});
