// Measurement 5: time from cutting gwB off the WAN (both sides keepalive 25) until gwA's panel shows
// that peer down or not replying (its screen, polled every 200 ms) — and, side by side, until
// `wg-site check --json` on gwA reports it (polled every 2 s, its counter evidence kept between
// runs as usual). The panel and the check polling start LEADMS before the cut.
import { performance } from 'node:perf_hooks';
import { labCut, labExec, labRestore } from '../lab/lab.js';
import { WG_SITE_BIN } from './lab-gateways.js';
import { FAR_PEER_NAME, startProgram } from './programs.js';
import { pause } from './stats.js';
import type { TermSize, TmuxServer } from './tmux.js';

/** When each view first said the peer is gone (seconds after the cut), and what it said. */
export interface CutResult {
  readonly panelS: number | undefined;
  readonly panelLine: string | undefined;
  readonly checkS: number | undefined;
  readonly checkReason: string | undefined;
  readonly timeoutS: number;
}

/** The first screen line that reports the far peer down or not replying, if any. */
export function downLine(screen: string): string | undefined {
  const lines = screen.split('\n');
  return (
    lines.find((l) => /no[ -]reply|not replying/i.test(l)) ??
    lines.find((l) => l.includes(FAR_PEER_NAME) && /\bdown\b/.test(l))
  )?.trim();
}

interface CheckItem {
  id: string;
  status: string;
  reason: string;
}

async function checkSaysDown(): Promise<string | undefined> {
  const r = await labExec('gwA', [process.execPath, WG_SITE_BIN, 'check', '--json'], { timeoutMs: 20_000 });
  let items: CheckItem[];
  try {
    items = JSON.parse(r.stdout) as CheckItem[];
  } catch {
    return undefined;
  }
  const ids = [`reply:${FAR_PEER_NAME}`, `handshake:${FAR_PEER_NAME}`];
  const hit = items.find((c) => c.status === 'fail' && ids.includes(c.id));
  return hit ? `${hit.id}: ${hit.reason}` : undefined;
}

/** Runs the cut experiment; gwB is restored afterwards. */
export async function cutRun(
  tmux: TmuxServer,
  opts: { size: TermSize; leadMs: number; timeoutMs: number; home: string; log: (l: string) => void },
): Promise<CutResult> {
  const { pane } = await startProgram(tmux, 'panel', opts.size, { home: opts.home });
  let cutAt = NaN;
  let stop = false;
  let checkS: number | undefined;
  let checkReason: string | undefined;
  const checking = (async () => {
    while (!stop) {
      const started = performance.now();
      const reason = await checkSaysDown();
      if (reason !== undefined && Number.isFinite(cutAt) && checkS === undefined) {
        checkS = (performance.now() - cutAt) / 1000;
        checkReason = reason;
        opts.log(`  cut: wg-site check says "${reason}" after ${checkS.toFixed(1)} s`);
      } else if (reason !== undefined && !Number.isFinite(cutAt)) {
        opts.log(`  cut: wg-site check already fails before the cut: ${reason}`);
      }
      await pause(Math.max(0, 2000 - (performance.now() - started)));
    }
  })();
  let panelS: number | undefined;
  let panelLine: string | undefined;
  try {
    await pause(opts.leadMs);
    const before = downLine(await tmux.capture(pane));
    if (before !== undefined) opts.log(`  cut: the panel already shows "${before}" before the cut`);
    await labCut('gwB');
    cutAt = performance.now();
    const deadline = cutAt + opts.timeoutMs;
    while (performance.now() < deadline && (panelS === undefined || checkS === undefined)) {
      if (panelS === undefined) {
        const line = downLine(await tmux.capture(pane).catch(() => ''));
        if (line !== undefined) {
          panelS = (performance.now() - cutAt) / 1000;
          panelLine = line;
          opts.log(`  cut: the panel shows "${line}" after ${panelS.toFixed(1)} s`);
        }
      }
      await pause(200);
    }
  } finally {
    stop = true;
    await checking;
    await tmux.kill(pane);
    if (Number.isFinite(cutAt)) await labRestore('gwB');
  }
  return { panelS, panelLine, checkS, checkReason, timeoutS: opts.timeoutMs / 1000 };
}
