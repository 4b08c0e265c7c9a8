/**
 * The journal of an apply in progress (/run/wg-site/<if>.journal). A step is recorded *before* it
 * runs, so after a crash the journal lists every step that may have changed something; undoing a
 * step that never ran is harmless (every undo restores from the backup).
 */
import type { StepName } from './backup.js';
import type { ApplyDeps } from './deps.js';
import { statePaths } from './paths.js';

/** Content of the journal file. */
export interface Journal {
  interface: string;
  backupId: string;
  /** The applying process; when it is gone and the journal remains, the apply was interrupted. */
  pid: number;
  startedAt: string;
  steps: StepName[];
}

async function write(deps: ApplyDeps, journal: Journal): Promise<void> {
  await deps.files.writeAtomic(statePaths(journal.interface).journal, `${JSON.stringify(journal)}\n`, 0o600);
}

/** Create the journal for a new apply (no step started yet). */
export async function startJournal(deps: ApplyDeps, iface: string, backupId: string): Promise<Journal> {
  const journal: Journal = {
    interface: iface,
    backupId,
    pid: deps.proc.pid,
    startedAt: new Date(deps.clock.now()).toISOString(),
    steps: [],
  };
  await write(deps, journal);
  return journal;
}

/** Record that STEP is about to run (durably, before it runs). */
export async function recordStep(deps: ApplyDeps, journal: Journal, step: StepName): Promise<void> {
  journal.steps.push(step);
  await write(deps, journal);
}

/** The journal of IFACE, or undefined when no apply is in progress or interrupted. */
export async function readJournal(deps: ApplyDeps, iface: string): Promise<Journal | undefined> {
  const text = await deps.files.read(statePaths(iface).journal);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Journal;
  } catch {
    // A torn journal cannot happen with atomic writes; treat garbage as "interrupted before any step".
    return { interface: iface, backupId: '', pid: 0, startedAt: '', steps: [] };
  }
}

/** Remove the journal once the apply has finished or been undone. */
export async function clearJournal(deps: ApplyDeps, iface: string): Promise<void> {
  await deps.files.remove(statePaths(iface).journal);
}
