/**
 * Host figures for the panel (CPU, memory, load, temperature, throttling, interface rates),
 * each returning the previous object when nothing visible changed.
 */
import { displayRound } from './format.js';
import type { CpuUsage, CpuView, LinkView, MemView } from './panel-model.js';
import type {
  CpuLine,
  CpuTimes,
  InterfaceStatus,
  LinkCounters,
  LoadAvg,
  MemInfo,
  Throttled,
} from './types.js';

function sum(c: CpuLine): number {
  return c.user + c.nice + c.system + c.idle + c.iowait + c.irq + c.softirq + c.steal;
}

function clampPercent(x: number): number {
  return Math.min(100, Math.max(0, Math.round(x)));
}

/** Busy and softirq share between two readings of one CPU line; undefined if no time passed. */
export function cpuUsage(prev: CpuLine, cur: CpuLine): CpuUsage | undefined {
  const total = sum(cur) - sum(prev);
  if (!(total > 0)) return undefined;
  const idle = cur.idle - prev.idle + (cur.iowait - prev.iowait);
  return {
    busy: clampPercent((100 * (total - idle)) / total),
    softirq: clampPercent((100 * (cur.softirq - prev.softirq)) / total),
  };
}

function sameUsage(a: CpuUsage | undefined, b: CpuUsage | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.busy === b.busy && a.softirq === b.softirq);
}

/** CPU view from two `/proc/stat` readings. */
export function cpuView(
  old: CpuView | undefined,
  prev: CpuTimes | undefined,
  cur: CpuTimes | undefined,
): CpuView | undefined {
  if (prev === undefined || cur === undefined) return undefined;
  const total = cpuUsage(prev.total, cur.total);
  if (total === undefined) return old;
  const cores: (CpuUsage | undefined)[] = [];
  for (let i = 0; i < cur.cores.length; i++) {
    const a = prev.cores[i];
    const b = cur.cores[i];
    cores[i] = a !== undefined && b !== undefined ? cpuUsage(a, b) : undefined;
  }
  if (old !== undefined && sameUsage(old.total, total) && old.cores.length === cores.length) {
    let same = true;
    for (let i = 0; i < cores.length && same; i++) same = sameUsage(old.cores[i], cores[i]);
    if (same) return old;
  }
  return { total, cores };
}

/** Memory view, rounded like `formatBytes`. */
export function memView(old: MemView | undefined, mem: MemInfo | undefined): MemView | undefined {
  if (mem === undefined) return undefined;
  const totalBytes = displayRound(mem.totalBytes, 1024);
  const availableBytes = displayRound(mem.availableBytes, 1024);
  const usedPercent =
    mem.totalBytes > 0 ? clampPercent(100 - (100 * mem.availableBytes) / mem.totalBytes) : 0;
  if (
    old !== undefined &&
    old.totalBytes === totalBytes &&
    old.availableBytes === availableBytes &&
    old.usedPercent === usedPercent
  ) {
    return old;
  }
  return { totalBytes, availableBytes, usedPercent };
}

/** Interface-wide rates from `/sys/class/net/<if>/statistics`; undefined on a reset or no time. */
export function linkView(
  old: LinkView | undefined,
  prev: LinkCounters | undefined,
  cur: LinkCounters | undefined,
  dt: number,
): LinkView | undefined {
  if (prev === undefined || cur === undefined || !(dt > 0)) return undefined;
  if (cur.rxBytes < prev.rxBytes || cur.txBytes < prev.txBytes) return undefined;
  const rxRate = displayRound(((cur.rxBytes - prev.rxBytes) * 8) / dt, 1000);
  const txRate = displayRound(((cur.txBytes - prev.txBytes) * 8) / dt, 1000);
  if (old !== undefined && old.rxRate === rxRate && old.txRate === txRate) return old;
  return { rxRate, txRate };
}

/** Keep the old load object when the figures are the same. */
export function loadView(old: LoadAvg | undefined, cur: LoadAvg | undefined): LoadAvg | undefined {
  if (cur === undefined || old === undefined) return cur;
  const same =
    old.one === cur.one &&
    old.five === cur.five &&
    old.fifteen === cur.fifteen &&
    old.running === cur.running &&
    old.total === cur.total;
  return same ? old : cur;
}

/** Temperature rounded to 0.1 °C. */
export function tempView(temp: number | undefined): number | undefined {
  return temp === undefined ? undefined : Math.round(temp * 10) / 10;
}

/** Keep the old throttling object when the mask is the same. */
export function throttledView(old: Throttled | undefined, cur: Throttled | undefined): Throttled | undefined {
  return cur !== undefined && old !== undefined && old.raw === cur.raw ? old : cur;
}

/** Keep the old interface object when its fields are the same. */
export function interfaceView(
  old: InterfaceStatus | undefined,
  cur: InterfaceStatus | undefined,
): InterfaceStatus | undefined {
  if (cur === undefined || old === undefined) return cur;
  const same =
    old.publicKey === cur.publicKey && old.listenPort === cur.listenPort && old.fwmark === cur.fwmark;
  return same ? old : cur;
}
