/**
 * Parsers for the host figures shown next to the tunnel: `/proc/stat`, `/proc/meminfo`,
 * `/proc/loadavg`, `/sys/class/net/<if>/statistics/*_bytes`, the thermal zone temperature and
 * the Raspberry Pi firmware's throttling mask (`vcgencmd get_throttled`).
 */
import { parseCount } from './numbers.js';
import { StatusParseError } from './status-parse-error.js';
import type { CpuLine, CpuTimes, LoadAvg, MemInfo, Throttled } from './types.js';

function cpuLine(fields: readonly string[], line: number): CpuLine {
  // Older kernels print fewer columns; missing ones count as 0. guest/guest_nice are already in user/nice.
  const n = (i: number): number => {
    const f = fields[i];
    return f === undefined ? 0 : parseCount(f, '/proc/stat', 'a CPU time', line);
  };
  if (fields.length < 5) throw new StatusParseError('/proc/stat', 'a cpu line needs at least 4 times', line);
  return {
    user: n(1),
    nice: n(2),
    system: n(3),
    idle: n(4),
    iowait: n(5),
    irq: n(6),
    softirq: n(7),
    steal: n(8),
  };
}

/** Parse `/proc/stat`: the `cpu` line and every `cpuN` line. Other lines are ignored. */
export function parseProcStat(text: string): CpuTimes {
  let total: CpuLine | undefined;
  const cores: (CpuLine | undefined)[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as string;
    if (!row.startsWith('cpu')) continue;
    const fields = row.trim().split(/\s+/);
    const name = fields[0] as string;
    if (name === 'cpu') total = cpuLine(fields, i + 1);
    else if (/^cpu\d+$/.test(name)) cores[Number(name.slice(3))] = cpuLine(fields, i + 1);
  }
  if (total === undefined) throw new StatusParseError('/proc/stat', 'no "cpu" line found');
  return { total, cores };
}

/** Parse `/proc/meminfo` into bytes. Uses MemAvailable, or MemFree + Buffers + Cached without it. */
export function parseMeminfo(text: string): MemInfo {
  const kib = new Map<string, number>();
  for (const row of text.split('\n')) {
    const m = /^(\w+):\s+(\d+)(?:\s+kB)?\s*$/.exec(row);
    if (m) kib.set(m[1] as string, Number(m[2]));
  }
  const total = kib.get('MemTotal');
  if (total === undefined) throw new StatusParseError('/proc/meminfo', 'no MemTotal line found');
  const available =
    kib.get('MemAvailable') ??
    (kib.get('MemFree') ?? 0) + (kib.get('Buffers') ?? 0) + (kib.get('Cached') ?? 0);
  return { totalBytes: total * 1024, availableBytes: available * 1024 };
}

/** Parse `/proc/loadavg` (`0.52 0.58 0.59 1/345 12345`). */
export function parseLoadavg(text: string): LoadAvg {
  const m = /^\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+)\/(\d+)/.exec(text);
  if (!m) throw new StatusParseError('/proc/loadavg', 'expected "1m 5m 15m running/total pid"');
  return {
    one: Number(m[1]),
    five: Number(m[2]),
    fifteen: Number(m[3]),
    running: Number(m[4]),
    total: Number(m[5]),
  };
}

/** Parse a one-number sysfs counter such as `/sys/class/net/wg0/statistics/rx_bytes`. */
export function parseCounterFile(text: string, path: string): number {
  return parseCount(text.trim(), path, 'the counter');
}

/** Parse `/sys/class/thermal/thermal_zone0/temp` (millidegrees Celsius) into °C. */
export function parseThermalTemp(text: string): number {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) throw new StatusParseError('thermal_zone temp', 'expected millidegrees Celsius');
  return Number(t) / 1000;
}

/**
 * Decode the firmware throttling mask. Accepts `vcgencmd get_throttled` output (`throttled=0x50005`)
 * or the bare value from `/sys/devices/platform/soc/soc:firmware/get_throttled` (hex without `0x`).
 * Bits: 0 under-voltage now, 1 ARM frequency capped now, 2 throttled now, 3 soft temperature limit
 * now; 16–19 the same conditions "has occurred since boot".
 */
export function parseThrottled(text: string): Throttled {
  const m = /^\s*(?:throttled=)?(?:0x)?([0-9a-f]+)\s*$/i.exec(text);
  if (!m) throw new StatusParseError('get_throttled', 'expected "throttled=0x…"');
  const raw = Number.parseInt(m[1] as string, 16);
  const bit = (n: number): boolean => (raw & (1 << n)) !== 0;
  return {
    raw,
    underVoltage: bit(0),
    freqCapped: bit(1),
    throttled: bit(2),
    softTempLimit: bit(3),
    underVoltageOccurred: bit(16),
    freqCappedOccurred: bit(17),
    throttledOccurred: bit(18),
    softTempLimitOccurred: bit(19),
  };
}
