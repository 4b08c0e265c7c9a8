/**
 * Going back: undo an interrupted apply (from its journal), revert a trial (from its backup), or
 * restore the last backup on demand. Also the watchdog loop that reverts an unconfirmed trial.
 */
import { readManifest, latestRestorable, writeManifest, type Manifest, type StepName } from './backup.js';
import type { ApplyDeps } from './deps.js';
import { clearJournal, journalOwnerAlive, readJournal, type Journal } from './journal.js';
import { statePaths } from './paths.js';
import { undoSteps } from './steps.js';
import { claimTrial, endTrial, readTrial, releaseClaim } from './trial.js';

/** Thrown when a rollback cannot be done now (exit code 2). */
export class RollbackRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RollbackRefused';
  }
}

/** What a rollback did. */
export interface RollbackResult {
  source: 'interrupted apply' | 'trial' | 'last backup';
  manifest: Manifest | undefined;
  steps: StepName[];
  problems: string[];
}

async function restore(
  deps: ApplyDeps,
  manifest: Manifest | undefined,
  steps: StepName[],
): Promise<string[]> {
  if (!manifest)
    return steps.length ? ['the backup of the interrupted apply is missing; nothing restored'] : [];
  const problems = await undoSteps(deps, manifest, steps);
  manifest.restoredAt = new Date(deps.clock.now()).toISOString();
  await writeManifest(deps, manifest);
  return problems;
}

/** Undo the steps an interrupted apply recorded, then remove its journal. */
export async function undoInterrupted(deps: ApplyDeps, iface: string, journal: Journal): Promise<StepName[]> {
  const manifest = journal.backupId ? await readManifest(deps, journal.backupId) : undefined;
  const problems = await restore(deps, manifest, journal.steps);
  await clearJournal(deps, iface);
  if (problems.length) throw new Error(`undoing the interrupted apply met problems: ${problems.join('; ')}`);
  return journal.steps;
}

/**
 * Roll IFACE back: an interrupted apply first (its journal), else the pending trial's backup, else the
 * newest backup not yet restored. AS_WATCHDOG: the caller is the trial's own watchdog and already
 * holds the claim.
 */
export async function rollbackInterface(
  deps: ApplyDeps,
  iface: string,
  asWatchdog = false,
): Promise<RollbackResult> {
  const journal = await readJournal(deps, iface);
  if (journal && journalOwnerAlive(deps, journal)) {
    throw new RollbackRefused(`An apply of ${iface} is running (pid ${journal.pid}); wait for it to finish.`);
  }
  const trial = await readTrial(deps, iface);
  if (trial && !asWatchdog && !(await claimTrial(deps, iface, 'rollback'))) {
    throw new RollbackRefused(
      `The trial of ${iface} is being confirmed or reverted by another process right now.`,
    );
  }
  try {
    let result: RollbackResult;
    if (journal) {
      const manifest = journal.backupId ? await readManifest(deps, journal.backupId) : undefined;
      const problems = await restore(deps, manifest, journal.steps);
      await clearJournal(deps, iface);
      result = { source: 'interrupted apply', manifest, steps: journal.steps, problems };
    } else {
      const manifest = trial ? await readManifest(deps, trial.backupId) : await latestRestorable(deps, iface);
      if (!manifest) {
        if (trial) await endTrial(deps, trial);
        throw new RollbackRefused(
          `There is nothing to roll back for ${iface}: no backup of a finished apply.`,
        );
      }
      const steps = manifest.restoredAt ? [] : (manifest.appliedSteps ?? []);
      const problems = await restore(deps, manifest, steps);
      result = { source: trial ? 'trial' : 'last backup', manifest, steps, problems };
    }
    if (trial) {
      // The watchdog must not stop its own systemd unit or signal itself: it only removes the file.
      if (asWatchdog) await deps.files.remove(statePaths(iface).trial);
      else await endTrial(deps, trial);
    }
    return result;
  } finally {
    if (trial && !asWatchdog) await releaseClaim(deps, iface);
  }
}

/** How a watched trial ended. */
export type WatchOutcome = 'confirmed' | 'superseded' | 'reverted';

/**
 * The watchdog: wait until the trial's deadline (re-read from the trial file, which apply extends once
 * it has finished), let a running apply finish, then revert unless the trial was confirmed meanwhile.
 */
export async function watchTrial(deps: ApplyDeps, iface: string, backupId: string): Promise<WatchOutcome> {
  for (;;) {
    const trial = await readTrial(deps, iface);
    if (!trial) return 'confirmed';
    if (trial.backupId !== backupId) return 'superseded';
    const now = deps.clock.now();
    if (now < trial.deadline) {
      await deps.sleep(Math.min(500, trial.deadline - now));
      continue;
    }
    const journal = await readJournal(deps, iface);
    if (journal && journalOwnerAlive(deps, journal)) {
      await deps.sleep(250);
      continue;
    }
    if (!(await claimTrial(deps, iface, 'revert'))) {
      await deps.sleep(250);
      continue;
    }
    try {
      if (!(await readTrial(deps, iface))) return 'confirmed';
      const result = await rollbackInterface(deps, iface, true);
      const record = {
        at: new Date(deps.clock.now()).toISOString(),
        backupId,
        source: result.source,
        steps: result.steps,
        problems: result.problems,
      };
      await deps.files.writeAtomic(statePaths(iface).lastRevert, `${JSON.stringify(record)}\n`, 0o600);
      return 'reverted';
    } finally {
      await releaseClaim(deps, iface);
    }
  }
}
