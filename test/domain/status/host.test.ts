import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  parseCounterFile,
  parseLoadavg,
  parseMeminfo,
  parseProcStat,
  parseThermalTemp,
  parseThrottled,
} from '../../../source/domain/status/host.js';
import { StatusParseError } from '../../../source/domain/status/status-parse-error.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/status/${name}`, import.meta.url), 'utf8');

describe('parseProcStat', () => {
  test('reads the total and every core of a real /proc/stat', () => {
    const text = fixture('proc-stat.txt');
    const cpu = parseProcStat(text);
    const first = text.split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const t = cpu.total;
    assert.deepEqual([t.user, t.nice, t.system, t.idle, t.iowait, t.irq, t.softirq, t.steal], first);
    const coreLines = text.split('\n').filter((l) => /^cpu\d+ /.test(l)).length;
    assert.equal(cpu.cores.length, coreLines);
  });

  test('keeps core numbers when a core is offline and fills missing columns with 0', () => {
    const cpu = parseProcStat('cpu  10 0 5 100\ncpu0 5 0 2 50 1 0 3 0\ncpu2 5 0 3 50\n');
    assert.equal(cpu.cores[1], undefined);
    assert.equal(cpu.cores[0]!.softirq, 3);
    assert.equal(cpu.cores[2]!.iowait, 0);
    assert.equal(cpu.total.steal, 0);
  });

  test('rejects text without a cpu line', () => {
    assert.throws(() => parseProcStat('intr 1 2 3\n'), StatusParseError);
  });
});

describe('parseMeminfo', () => {
  test('reads a real /proc/meminfo in bytes', () => {
    const text = fixture('proc-meminfo.txt');
    const kib = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(text)![1]) * 1024;
    assert.deepEqual(parseMeminfo(text), {
      totalBytes: kib('MemTotal'),
      availableBytes: kib('MemAvailable'),
    });
  });

  test('falls back to free + buffers + cached on kernels without MemAvailable', () => {
    const m = parseMeminfo('MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 30 kB\n');
    assert.deepEqual(m, { totalBytes: 1024000, availableBytes: 150 * 1024 });
  });

  test('rejects text without MemTotal', () => {
    assert.throws(() => parseMeminfo('MemFree: 1 kB\n'), StatusParseError);
  });
});

describe('parseLoadavg, counters and temperature', () => {
  const cases: { title: string; run: () => unknown; expect: unknown }[] = [
    {
      title: 'a real /proc/loadavg',
      run: () => parseLoadavg(fixture('proc-loadavg.txt')).total > 0,
      expect: true,
    },
    {
      title: 'a loadavg line',
      run: () => parseLoadavg('0.52 1.58 10.59 3/345 12345\n'),
      expect: { one: 0.52, five: 1.58, fifteen: 10.59, running: 3, total: 345 },
    },
    {
      title: 'a sysfs counter with newline',
      run: () => parseCounterFile('334873433\n', 'rx'),
      expect: 334873433,
    },
    { title: 'a Pi temperature in millidegrees', run: () => parseThermalTemp('48312\n'), expect: 48.312 },
    { title: 'a sub-zero temperature', run: () => parseThermalTemp('-5000'), expect: -5 },
  ];
  for (const c of cases) test(`reads ${c.title}`, () => assert.deepEqual(c.run(), c.expect));

  test('rejects malformed files', () => {
    assert.throws(() => parseLoadavg('busy'), StatusParseError);
    assert.throws(() => parseCounterFile('-1', 'rx'), StatusParseError);
    assert.throws(() => parseThermalTemp('hot'), StatusParseError);
  });
});

describe('parseThrottled', () => {
  const cases: { text: string; on: string[] }[] = [
    { text: 'throttled=0x0\n', on: [] },
    {
      text: 'throttled=0x50005\n',
      on: ['underVoltage', 'throttled', 'underVoltageOccurred', 'throttledOccurred'],
    },
    { text: 'throttled=0x80008', on: ['softTempLimit', 'softTempLimitOccurred'] },
    { text: 'throttled=0x20002', on: ['freqCapped', 'freqCappedOccurred'] },
    { text: '50000\n', on: ['underVoltageOccurred', 'throttledOccurred'] },
  ];
  const flags = [
    'underVoltage',
    'freqCapped',
    'throttled',
    'softTempLimit',
    'underVoltageOccurred',
    'freqCappedOccurred',
    'throttledOccurred',
    'softTempLimitOccurred',
  ] as const;
  for (const c of cases) {
    test(`decodes ${JSON.stringify(c.text.trim())} into ${c.on.join(', ') || 'no flags'}`, () => {
      const t = parseThrottled(c.text);
      for (const f of flags) assert.equal(t[f], c.on.includes(f), f);
    });
  }

  test('keeps the raw mask and rejects other text', () => {
    assert.equal(parseThrottled('throttled=0x50005').raw, 0x50005);
    assert.throws(() => parseThrottled('error=1 error_msg="Command not registered"'), StatusParseError);
  });
});
