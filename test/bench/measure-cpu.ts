// Measurements 1 and 6 (and peak RSS for 2): CPU per second of each program (itself + reaped
// children) and of gwA's wireguard-go over the same window, bytes the program writes to its
// terminal, and the panel's VmHWM. Runs of one round are interleaved in a rotating order.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLK_TCK, readCpuTicks, statusBytes, totalTicks } from './proc.js';
import { startProgram, type Program } from './programs.js';
import { pause, rotate } from './stats.js';
import { sizeLabel, type TermSize, type TmuxServer } from './tmux.js';

/** One measured window. */
export interface CpuRun {
  readonly program: Program;
  readonly peers: number;
  /** Terminal size label; `-` for the baseline. */
  readonly size: string;
  readonly round: number;
  /** Program CPU (self + reaped children), % of one core. */
  readonly programPct: number;
  /** gwA's wireguard-go CPU over the same window, % of one core. */
  readonly wgGoPct: number;
  /** Bytes written to the terminal per second. */
  readonly bytesPerS: number;
  /** VmHWM at the end of the window, bytes (panel runs). */
  readonly peakRss: number;
  readonly windowS: number;
}

/** Inputs of {@link cpuRounds}. */
export interface CpuPlan {
  readonly tmux: TmuxServer;
  readonly wgGoPid: number;
  readonly peers: number;
  readonly sizes: readonly TermSize[];
  readonly programs: readonly Exclude<Program, 'none'>[];
  readonly rounds: number;
  readonly windowMs: number;
  /** Time between the first screen with data and the start of the window. */
  readonly settleMs: number;
  readonly home: string;
  readonly log: (line: string) => void;
}

const pct = (ticks: number, seconds: number): number => (ticks / CLK_TCK / seconds) * 100;

function ticksOf(pid: number): number {
  const t = readCpuTicks(pid);
  if (t === undefined) throw new Error(`process ${pid} vanished during a CPU window`);
  return totalTicks(t);
}

async function baseline(plan: CpuPlan, round: number): Promise<CpuRun> {
  const w0 = ticksOf(plan.wgGoPid);
  const t0 = performance.now();
  await pause(plan.windowMs);
  const windowS = (performance.now() - t0) / 1000;
  const wgGoPct = pct(ticksOf(plan.wgGoPid) - w0, windowS);
  return {
    program: 'none',
    peers: plan.peers,
    size: '-',
    round,
    programPct: 0,
    wgGoPct,
    bytesPerS: 0,
    peakRss: 0,
    windowS,
  };
}

async function measured(
  plan: CpuPlan,
  program: Exclude<Program, 'none'>,
  size: TermSize,
  round: number,
): Promise<CpuRun> {
  const { tmux } = plan;
  const { pane } = await startProgram(tmux, program, size, { home: plan.home });
  try {
    await pause(plan.settleMs);
    const file = join(tmux.dir, `${pane.name}.out`);
    await tmux.pipeTo(pane, file);
    const p0 = ticksOf(pane.pid);
    const w0 = ticksOf(plan.wgGoPid);
    const t0 = performance.now();
    await pause(plan.windowMs);
    const p1 = ticksOf(pane.pid);
    const w1 = ticksOf(plan.wgGoPid);
    const windowS = (performance.now() - t0) / 1000;
    await tmux.stopPipe(pane);
    const peakRss = statusBytes(pane.pid, 'VmHWM') ?? NaN;
    let bytes = NaN;
    try {
      bytes = statSync(file).size;
    } catch {
      // the pipe never produced a file: leave NaN
    }
    return {
      program,
      peers: plan.peers,
      size: sizeLabel(size),
      round,
      programPct: pct(p1 - p0, windowS),
      wgGoPct: pct(w1 - w0, windowS),
      bytesPerS: bytes / windowS,
      peakRss,
      windowS,
    };
  } finally {
    await tmux.kill(pane);
  }
}

/** Runs every program × size plus the baseline once per round, in a rotating order. */
export async function cpuRounds(plan: CpuPlan): Promise<CpuRun[]> {
  const slots: ({ program: 'none' } | { program: Exclude<Program, 'none'>; size: TermSize })[] = [
    { program: 'none' },
    ...plan.programs.flatMap((program) => plan.sizes.map((size) => ({ program, size }))),
  ];
  const runs: CpuRun[] = [];
  for (let round = 1; round <= plan.rounds; round++) {
    for (const slot of rotate(slots, (round - 1) * 3)) {
      const run =
        slot.program === 'none'
          ? await baseline(plan, round)
          : await measured(plan, slot.program, slot.size, round);
      plan.log(
        `  cpu ${plan.peers}p r${round} ${run.program.padEnd(5)} ${run.size.padEnd(6)} prog ${run.programPct.toFixed(2)}% wg-go ${run.wgGoPct.toFixed(2)}% ${Math.round(run.bytesPerS)} B/s`,
      );
      runs.push(run);
    }
  }
  return runs;
}
