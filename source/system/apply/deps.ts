import { spawn } from 'node:child_process';
import type { Clock } from '../clock.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileStore } from '../file-store.js';
import { flockLocks, thisCommand, type InterfaceLocks } from './lock.js';

/** Process handling apply needs beyond running commands, behind an interface so tests can fake it. */
export interface ProcessControl {
  /** This process's id. */
  readonly pid: number;
  /** Effective user id. */
  readonly uid: number;
  /** How to start this CLI again: the node binary and the arguments before the command name. */
  readonly cli: { node: string; args: string[] };
  /** Start a process in a session of its own, stdio ignored, not waited for; returns its pid. */
  spawnDetached(file: string, args: string[]): number;
  /** True when a process with this id exists. */
  alive(pid: number): boolean;
  /** Send a signal; no error when the process is already gone. */
  kill(pid: number, signal: NodeJS.Signals): void;
}

/** Everything the apply machinery touches. */
export interface ApplyDeps {
  runner: CommandRunner;
  files: FileStore;
  clock: Clock;
  env: Record<string, string | undefined>;
  proc: ProcessControl;
  /** The per-interface locks every state change holds. */
  locks: InterfaceLocks;
  /** How this process names itself to a command that finds the lock taken. */
  command: string;
  /** Wait between polls (tests pass one that returns at once). */
  sleep(ms: number): Promise<void>;
  /** Progress lines for a person (not for --json). */
  log(text: string): void;
}

/** The real process control: node's child_process and process objects. */
export const systemProcesses: ProcessControl = {
  pid: process.pid,
  uid: process.getuid?.() ?? -1,
  cli: { node: process.execPath, args: [...process.execArgv, process.argv[1] ?? ''] },
  spawnDetached(file, args) {
    // detached: setsid() in the child, so killing the caller's session or process group spares it.
    const child = spawn(file, args, { detached: true, stdio: 'ignore', cwd: '/' });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${file}`);
    return child.pid;
  },
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  kill(pid, signal) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  },
};

/** A real sleep, for polling loops. */
export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Real apply dependencies around the given runner, files, clock and environment. */
export function systemApplyDeps(
  base: Pick<ApplyDeps, 'runner' | 'files' | 'clock' | 'env'> & { locks?: InterfaceLocks },
  log: (text: string) => void,
): ApplyDeps {
  return {
    runner: base.runner,
    files: base.files,
    clock: base.clock,
    env: base.env,
    proc: systemProcesses,
    locks: base.locks ?? flockLocks(base.files, base.clock),
    command: thisCommand(),
    sleep: realSleep,
    log,
  };
}
