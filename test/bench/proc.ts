// Readers for /proc: CPU ticks of a process (and its reaped children), peak RSS, and finding a
// daemon by name inside one network namespace (a lab gateway). Linux only.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Clock ticks per second of utime/stime in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time of one process in clock ticks: its own (all threads) and that of its reaped children. */
export interface CpuTicks {
  readonly self: number;
  readonly children: number;
}

function statFields(pid: number): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields restart after the last ')'.
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** utime+stime and cutime+cstime of PID, or undefined when it is gone. */
export function readCpuTicks(pid: number): CpuTicks | undefined {
  const f = statFields(pid);
  if (f === undefined) return undefined;
  // After ')': state(3) ppid(4) … utime is field 14, i.e. index 11 here; stime 12, cutime 13, cstime 14.
  const n = (i: number): number => Number(f[i]);
  return { self: n(11) + n(12), children: n(13) + n(14) };
}

/** Total of {@link CpuTicks}. */
export const totalTicks = (t: CpuTicks): number => t.self + t.children;

/** The process state letter (R, S, Z, …) or undefined when gone. */
export function processState(pid: number): string | undefined {
  return statFields(pid)?.[0];
}

/** A `kB` field of /proc/<pid>/status (e.g. VmHWM, VmRSS), in bytes; undefined when unavailable. */
export function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The network namespace id (`net:[inode]`) of PID, or undefined. */
export function netnsOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/net`);
  } catch {
    return undefined;
  }
}

/** Live (non-zombie) processes named COMM (as in /proc/<pid>/comm) in network namespace NETNS. */
export function pidsByName(comm: string, netns: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== comm) continue;
    } catch {
      continue;
    }
    const state = processState(pid);
    if (state === undefined || state === 'Z' || state === 'X') continue;
    if (netnsOf(pid) === netns) out.push(pid);
  }
  return out;
}

/** Whether PID exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const s = processState(pid);
  return s !== undefined && s !== 'Z' && s !== 'X';
}
