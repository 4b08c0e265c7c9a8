// Measurement 2a: time from spawn to the first screen showing the far peer, for the panel and for
// the floor it is held against — `node -e 0` followed by one `wg show wg0 dump` — both started the
// same way (tmux → lab.sh exec gwA) and read the same way (capture-pane every 20 ms). Interleaved.
import { inNode } from './lab-gateways.js';
import { startProgram } from './programs.js';
import type { TermSize, TmuxServer } from './tmux.js';

/** One pair of start times, ms. */
export interface StartRun {
  readonly peers: number;
  readonly panelMs: number;
  readonly floorMs: number;
}

/**
 * RUNS interleaved pairs at SIZE. The floor prints the dump without its interface line (which holds
 * the private key) and is ready when a peer's public key is on the screen.
 */
export async function startRuns(
  tmux: TmuxServer,
  opts: { peers: number; runs: number; size: TermSize; home: string; log: (l: string) => void },
): Promise<StartRun[]> {
  const floorArgv = inNode('gwA', [
    'sh',
    '-c',
    `${process.execPath} -e 0 && wg show wg0 dump | tail -n +2 && exec sleep 60`, // sleep: keep the screen
  ]);
  // Any peer line (with 300 peers the far one may scroll by): the dump arrives all at once.
  const floorReady = /[A-Za-z0-9+/]{43}=\s/;
  const out: StartRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const order = i % 2 === 0 ? (['panel', 'floor'] as const) : (['floor', 'panel'] as const);
    let panelMs = NaN;
    let floorMs = NaN;
    for (const which of order) {
      if (which === 'panel') {
        const { pane, readyMs } = await startProgram(tmux, 'panel', opts.size, { home: opts.home });
        panelMs = readyMs;
        await tmux.kill(pane);
      } else {
        const pane = await tmux.start(floorArgv, opts.size);
        const at = await tmux.waitFor(pane, floorReady, 20_000);
        const screen = at === undefined ? await tmux.capture(pane).catch(() => '') : '';
        await tmux.kill(pane);
        if (at === undefined) {
          throw new Error(
            `node -e 0 && wg show wg0 dump showed no peer within 20 s; screen:\n${screen.trim()}`,
          );
        }
        floorMs = at - pane.spawnedAt;
      }
    }
    opts.log(
      `  start ${opts.peers}p #${i + 1} panel ${panelMs.toFixed(0)} ms, node -e 0 + dump ${floorMs.toFixed(0)} ms`,
    );
    out.push({ peers: opts.peers, panelMs, floorMs });
  }
  return out;
}
