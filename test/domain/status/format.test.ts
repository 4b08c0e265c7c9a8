import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  displayRound,
  formatAge,
  formatBytes,
  formatRate,
  sparkline,
} from '../../../source/domain/status/format.js';

describe('formatBytes', () => {
  const cases: [number, string][] = [
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [12.34 * 1024 ** 2, '12.3 MiB'],
    [1023.9 * 1024, '1.00 MiB'],
    [123.4 * 1024 ** 3, '123 GiB'],
    [2 * 1024 ** 4, '2.00 TiB'],
  ];
  for (const [n, s] of cases) test(`prints ${n} as ${s}`, () => assert.equal(formatBytes(n), s));
});

describe('formatRate', () => {
  const cases: [number | undefined, string][] = [
    [undefined, '–'],
    [0, '0 bit/s'],
    [950, '950 bit/s'],
    [999.6, '1.00 kbit/s'],
    [1200, '1.20 kbit/s'],
    [94_123_456, '94.1 Mbit/s'],
    [940_000_000, '940 Mbit/s'],
    [999_999_999, '1.00 Gbit/s'],
  ];
  for (const [n, s] of cases) test(`prints ${n} as ${s}`, () => assert.equal(formatRate(n), s));
});

describe('displayRound', () => {
  test('two values print the same exactly when they round to the same number', () => {
    const pairs: [number, number][] = [
      [94_123_456, 94_140_000],
      [94_123_456, 94_160_000],
      [1000, 1004],
      [999, 1000],
      [5 * 1024 ** 2, 5.004 * 1024 ** 2],
    ];
    for (const [a, b] of pairs) {
      for (const base of [1000, 1024] as const) {
        const fmt = base === 1000 ? formatRate : formatBytes;
        assert.equal(displayRound(a, base) === displayRound(b, base), fmt(a) === fmt(b), `${a} ${b} ${base}`);
        assert.equal(fmt(displayRound(a, base)), fmt(a));
      }
    }
  });
});

describe('formatAge', () => {
  const cases: [number | undefined, string][] = [
    [undefined, 'never'],
    [0, '0s'],
    [12, '12s'],
    [59.9, '59s'],
    [185, '3m 05s'],
    [3600 + 65, '1h 01m'],
    [2 * 3600 + 60, '2h 01m'],
    [86400 * 3 + 3600 * 4, '3d 04h'],
    [-3, '0s'],
  ];
  for (const [n, s] of cases) test(`prints ${n} as ${s}`, () => assert.equal(formatAge(n), s));
});

describe('sparkline', () => {
  const cases: { title: string; values: number[]; width: number; ascii: boolean; expect: string }[] = [
    {
      title: 'a ramp in blocks',
      values: [0, 1, 2, 3, 4, 5, 6, 7],
      width: 8,
      ascii: false,
      expect: '▁▂▃▄▅▆▇█',
    },
    { title: 'a ramp in ASCII', values: [0, 1, 2, 3, 4, 5, 6, 7], width: 8, ascii: true, expect: ' .:-=+*#' },
    { title: 'short history padded left', values: [5, 10], width: 5, ascii: false, expect: '   ▅█' },
    {
      title: 'only the last values when too long',
      values: [100, 0, 1],
      width: 2,
      ascii: false,
      expect: '▁█',
    },
    { title: 'all zero', values: [0, 0, 0], width: 3, ascii: false, expect: '▁▁▁' },
    { title: 'a gap', values: [4, NaN, 4], width: 3, ascii: true, expect: '# #' },
    { title: 'a tiny value still shows', values: [1, 1000], width: 2, ascii: true, expect: '.#' },
    { title: 'zero width', values: [1, 2], width: 0, ascii: false, expect: '' },
  ];
  for (const c of cases) {
    test(`draws ${c.title}`, () => {
      const s = sparkline(c.values, c.width, { ascii: c.ascii });
      assert.equal(s, c.expect);
      assert.equal([...s].length, c.width);
    });
  }
});
