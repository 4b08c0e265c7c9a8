// Real terminals for end-to-end tests and screenshots: a private tmux server (its own socket), panes of
// a fixed size running a command, keys sent like a person types them, and the screen read back.
// Every wait is a bounded poll of the screen; nothing sleeps a fixed time.
import { spawn, spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import type { TestContext } from 'node:test';

/** Marker the pane prints when its command ends: `[exited N]`. */
export const EXIT_MARK = /\[exited (\d+)\]/;

function tmuxRun(args: readonly string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn('tmux', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => resolve({ stdout, stderr: `${stderr}${e.message}`, code: 127 }));
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
  });
}

/** One argument quoted for sh. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Whether tmux can be run here. */
export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** Call first in a test that needs tmux: skips it without tmux, but fails when CI=true. */
export function requireTmux(t: TestContext): boolean {
  if (tmuxAvailable()) return true;
  if (process.env.CI === 'true') throw new Error('tmux is required in CI for the terminal end-to-end tests');
  process.stderr.write('LAB SKIPPED: tmux is not installed\n');
  t.skip('tmux is not installed');
  return false;
}

/** What to wait for on the screen: text it contains, a pattern, or a predicate. */
export type ScreenCondition = string | RegExp | ((screen: string) => boolean);

function matches(screen: string, condition: ScreenCondition): boolean {
  if (typeof condition === 'string') return screen.includes(condition);
  if (condition instanceof RegExp) return condition.test(screen);
  return condition(screen);
}

/** A tmux server of our own (socket name LABEL), so nothing touches anybody else's sessions. */
export class TmuxServer {
  private readonly sessions: string[] = [];

  constructor(readonly label: string) {}

  /** Runs `tmux -L LABEL -f /dev/null ARGS`; throws with tmux's message on failure. */
  async tmux(args: readonly string[]): Promise<string> {
    const r = await tmuxRun(['-L', this.label, '-f', '/dev/null', ...args]);
    if (r.code !== 0) throw new Error(`tmux ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
    return r.stdout;
  }

  /**
   * Opens session NAME, WIDTH×HEIGHT, running ARGV. When ARGV ends the pane stays, showing `[exited N]`.
   * ENV is set for the command (on top of this process's environment, which the server inherits).
   */
  async open(
    name: string,
    argv: readonly string[],
    {
      width = 80,
      height = 24,
      env = {},
    }: { width?: number; height?: number; env?: Record<string, string> } = {},
  ): Promise<TmuxPane> {
    const assignments = Object.entries(env).map(([k, v]) => shellQuote(`${k}=${v}`));
    const command = [...(assignments.length > 0 ? ['env', ...assignments] : []), ...argv]
      .map(shellQuote)
      .join(' ');
    const script = `${command}; echo "[exited $?]"; exec sleep 86400`;
    await this.tmux(['new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), script]);
    this.sessions.push(name);
    return new TmuxPane(this, name);
  }

  /** Kills the whole server (all its sessions and their commands) and removes its socket; never throws. */
  async kill(): Promise<void> {
    const socket = (
      await tmuxRun(['-L', this.label, 'display-message', '-p', '#{socket_path}'])
    ).stdout.trim();
    await tmuxRun(['-L', this.label, 'kill-server']);
    if (socket !== '') await rm(socket, { force: true }).catch(() => undefined);
  }
}

/** One pane: send keys, read the screen, wait for it. */
export class TmuxPane {
  constructor(
    private readonly server: TmuxServer,
    readonly name: string,
  ) {}

  /** The screen as plain text, wrapped lines joined (`capture-pane -p -J`). */
  text(): Promise<string> {
    return this.server.tmux(['capture-pane', '-p', '-J', '-t', this.name]);
  }

  /**
   * The pid of the pane's command, checked to be running PROGRAM (its `comm`): the child of the
   * pane's shell (wrappers that exec, like `lab.sh exec`/`lab.sh ssh`, keep that pid).
   */
  async commandPid(program: string): Promise<number> {
    const shell = (await this.server.tmux(['display-message', '-p', '-t', this.name, '#{pane_pid}'])).trim();
    const children = (await readFile(`/proc/${shell}/task/${shell}/children`, 'utf8')).trim().split(/\s+/);
    for (const pid of children) {
      const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
      if (comm === program) return Number(pid);
    }
    throw new Error(`${this.name}: no ${program} among the pane's processes ${children.join(' ')}`);
  }

  /** Whether the pane shows its alternate screen (a full-screen program is drawing). */
  async alternateScreen(): Promise<boolean> {
    return (
      (await this.server.tmux(['display-message', '-p', '-t', this.name, '#{alternate_on}'])).trim() === '1'
    );
  }

  /** The screen with its colours as SGR escape sequences (`capture-pane -p -e`), one row per line. */
  frame(): Promise<string> {
    return this.server.tmux(['capture-pane', '-p', '-e', '-t', this.name]);
  }

  /**
   * Waits (polling every 100 ms, at most TIMEOUTMS) until the screen meets CONDITION; returns it.
   * Throws with WHAT and the last screen otherwise, or at once when the command ended unexpectedly.
   */
  async waitFor(condition: ScreenCondition, what: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.text();
      if (matches(screen, condition)) return screen;
      const exited = EXIT_MARK.exec(screen);
      if (exited || Date.now() >= deadline) {
        const why = exited ? `the program ended (exit ${exited[1]})` : `not within ${timeoutMs} ms`;
        throw new Error(`${this.name}: waited for ${what}, ${why}. Screen:\n${screen}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Presses one key by its tmux name (Enter, Tab, BTab, Escape, Right, C-u, y, …) and waits until the
   * screen shows UNTIL (by default: until it changes). Waiting for the key's own effect before the next
   * key keeps keys apart: a chunk of text and control keys read at once counts as a paste.
   */
  async press(key: string, until?: ScreenCondition, timeoutMs = 20_000): Promise<string> {
    const before = until === undefined ? await this.text() : '';
    await this.server.tmux(['send-keys', '-t', this.name, key]);
    return this.waitFor(until ?? ((s) => s !== before), `the effect of ${key}`, timeoutMs);
  }

  /** Types TEXT literally (`send-keys -l`; one chunk, like a paste) and waits until it shows. */
  async type(text: string, shows: ScreenCondition = (s) => s.includes(text.slice(-12))): Promise<string> {
    await this.server.tmux(['send-keys', '-t', this.name, '-l', text]);
    return this.waitFor(shows, `the typed text "${text}"`, 20_000);
  }
}
