/**
 * Fit a peer's rate history (up to HISTORY_LENGTH samples, oldest first) into a sparkline of a
 * given width. When the width is smaller than the history window, each column stands for an
 * equal share of the window and shows the busiest sample in it, so a short burst is not lost.
 */
import { HISTORY_LENGTH } from '../domain/status/panel-model.js';
import { sparkline } from '../domain/status/format.js';

/** Per-column values: NaN for a gap, none for time before the history began. */
export function historyColumns(history: readonly number[], width: number): number[] {
  if (width <= 0) return [];
  if (width >= HISTORY_LENGTH) return history.slice(-width);
  const offset = HISTORY_LENGTH - history.length; // slots before the first sample
  const out: number[] = [];
  for (let c = 0; c < width; c++) {
    const from = Math.floor((c * HISTORY_LENGTH) / width);
    const to = Math.floor(((c + 1) * HISTORY_LENGTH) / width);
    let max = -Infinity;
    let seen = false;
    for (let slot = from; slot < to; slot++) {
      const i = slot - offset;
      if (i < 0) continue;
      seen = true;
      const v = history[i] as number;
      if (Number.isFinite(v) && v > max) max = v;
    }
    if (!seen) continue; // before the history: sparkline pads it with spaces on the left
    out.push(max === -Infinity ? NaN : max);
  }
  return out;
}

/** The sparkline text, exactly `width` characters. */
export function historySpark(history: readonly number[], width: number, ascii: boolean): string {
  return sparkline(historyColumns(history, width), width, { ascii });
}
