// Prints the result table and writes test/bench/results.md (table, context, every raw run).
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import type { BenchData, Row } from './summary.js';

const COLUMNS: [keyof Row, string][] = [
  ['measure', 'Measure'],
  ['setup', 'Setup'],
  ['panel', 'Panel'],
  ['reference', 'Against'],
  ['ratio', 'Ratio'],
  ['target', 'Target'],
  ['verdict', 'Verdict'],
];

/** The rows as an aligned plain-text table. */
export function textTable(rows: readonly Row[]): string {
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((r) => r[key].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(COLUMNS.map(([key]) => r[key]))),
  ].join('\n');
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The rows as a Markdown table. */
export function markdownTable(rows: readonly Row[]): string {
  return [
    `| ${COLUMNS.map(([, t]) => t).join(' | ')} |`,
    `| ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${COLUMNS.map(([k]) => cell(r[k])).join(' | ')} |`),
  ].join('\n');
}

/** Writes the Markdown report to PATH, formatted with the project's Prettier settings. */
export async function writeResults(
  path: string,
  rows: readonly Row[],
  data: BenchData,
  context: readonly string[],
  notes: readonly string[],
): Promise<void> {
  const raw = [
    ...data.cpu.map(
      (r) =>
        `cpu peers=${r.peers} size=${r.size} round=${r.round} program=${r.program} self%=${r.programPct.toFixed(3)} wg-go%=${r.wgGoPct.toFixed(3)} bytes/s=${Math.round(r.bytesPerS)} vmhwm=${r.peakRss} window=${r.windowS.toFixed(2)}s`,
    ),
    ...data.starts.map(
      (s) => `start peers=${s.peers} panel=${s.panelMs.toFixed(1)}ms floor=${s.floorMs.toFixed(1)}ms`,
    ),
    ...data.heap.map((h) => `heap ${JSON.stringify(h)}`),
    ...(data.rate ? [`rate ${JSON.stringify(data.rate)}`] : []),
    ...data.throughput.map(
      (t) => `throughput round=${t.round} withPanel=${t.withPanel} bps=${Math.round(t.bps)}`,
    ),
    ...(data.cut ? [`cut ${JSON.stringify(data.cut)}`] : []),
  ];
  const text = [
    '# wg-site panel benchmark — results',
    '',
    'Written by `node --import tsx test/bench/panel.bench.ts` (see test/bench/README section in the main README).',
    'Every ratio compares figures measured in this one run; CPU and start figures are medians of interleaved runs.',
    '',
    markdownTable(rows),
    '',
    '## Context',
    '',
    ...context.map((c) => `- ${c}`),
    '',
    '## Notes',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '## Raw runs',
    '',
    '```',
    ...raw,
    '```',
    '',
  ].join('\n');
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(text, { ...options, filepath: path }));
}
