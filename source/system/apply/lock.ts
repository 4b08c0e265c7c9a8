/**
 * One lock per interface, held by every command that changes its state (apply, confirm, rollback,
 * down, the trial watchdog's revert, the wizard's apply and the panel's restart).
 *
 * The lock is a real `flock(2)` on /run/wg-site/<if>.lock, held by a small `flock` child process
 * whose standard input is a pipe from this process: when this process ends in any way (even
 * SIGKILL), the pipe closes, the child exits and the kernel releases the lock. Nothing stale is
 * ever left to clean up. Who holds it (pid, command, since when) is written beside it, for the
 * message a second command prints.
 */
import { spawn } from 'node:child_process';
import type { FileStore } from '../file-store.js';
import { STATE_DIR } from './paths.js';

/** Who holds an interface's lock. */
export interface LockHolder {
  pid: number;
  /** The command line, e.g. `wg-site apply --site /etc/wg-site/wg0.json`. */
  command: string;
  /** ISO time the lock was taken. */
  since: string;
}

/** A held lock. */
export interface HeldLock {
  release(): Promise<void>;
}

/** Taking interface locks; tests pass an in-memory fake. */
export interface InterfaceLocks {
  /**
   * Take the lock of IFACE for COMMAND, waiting up to WAITMS for it. Resolves to the held lock, or
   * to the holder when it stayed taken (holder undefined when it could not be read).
   */
  acquire(
    iface: string,
    command: string,
    waitMs: number,
  ): Promise<{ held: HeldLock } | { busy: LockHolder | undefined }>;
}

/** Thrown when another command holds the interface's lock (exit code 1). */
export class InterfaceBusy extends Error {
  constructor(
    readonly iface: string,
    readonly holder: LockHolder | undefined,
    now: number,
  ) {
    super(busyMessage(iface, holder, now));
    this.name = 'InterfaceBusy';
  }
}

/** The sentence that names who holds the lock. */
export function busyMessage(iface: string, holder: LockHolder | undefined, now: number): string {
  if (!holder) return `Another wg-site command is changing ${iface}; wait for it to finish and try again.`;
  const since = Date.parse(holder.since);
  const age = Number.isNaN(since) ? '' : ` (${Math.max(0, Math.round((now - since) / 1000))} s ago)`;
  return (
    `Another wg-site command is changing ${iface}: pid ${holder.pid}, \`${holder.command}\`, ` +
    `since ${holder.since}${age}. Wait for it to finish and try again.`
  );
}

/** Paths of the lock and its holder note. */
export function lockPaths(iface: string, dir = STATE_DIR): { lock: string; holder: string } {
  return { lock: `${dir}/${iface}.lock`, holder: `${dir}/${iface}.lock-holder` };
}

/** How long commands run by a person wait for a busy interface before they give up. */
export const LOCK_WAIT_MS = 10_000;

/** Exit code `flock` gives when the lock stayed taken. */
const CONFLICT = 75;

/** The lock holder's description of this process: `wg-site` and its arguments. */
export function thisCommand(argv: readonly string[] = process.argv): string {
  return ['wg-site', ...argv.slice(2)].join(' ').slice(0, 300);
}

async function readHolder(files: FileStore, path: string): Promise<LockHolder | undefined> {
  try {
    const text = await files.read(path);
    const value = text === undefined ? undefined : (JSON.parse(text) as Partial<LockHolder>);
    if (value && typeof value.pid === 'number' && typeof value.command === 'string') {
      return { pid: value.pid, command: value.command, since: String(value.since ?? '') };
    }
  } catch {
    // unreadable: no holder to name
  }
  return undefined;
}

/** Start the holder child; resolves once it holds the lock (ok) or found it taken past the wait. */
function holdWithFlock(path: string, waitMs: number): Promise<{ ok: boolean; close: () => Promise<void> }> {
  const seconds = String(Math.max(0, waitMs) / 1000);
  // -F: the shell (then cat) inherits the locked descriptor; cat lives until our pipe closes. A
  // session of its own, so a hang-up of the person's terminal reaches this process, not the holder.
  const child = spawn(
    'flock',
    ['-x', '-w', seconds, '-E', String(CONFLICT), '-F', path, 'sh', '-c', 'echo locked; exec cat >/dev/null'],
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Closing our end of the pipe is all it takes to release; wait until the holder is gone, so the
  // lock is free when this resolves.
  const close = async () => {
    child.ref();
    child.stdin.end();
    child.stdout.destroy();
    child.stderr.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      const bound = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(bound);
    }
  };
  // While held, the holder must not keep this process alive.
  const detach = () => {
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      (stream as unknown as { unref?: () => void }).unref?.();
    }
  };
  child.stdin.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    let stderr = '';
    let settled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!settled && chunk.toString().includes('locked')) {
        settled = true;
        detach();
        resolve({ ok: true, close });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(new Error(`could not take the lock ${path}: ${error.message}`));
    });
    child.on('exit', (code) => {
      if (settled) return;
      settled = true;
      if (code === CONFLICT) resolve({ ok: false, close });
      else reject(new Error(`could not take the lock ${path}: ${stderr.trim() || `flock exited ${code}`}`));
    });
  });
}

/**
 * The real locks: `flock` on /run/wg-site/<if>.lock. FILES must be the real file store (flock opens
 * the same path); DIR is for tests.
 */
export function flockLocks(
  files: FileStore,
  clock: { now(): number },
  options: { pid?: number; dir?: string } = {},
): InterfaceLocks {
  const pid = options.pid ?? process.pid;
  return {
    async acquire(iface, command, waitMs) {
      const paths = lockPaths(iface, options.dir);
      // The lock file must exist (flock creates it, but not its directory); an empty 0600 file.
      await files.createExclusive(paths.lock, '', 0o600);
      const { ok, close } = await holdWithFlock(paths.lock, waitMs);
      if (!ok) {
        await close();
        return { busy: await readHolder(files, paths.holder) };
      }
      const holder: LockHolder = { pid, command, since: new Date(clock.now()).toISOString() };
      await files.writeAtomic(paths.holder, `${JSON.stringify(holder)}\n`, 0o600);
      let released = false;
      return {
        held: {
          async release() {
            if (released) return;
            released = true;
            await files.remove(paths.holder);
            await close();
          },
        },
      };
    },
  };
}

/** What holding a lock needs from the apply dependencies. */
export interface LockDeps {
  locks: InterfaceLocks;
  command: string;
  clock: { now(): number };
}

/**
 * Run FN while holding IFACE's lock. Throws {@link InterfaceBusy} when another command keeps it
 * for longer than WAITMS.
 */
export async function withInterfaceLock<T>(
  deps: LockDeps,
  iface: string,
  fn: () => Promise<T>,
  waitMs = LOCK_WAIT_MS,
): Promise<T> {
  const taken = await deps.locks.acquire(iface, deps.command, waitMs);
  if ('busy' in taken) throw new InterfaceBusy(iface, taken.busy, deps.clock.now());
  try {
    return await fn();
  } finally {
    await taken.held.release();
  }
}
