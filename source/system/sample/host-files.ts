/**
 * Reads the host figures shown beside the tunnel from `/proc` and `/sys`. Every part is optional:
 * a file that is missing or unreadable leaves its part out instead of failing the tick.
 */
import {
  parseCounterFile,
  parseLoadavg,
  parseMeminfo,
  parseProcStat,
  parseThermalTemp,
  parseThrottled,
} from '../../domain/status/host.js';
import type { CpuTimes, LinkCounters, LoadAvg, MemInfo, Throttled } from '../../domain/status/types.js';
import type { FileReader } from './file-reader.js';

/** Paths read by {@link readHostFiles}. */
export const HOST_PATHS = {
  stat: '/proc/stat',
  meminfo: '/proc/meminfo',
  loadavg: '/proc/loadavg',
  thermal: '/sys/class/thermal/thermal_zone0/temp',
  /** Raspberry Pi kernels expose the firmware throttling mask here (hex), no vcgencmd needed. */
  throttled: '/sys/devices/platform/soc/soc:firmware/get_throttled',
  model: '/proc/device-tree/model',
} as const;

/** `/sys/class/net/<if>/statistics/<rx|tx>_bytes`. */
export function linkCounterPath(interfaceName: string, direction: 'rx' | 'tx'): string {
  return `/sys/class/net/${interfaceName}/statistics/${direction}_bytes`;
}

/** The host part of a sample. */
export interface HostFigures {
  cpu?: CpuTimes;
  mem?: MemInfo;
  load?: LoadAvg;
  temp?: number;
  throttled?: Throttled;
  link?: LinkCounters;
}

function attempt<T>(text: string | undefined, parse: (t: string) => T): T | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined; // a malformed kernel file hides that figure, it does not stop the panel
  }
}

/** Read all host files in parallel. */
export async function readHostFiles(files: FileReader, interfaceName: string): Promise<HostFigures> {
  const [stat, meminfo, loadavg, thermal, throttled, rx, tx] = await Promise.all([
    files.readText(HOST_PATHS.stat),
    files.readText(HOST_PATHS.meminfo),
    files.readText(HOST_PATHS.loadavg),
    files.readText(HOST_PATHS.thermal),
    files.readText(HOST_PATHS.throttled),
    files.readText(linkCounterPath(interfaceName, 'rx')),
    files.readText(linkCounterPath(interfaceName, 'tx')),
  ]);
  const out: HostFigures = {};
  const cpu = attempt(stat, parseProcStat);
  if (cpu) out.cpu = cpu;
  const mem = attempt(meminfo, parseMeminfo);
  if (mem) out.mem = mem;
  const load = attempt(loadavg, parseLoadavg);
  if (load) out.load = load;
  const temp = attempt(thermal, parseThermalTemp);
  if (temp !== undefined) out.temp = temp;
  const thr = attempt(throttled, parseThrottled);
  if (thr) out.throttled = thr;
  const rxBytes = attempt(rx, (t) => parseCounterFile(t, 'rx_bytes'));
  const txBytes = attempt(tx, (t) => parseCounterFile(t, 'tx_bytes'));
  if (rxBytes !== undefined && txBytes !== undefined) out.link = { rxBytes, txBytes };
  return out;
}
