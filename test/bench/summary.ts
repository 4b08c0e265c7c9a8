// Turns the raw runs into the rows of the result table: each figure, what it is held against, the
// ratio, the target and the verdict.
import type { CpuRun } from './measure-cpu.js';
import type { CutResult } from './measure-cut.js';
import type { HeapRun } from './measure-heap.js';
import type { RateResult } from './measure-rate.js';
import type { StartRun } from './measure-start.js';
import type { ThroughputRun } from './measure-throughput.js';
import { fmt, median, ratio } from './stats.js';

/** One line of the result table. */
export interface Row {
  readonly measure: string;
  readonly setup: string;
  readonly panel: string;
  readonly reference: string;
  readonly ratio: string;
  readonly target: string;
  /** PASS, FAIL, or `info` when there is no target. */
  readonly verdict: string;
}

/** Everything one bench run measured. */
export interface BenchData {
  cpu: CpuRun[];
  starts: StartRun[];
  heap: HeapRun[];
  rate?: RateResult;
  throughput: ThroughputRun[];
  cut?: CutResult;
}

const verdict = (ok: boolean | undefined): string => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'FAIL');
const MB = 1e6;

interface CpuFigure {
  total: number;
  self: number;
  wgGoExtra: number;
  bytesPerS: number;
}

function cpuFigure(
  runs: readonly CpuRun[],
  program: string,
  peers: number,
  size: string,
): CpuFigure | undefined {
  const mine = runs.filter((r) => r.program === program && r.peers === peers && r.size === size);
  if (mine.length === 0) return undefined;
  const base = median(runs.filter((r) => r.program === 'none' && r.peers === peers).map((r) => r.wgGoPct));
  const self = median(mine.map((r) => r.programPct));
  const wgGoExtra = median(mine.map((r) => r.wgGoPct)) - base;
  return { total: self + wgGoExtra, self, wgGoExtra, bytesPerS: median(mine.map((r) => r.bytesPerS)) };
}

function cpuRows(data: BenchData): Row[] {
  const rows: Row[] = [];
  const combos = [
    ...new Set(data.cpu.filter((r) => r.program === 'panel').map((r) => `${r.peers}|${r.size}`)),
  ];
  for (const combo of combos) {
    const [peersText, size] = combo.split('|') as [string, string];
    const peers = Number(peersText);
    const [panel, watch, htop] = ['panel', 'watch', 'htop'].map((p) => cpuFigure(data.cpu, p, peers, size));
    const setup = `${peers} peer${peers === 1 ? '' : 's'}, ${size}`;
    const r = ratio(panel?.total ?? NaN, watch?.total ?? NaN);
    rows.push({
      measure: 'CPU per second (% of one core)',
      setup,
      panel: panel ? `${fmt(panel.total)} (self ${fmt(panel.self)} + wg-go ${fmt(panel.wgGoExtra)})` : 'n/a',
      reference: `watch ${fmt(watch?.total)} (wg-go ${fmt(watch?.wgGoExtra)}); htop ${fmt(htop?.total)}`,
      ratio: `${fmt(r)} vs watch; ${fmt(ratio(panel?.total ?? NaN, htop?.total ?? NaN))} vs htop`,
      target: 'panel ≤ watch -n1 wg show all',
      verdict: verdict(Number.isFinite(r) ? r <= 1 : undefined),
    });
    rows.push({
      measure: 'Bytes to the terminal per second',
      setup,
      panel: fmt(panel?.bytesPerS, 0),
      reference: `watch ${fmt(watch?.bytesPerS, 0)}; htop ${fmt(htop?.bytesPerS, 0)}`,
      ratio: `${fmt(ratio(panel?.bytesPerS ?? NaN, watch?.bytesPerS ?? NaN))} vs watch`,
      target: 'none in the issue (reported)',
      verdict: 'info',
    });
  }
  return rows;
}

function startRows(data: BenchData): Row[] {
  return [...new Set(data.starts.map((s) => s.peers))].map((peers) => {
    const mine = data.starts.filter((s) => s.peers === peers);
    const panel = median(mine.map((s) => s.panelMs));
    const floor = median(mine.map((s) => s.floorMs));
    const r = ratio(panel, floor);
    return {
      measure: 'Start to first frame with data (ms)',
      setup: `${peers} peer${peers === 1 ? '' : 's'}, 80x24, median of ${mine.length}`,
      panel: fmt(panel, 0),
      reference: `node -e 0 + wg show wg0 dump: ${fmt(floor, 0)}`,
      ratio: fmt(r),
      target: '≤ 2× the floor',
      verdict: verdict(Number.isFinite(r) ? r <= 2 : undefined),
    };
  });
}

function rssRows(data: BenchData): Row[] {
  const peersSet = [...new Set(data.cpu.filter((r) => r.program === 'panel').map((r) => r.peers))];
  return peersSet.map((peers) => {
    const peak = Math.max(
      ...data.cpu.filter((r) => r.program === 'panel' && r.peers === peers).map((r) => r.peakRss),
    );
    return {
      measure: 'Peak RSS, VmHWM (MB)',
      setup: `${peers} peer${peers === 1 ? '' : 's'}, max over runs`,
      panel: fmt(peak / MB, 1),
      reference: '100 MB',
      ratio: fmt(peak / MB / 100),
      target: '< 100 MB',
      verdict: verdict(Number.isFinite(peak) ? peak < 100 * MB : undefined),
    };
  });
}

function heapRows(data: BenchData): Row[] {
  return data.heap.map((h) => {
    const growth = h.heapLast - h.heapEarly;
    return {
      measure: `Heap after GC, frame ${h.early} → ${h.frames} (MB)`,
      setup: `${h.peers} peer${h.peers === 1 ? '' : 's'}, ${h.width}x${h.height}, ${h.rendered} frames drawn`,
      panel: `${fmt(h.heapEarly / MB)} → ${fmt(h.heapLast / MB)} (+${fmt(growth / MB)})`,
      reference: `+${fmt(growth / (h.frames - h.early) / 1024)} KB/frame`,
      ratio: fmt(ratio(h.heapLast, h.heapEarly)),
      target: 'no growth (≤ 1 MB)',
      verdict: verdict(growth <= 1 * MB),
    };
  });
}

function rateRow(rate: RateResult): Row {
  const raw = ratio(rate.panelBps, rate.iperfBps);
  const corrected = raw / rate.framing;
  return {
    measure: 'Rate shown vs iperf3 (Mbit/s)',
    setup: `UDP gwA→gwB, ${rate.samples} samples, ${rate.source ?? '?'}, iperf3 loss ${fmt(rate.lostPercent)} %`,
    panel: fmt(rate.panelBps / 1e6),
    reference: `iperf3 payload ${fmt(rate.iperfBps / 1e6)} × framing ${fmt(rate.framing, 4)}`,
    ratio: `${fmt(corrected, 4)} (raw ${fmt(raw, 4)})`,
    target: 'within 2 %',
    verdict: verdict(Number.isFinite(corrected) ? Math.abs(corrected - 1) <= 0.02 : undefined),
  };
}

function throughputRow(runs: readonly ThroughputRun[]): Row {
  const without = median(runs.filter((r) => !r.withPanel).map((r) => r.bps));
  const withPanel = median(runs.filter((r) => r.withPanel).map((r) => r.bps));
  const r = ratio(withPanel, without);
  return {
    measure: 'iperf3 TCP throughput, one core (Mbit/s)',
    setup: `all on core 0, median of ${runs.length / 2} each`,
    panel: `with panel ${fmt(withPanel / 1e6, 1)}`,
    reference: `without ${fmt(without / 1e6, 1)}`,
    ratio: fmt(r, 4),
    target: '≥ 99 %',
    verdict: verdict(Number.isFinite(r) ? r >= 0.99 : undefined),
  };
}

function cutRow(cut: CutResult): Row {
  const shown = (s: number | undefined) =>
    s === undefined ? `not within ${cut.timeoutS} s` : `${fmt(s, 1)} s`;
  return {
    measure: 'Cut far gateway → shown down/no reply',
    setup: '1 peer, keepalive 25 both sides, 120x50',
    panel: `${shown(cut.panelS)}${cut.panelLine ? ` ("${cut.panelLine.slice(0, 60)}")` : ''}`,
    reference: `wg-site check --json: ${shown(cut.checkS)}${cut.checkReason ? ` (${cut.checkReason})` : ''}`,
    ratio: cut.panelS === undefined ? 'n/a' : fmt(cut.panelS / 30),
    target: '< 30 s on the panel (usual alert: 180 s)',
    verdict: verdict(cut.panelS !== undefined && cut.panelS < 30),
  };
}

/** All rows, in the issue's order. */
export function summarize(data: BenchData): Row[] {
  return [
    ...cpuRows(data).filter((r) => r.measure.startsWith('CPU')),
    ...startRows(data),
    ...rssRows(data),
    ...heapRows(data),
    ...(data.rate ? [rateRow(data.rate)] : []),
    ...(data.throughput.length > 0 ? [throughputRow(data.throughput)] : []),
    ...(data.cut ? [cutRow(data.cut)] : []),
    ...cpuRows(data).filter((r) => r.measure.startsWith('Bytes')),
  ];
}
