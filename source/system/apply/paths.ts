import type { FileStore } from '../file-store.js';

/** Where apply keeps its state: volatile state under /run, backups under /var/lib. */
export const STATE_DIR = '/run/wg-site';
export const BACKUP_ROOT = '/var/lib/wg-site/backups';

/** Paths of the per-interface state files. */
export function statePaths(iface: string) {
  return {
    /** Steps of an apply in progress, written before each step. */
    journal: `${STATE_DIR}/${iface}.journal`,
    /** The pending trial: backup id, deadline, watchdog. */
    trial: `${STATE_DIR}/${iface}.trial`,
    /** How the last trial ended (confirmed, reverted, rolled back), for a late `confirm`. */
    trialEnd: `${STATE_DIR}/${iface}.trial-end`,
    /** What the last automatic revert did (for `wg-site rollback` and people reading /run). */
    lastRevert: `${STATE_DIR}/${iface}.last-revert`,
  };
}

/** The systemd unit that carries the revert timer where systemd runs. */
export function revertUnit(iface: string): string {
  return `wg-site-revert-${iface}`;
}

/** Backup id: UTC timestamp (ms precision, sortable) and interface, e.g. `20250102T030405.678Z-wg0`. */
export function backupId(now: number, iface: string): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '');
  return `${stamp}-${iface}`;
}

export function backupDir(id: string): string {
  return `${BACKUP_ROOT}/${id}`;
}

/** A JSON state file of ours, or undefined when it is missing or unreadable (a torn write cannot happen). */
export async function readStateFile<T>(files: FileStore, path: string): Promise<T | undefined> {
  const text = await files.read(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
