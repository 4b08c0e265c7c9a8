/** Keeps the counter evidence between one-shot runs in /run (volatile: a reboot starts afresh). */
import { parseEvidence, type EvidenceState } from '../../domain/checks/evidence.js';
import type { FileStore } from '../file-store.js';

/** Where the evidence of one interface lives. */
export function evidencePath(iface: string): string {
  return `/run/wg-site/${iface}.evidence.json`;
}

/** Read the stored evidence (empty when absent or unreadable). */
export async function loadEvidence(files: FileStore, iface: string): Promise<EvidenceState> {
  return parseEvidence(await files.read(evidencePath(iface)).catch(() => undefined));
}

/** Store the evidence; a failure to write is not an error for the caller (it is only a cache). */
export async function saveEvidence(files: FileStore, iface: string, state: EvidenceState): Promise<void> {
  await files.writeAtomic(evidencePath(iface), `${JSON.stringify(state)}\n`, 0o644).catch(() => undefined);
}
