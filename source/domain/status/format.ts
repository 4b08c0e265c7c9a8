/**
 * Formatters shared by the live panel and the headless output, plus the rounding the reducer uses
 * to decide whether a value changed "visibly": {@link displayRound} gives exactly the number that
 * {@link formatBytes} / {@link formatRate} would print, so equal rounded values print equally.
 *
 * Precision: whole units below the first step, then 2 decimals under 10, 1 under 100, none above
 * (`512 B`, `1.23 KiB`, `12.3 MiB`, `123 GiB`; `950 bit/s`, `1.00 kbit/s`, `12.3 Mbit/s`).
 */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;
const RATE_UNITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'] as const;
const BLOCKS = '▁▂▃▄▅▆▇█';
const ASCII_RAMP = ' .:-=+*#';

function decimalsFor(x: number, unit: number): number {
  if (unit === 0) return 0;
  return x < 10 ? 2 : x < 100 ? 1 : 0;
}

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

// Result of the last scale() call; module-level so the hot path allocates nothing.
let scaledUnit = 0;

/** Rounded value in the chosen unit; the unit index is left in `scaledUnit`. */
function scale(v: number, base: number, maxUnit: number): number {
  if (!(v > 0) || !Number.isFinite(v)) {
    scaledUnit = 0;
    return 0;
  }
  let unit = 0;
  let x = v;
  while (x >= base && unit < maxUnit) {
    x /= base;
    unit++;
  }
  let r = roundTo(x, decimalsFor(x, unit));
  if (r >= base && unit < maxUnit) {
    unit++;
    x = v / base ** unit;
    r = roundTo(x, decimalsFor(x, unit));
  }
  scaledUnit = unit;
  return r;
}

/**
 * Round a byte count (`base` 1024) or a bit rate (`base` 1000) to the precision it is displayed
 * with, in base units. `displayRound(v, b) === displayRound(w, b)` ⇔ they print the same.
 */
export function displayRound(v: number, base: 1000 | 1024): number {
  const r = scale(v, base, base === 1024 ? BYTE_UNITS.length - 1 : RATE_UNITS.length - 1);
  return r * base ** scaledUnit;
}

function render(r: number, units: readonly string[]): string {
  const unit = scaledUnit;
  return `${r.toFixed(decimalsFor(r, unit))} ${units[unit]}`;
}

/** Bytes in binary units: `0 B`, `512 B`, `1.50 KiB`, `12.3 MiB`, `1.00 GiB`. */
export function formatBytes(bytes: number): string {
  return render(scale(bytes, 1024, BYTE_UNITS.length - 1), BYTE_UNITS);
}

/** A rate in bits per second with SI units: `0 bit/s`, `950 bit/s`, `1.20 kbit/s`, `94.1 Mbit/s`. `–` when unknown. */
export function formatRate(bitsPerSecond: number | undefined): string {
  if (bitsPerSecond === undefined || Number.isNaN(bitsPerSecond)) return '–';
  return render(scale(bitsPerSecond, 1000, RATE_UNITS.length - 1), RATE_UNITS);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A duration in whole seconds: `12s`, `3m 05s`, `2h 01m`, `3d 04h`; `never` when undefined. */
export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined || Number.isNaN(seconds)) return 'never';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad2(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${pad2(Math.floor(s / 60) % 60)}m`;
  return `${Math.floor(s / 86400)}d ${pad2(Math.floor(s / 3600) % 24)}h`;
}

/** Options for {@link sparkline}. */
export interface SparklineOptions {
  /** Use the ASCII ramp ` .:-=+*#` instead of block characters (for terminals without UTF-8). */
  readonly ascii: boolean;
}

/**
 * Draw the last `width` values as a sparkline scaled to their maximum. Exactly `width` characters:
 * missing history is padded with spaces on the left, a gap (NaN) is a space, zero is the lowest
 * mark (`▁`, or a space in ASCII) and any non-zero value shows at least the second mark.
 */
export function sparkline(values: readonly number[], width: number, options: SparklineOptions): string {
  const ramp = options.ascii ? ASCII_RAMP : BLOCKS;
  const w = Math.max(0, Math.floor(width));
  const start = Math.max(0, values.length - w);
  let max = 0;
  for (let i = start; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v) && v > max) max = v;
  }
  let out = ' '.repeat(w - (values.length - start));
  for (let i = start; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) out += ' ';
    else if (v <= 0 || max === 0) out += ramp[0];
    else out += ramp[Math.max(1, Math.ceil((v / max) * 7))];
  }
  return out;
}

/** Milliseconds with sensible precision: 0.06, 0.8, 21, 153. */
export function formatMs(ms: number): string {
  if (ms < 1) return ms.toFixed(2).replace(/0$/, '');
  return ms < 10 ? ms.toFixed(1) : ms.toFixed(0);
}
