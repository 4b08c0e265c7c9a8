/**
 * Health checks: a summary line (how many pass, warn, fail), then the problems one line each
 * (status, title, reason). Opened with `c`: every check, each problem followed by its fix.
 */
import React, { memo } from 'react';
import type { CheckResult, CheckStatus } from './check-result.js';
import type { Glyphs } from './glyphs.js';
import type { ChecksState } from './panel-store.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, type Line, type Segment, type Tone } from './text.js';

const TONE: Record<CheckStatus, Tone> = { pass: 'good', warn: 'warn', fail: 'bad' };
const RANK: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2 };

/** Failures first, then warnings, then passes; the gatherer's order within each. */
export function orderChecks(results: readonly CheckResult[]): CheckResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => RANK[a.r.status] - RANK[b.r.status] || a.i - b.i)
    .map((x) => x.r);
}

function detailLines(results: readonly CheckResult[], open: boolean, glyphs: Glyphs): Line[] {
  const out: Line[] = [];
  for (const r of orderChecks(results)) {
    if (!open && r.status === 'pass') continue;
    out.push([
      { text: `  ${glyphs.check[r.status]} `, tone: TONE[r.status] },
      { text: r.title, tone: r.status === 'pass' ? 'plain' : TONE[r.status] },
      { text: `: ${r.reason}` },
    ]);
    if (open && r.fix !== undefined && r.status !== 'pass')
      out.push([
        { text: '      fix: ', tone: 'dim' },
        { text: r.fix, tone: 'accent' },
      ]);
  }
  return out;
}

function summaryLine(checks: ChecksState, glyphs: Glyphs): Line {
  const head: Segment = { text: 'CHECKS', tone: 'head' };
  switch (checks.kind) {
    case 'unavailable':
      return [head, { text: '  not available yet', tone: 'dim' }];
    case 'pending':
      return [head, { text: '  first run not finished', tone: 'dim' }];
    case 'error':
      return [head, { text: `  could not run: ${checks.message}`, tone: 'bad' }];
    case 'ready': {
      if (checks.results.length === 0) return [head, { text: '  none apply', tone: 'dim' }];
      const line: Segment[] = [head];
      for (const status of ['pass', 'warn', 'fail'] as const) {
        const n = checks.results.filter((r) => r.status === status).length;
        if (n > 0) line.push({ text: `  ${glyphs.check[status]} ${n} ${status}`, tone: TONE[status] });
      }
      return line;
    }
  }
}

/** Lines the checks would like: the summary plus details. */
export function checkLinesWanted(checks: ChecksState, open: boolean, glyphs: Glyphs): number {
  return 1 + (checks.kind === 'ready' ? detailLines(checks.results, open, glyphs).length : 0);
}

/** The checks section in at most `max` lines; a last line says how many did not fit. */
export function checksLines(
  checks: ChecksState,
  open: boolean,
  max: number,
  width: number,
  glyphs: Glyphs,
): Line[] {
  if (max <= 0) return [];
  const details = checks.kind === 'ready' ? detailLines(checks.results, open, glyphs) : [];
  let shown = details;
  if (details.length > max - 1) {
    const keep = Math.max(0, max - 2);
    shown = details.slice(0, keep);
    const rest = details.slice(keep).filter((l) => !(l[0]?.text ?? '').startsWith('      fix')).length;
    if (max >= 2)
      shown.push([
        { text: `  +${rest} more (${open ? 'enlarge the terminal' : 'c shows all'})`, tone: 'dim' },
      ]);
  }
  return [summaryLine(checks, glyphs), ...shown].map((l) => clipLine(l, width, glyphs.ellipsis));
}

/** Props of {@link ChecksList}. */
export interface ChecksListProps {
  readonly checks: ChecksState;
  readonly open: boolean;
  readonly lines: number;
  readonly width: number;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
}

/** The checks section. */
export const ChecksList = memo(function ChecksList({
  checks,
  open,
  lines,
  width,
  glyphs,
  style,
}: ChecksListProps) {
  return <Lines lines={checksLines(checks, open, lines, width, glyphs)} style={style} />;
});
