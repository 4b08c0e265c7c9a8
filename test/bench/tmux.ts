// A private tmux server (its own socket and config) for running programs in terminals of a fixed
// size, reading their screens and counting the bytes they write. Never touches the user's server.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isAlive } from './proc.js';

/** A terminal size in cells. */
export interface TermSize {
  readonly width: number;
  readonly height: number;
}

/** Label of a size, e.g. `80x24`. */
export const sizeLabel = (s: TermSize): string => `${s.width}x${s.height}`;

/** One program started in its own session. */
export interface Pane {
  readonly name: string;
  /** pid of the program (tmux execs it directly; lab.sh, nsenter and env exec in place). */
  readonly pid: number;
  /** performance.now() just before tmux was asked to start it. */
  readonly spawnedAt: number;
}

/** The private server. */
export class TmuxServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'wg-site-bench-'));
  /** The server's socket lives in our own directory, so removing it leaves nothing behind. */
  private readonly socket = join(this.dir, 'tmux.sock');
  private readonly conf = join(this.dir, 'tmux.conf');
  private started = false;
  private serial = 0;

  constructor() {
    // No status line (the whole window is the program's), keep dead panes for diagnosis.
    writeFileSync(this.conf, 'set -g status off\nset -g remain-on-exit on\nset -g history-limit 100\n');
  }

  /** Runs `tmux ARGS` on this server; resolves with stdout, rejects on exit ≠ 0. */
  tmux(args: readonly string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'tmux',
        ['-S', this.socket, '-f', this.conf, ...args],
        { env: { ...process.env, LANG: 'C.UTF-8' }, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`tmux ${args[0]} failed: ${stderr.trim() || error.message}`));
          else resolve(stdout);
        },
      );
    });
  }

  /** Starts ARGV in a new detached session of SIZE; resolves once tmux reports the pane's pid. */
  async start(argv: readonly string[], size: TermSize): Promise<Pane> {
    const name = `s${++this.serial}`;
    const spawnedAt = performance.now();
    const out = await this.tmux([
      'new-session',
      '-d',
      '-P',
      '-F',
      '#{pane_pid}',
      '-s',
      name,
      '-x',
      String(size.width),
      '-y',
      String(size.height),
      '--',
      ...argv,
    ]);
    this.started = true;
    return { name, pid: Number(out.trim()), spawnedAt };
  }

  /** The visible screen of PANE as text. */
  capture(pane: Pane): Promise<string> {
    return this.tmux(['capture-pane', '-p', '-t', pane.name]);
  }

  /**
   * Polls the screen every INTERVALMS until PATTERN matches or TIMEOUTMS passed. Resolves with the
   * time (performance.now()) of the capture that matched, or undefined.
   */
  async waitFor(
    pane: Pane,
    pattern: RegExp,
    timeoutMs: number,
    intervalMs = 20,
  ): Promise<number | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const text = await this.capture(pane).catch(() => '');
      const at = performance.now();
      if (pattern.test(text)) return at;
      if (at >= deadline) return undefined;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /** Starts copying everything PANE's program writes into FILE (tmux pipe-pane). */
  pipeTo(pane: Pane, file: string): Promise<string> {
    return this.tmux(['pipe-pane', '-O', '-t', pane.name, `cat > '${file}'`]);
  }

  /** Stops the copy started by {@link pipeTo}. */
  stopPipe(pane: Pane): Promise<string> {
    return this.tmux(['pipe-pane', '-t', pane.name]);
  }

  /** Ends PANE's session (SIGHUP to its program) and waits until the program is gone (KILL after 3 s). */
  async kill(pane: Pane): Promise<void> {
    await this.tmux(['kill-session', '-t', pane.name]).catch(() => undefined);
    const deadline = performance.now() + 3000;
    while (isAlive(pane.pid)) {
      if (performance.now() > deadline) {
        try {
          process.kill(pane.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Kills this server (every session in it) and removes its directory. Safe to call twice. */
  async close(): Promise<void> {
    if (this.started) await this.tmux(['kill-server']).catch(() => undefined);
    this.started = false;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
