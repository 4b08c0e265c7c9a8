// The programs the panel is compared with, how to start each inside gwA in a tmux terminal, and
// how to tell that its first screen with data is up.
import { inNode, WG_SITE_BIN } from './lab-gateways.js';
import type { Pane, TermSize, TmuxServer } from './tmux.js';

/** A monitored program, or `none` (the baseline: nothing running besides the lab). */
export type Program = 'none' | 'panel' | 'watch' | 'htop';

/** The peer name the panel shows for gwB (from the site file apply installed on gwA). */
export const FAR_PEER_NAME = 'site-b';

/** Options of {@link startProgram}. */
export interface StartOptions {
  /** Prefix the program with `taskset -c CPU`. */
  readonly cpu?: number;
  /** Extra panel arguments. */
  readonly panelArgs?: readonly string[];
  /** HOME for htop (so it never writes the real user's htoprc). */
  readonly home: string;
}

/** argv of PROGRAM inside gwA. */
export function programArgv(program: Exclude<Program, 'none'>, opts: StartOptions): string[] {
  const pin = opts.cpu === undefined ? [] : ['taskset', '-c', String(opts.cpu)];
  switch (program) {
    case 'panel':
      return inNode('gwA', [...pin, process.execPath, WG_SITE_BIN, 'panel', ...(opts.panelArgs ?? [])]);
    case 'watch':
      return inNode('gwA', [...pin, 'watch', '-n1', 'wg', 'show', 'all']);
    case 'htop':
      return inNode('gwA', [...pin, 'env', `HOME=${opts.home}`, 'htop', '-d10']);
  }
}

/** What each program's first screen with data contains. */
export const READY: Record<Exclude<Program, 'none'>, RegExp> = {
  panel: new RegExp(FAR_PEER_NAME),
  watch: /interface: wg0/,
  htop: /Load average|Tasks:/,
};

/** Starts PROGRAM in a terminal of SIZE and waits (≤ 20 s) for its first screen with data. */
export async function startProgram(
  tmux: TmuxServer,
  program: Exclude<Program, 'none'>,
  size: TermSize,
  opts: StartOptions,
): Promise<{ pane: Pane; readyMs: number }> {
  const pane = await tmux.start(programArgv(program, opts), size);
  const at = await tmux.waitFor(pane, READY[program], 20_000);
  if (at === undefined) {
    const screen = await tmux.capture(pane).catch(() => '(no screen)');
    await tmux.kill(pane);
    throw new Error(`${program} showed no data within 20 s; its screen:\n${screen.trim()}`);
  }
  return { pane, readyMs: at - pane.spawnedAt };
}
