// Measurement 4: TCP throughput gwA → gwB through the tunnel with the panel running against
// without it, with both wireguard-go daemons, iperf3 (client and server) and the panel pinned to
// core 0, in interleaved runs. The daemons' CPU affinity is restored afterwards.
import { execFileSync } from 'node:child_process';
import { wireguardGoPid } from './lab-gateways.js';
import { iperfClient, iperfServer } from './iperf.js';
import { startProgram } from './programs.js';
import { pause } from './stats.js';
import type { TermSize, TmuxServer } from './tmux.js';

/** One run. */
export interface ThroughputRun {
  readonly withPanel: boolean;
  readonly round: number;
  /** Receiver's rate, bit/s. */
  readonly bps: number;
}

const CORE = 0;

/** Sets every thread of PID to the CPU list LIST (as taskset -a -p -c LIST PID). */
function setAffinity(pid: number, list: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', list, String(pid)], { stdio: 'ignore' });
}

/** The CPU list of PID (taskset -p -c PID). */
function affinity(pid: number): string {
  const out = execFileSync('taskset', ['-p', '-c', String(pid)], { encoding: 'utf8' });
  return out.slice(out.lastIndexOf(':') + 1).trim();
}

/** ROUNDS × (without, with), alternating which comes first; each iperf3 run lasts SECONDS (+1 s omitted). */
export async function throughputRuns(
  tmux: TmuxServer,
  opts: { rounds: number; seconds: number; size: TermSize; home: string; log: (l: string) => void },
): Promise<ThroughputRun[]> {
  const daemons = [await wireguardGoPid('gwA'), await wireguardGoPid('gwB')];
  const saved = daemons.map((pid) => ({ pid, list: affinity(pid) }));
  const runs: ThroughputRun[] = [];
  try {
    for (const pid of daemons) setAffinity(pid, String(CORE));
    let port = 5300;
    for (let round = 1; round <= opts.rounds; round++) {
      const order = round % 2 === 1 ? [false, true] : [true, false];
      for (const withPanel of order) {
        const panel = withPanel
          ? await startProgram(tmux, 'panel', opts.size, { home: opts.home, cpu: CORE })
          : undefined;
        try {
          if (panel) await pause(1000);
          port++;
          const server = await iperfServer(port, CORE);
          const report = await iperfClient(port, ['-t', String(opts.seconds), '-O', '1'], CORE);
          await server.done;
          const bps = report.end.sum_received?.bits_per_second ?? NaN;
          opts.log(
            `  throughput r${round} ${withPanel ? 'with panel   ' : 'without panel'} ${(bps / 1e6).toFixed(1)} Mbit/s`,
          );
          runs.push({ withPanel, round, bps });
        } finally {
          if (panel) await tmux.kill(panel.pane);
        }
      }
    }
  } finally {
    for (const { pid, list } of saved) {
      try {
        setAffinity(pid, list);
      } catch {
        // the daemon is gone; nothing to restore
      }
    }
  }
  return runs;
}
