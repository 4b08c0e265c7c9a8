/**
 * Going back: undo an interrupted apply (from its journal), revert a trial (from its backup), restore
 * the backup of the last apply that took effect, or a backup named with `--to`. Every one of them
 * holds the interface's lock. Also the watchdog loop that reverts an unconfirmed trial.
 */
import {
  lastEffective,
  listBackups,
  readManifest,
  stepsFor,
  writeManifest,
  type Manifest,
  type RestoredBy,
  type StepName,
} from './backup.js';
import type { ApplyDeps } from './deps.js';
import { clearJournal, readJournal, type Journal } from './journal.js';
import { LOCK_WAIT_MS, withInterfaceLock } from './lock.js';
import { statePaths } from './paths.js';
import { undoSteps } from './steps.js';
import { endTrial, readTrial, type Trial } from './trial.js';

/** Thrown when a rollback cannot be done now (exit code 2). */
export class RollbackRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RollbackRefused';
  }
}

/** What a rollback did. */
export interface RollbackResult {
  source: 'interrupted apply' | 'trial' | 'last apply' | 'chosen backup';
  manifest: Manifest | undefined;
  steps: StepName[];
  problems: string[];
}

/** A backup in words: its id, when it was taken and for which site. */
export function describeBackup(manifest: Manifest): string {
  return `backup ${manifest.id} (taken ${manifest.createdAt} before applying site "${manifest.site}")`;
}

async function restore(
  deps: ApplyDeps,
  manifest: Manifest | undefined,
  steps: StepName[],
  by: RestoredBy,
): Promise<string[]> {
  if (!manifest)
    return steps.length ? ['the backup of the interrupted apply is missing; nothing restored'] : [];
  deps.log(`Restoring ${describeBackup(manifest)}.\n`);
  const problems = await undoSteps(deps, manifest, steps);
  manifest.restoredAt = new Date(deps.clock.now()).toISOString();
  manifest.restoredBy = by;
  await writeManifest(deps, manifest);
  return problems;
}

/** Undo the steps an interrupted apply recorded, then remove its journal. Caller holds the lock. */
export async function undoInterrupted(deps: ApplyDeps, iface: string, journal: Journal): Promise<StepName[]> {
  const manifest = journal.backupId ? await readManifest(deps, journal.backupId) : undefined;
  const problems = await restore(deps, manifest, journal.steps, 'interrupted apply');
  await clearJournal(deps, iface);
  if (problems.length) throw new Error(`undoing the interrupted apply met problems: ${problems.join('; ')}`);
  return journal.steps;
}

/** Revert TRIAL from its backup and record how it ended. Caller holds the lock. */
export async function revertTrial(
  deps: ApplyDeps,
  trial: Trial,
  outcome: 'reverted' | 'rolled back',
  byWatchdog = false,
): Promise<RollbackResult> {
  const manifest = await readManifest(deps, trial.backupId);
  const steps = manifest && !manifest.restoredAt ? (manifest.appliedSteps ?? stepsFor(manifest)) : [];
  const problems = manifest
    ? await restore(deps, manifest, steps, 'trial revert')
    : [`the backup ${trial.backupId} of the trial is missing; nothing restored`];
  await endTrial(deps, trial, outcome, byWatchdog);
  return { source: 'trial', manifest, steps, problems };
}

/** The backup a plain rollback restores, or the reason there is none. */
async function lastApplyBackup(deps: ApplyDeps, iface: string): Promise<Manifest> {
  const last = lastEffective(await listBackups(deps, iface));
  if (!last) {
    throw new RollbackRefused(
      `There is nothing to roll back for ${iface}: no backup of an apply that took effect.`,
    );
  }
  if (last.restoredAt) {
    throw new RollbackRefused(
      `The last apply of ${iface} was already rolled back (${describeBackup(last)}, restored ${last.restoredAt}). ` +
        `To go back further, pick a backup from \`wg-site backups --interface ${iface}\` and run ` +
        `\`wg-site rollback --interface ${iface} --to ID\`.`,
    );
  }
  return last;
}

/** A backup named by `--to`, which must be one of IFACE's. */
async function chosenBackup(deps: ApplyDeps, iface: string, id: string): Promise<Manifest> {
  const manifest = (await listBackups(deps, iface)).find((m) => m.id === id);
  if (!manifest) {
    throw new RollbackRefused(
      `There is no backup "${id}" of ${iface}; \`wg-site backups --interface ${iface}\` lists them.`,
    );
  }
  return manifest;
}

/** Mark every newer backup that took effect as undone by restoring the older CHOSEN one. */
async function markSuperseded(deps: ApplyDeps, iface: string, chosen: Manifest): Promise<void> {
  for (const m of await listBackups(deps, iface)) {
    if (m.id > chosen.id && !m.restoredAt && m.appliedSteps) {
      m.restoredAt = new Date(deps.clock.now()).toISOString();
      m.restoredBy = 'rollback to an older backup';
      await writeManifest(deps, m);
    }
  }
}

/** Options of a rollback. */
export interface RollbackOptions {
  /** Restore this backup (an id from `wg-site backups`) instead of the last apply's. */
  to?: string;
  /** The caller is the trial's own watchdog (it must not stop its own timer or signal itself). */
  byWatchdog?: boolean;
}

/** The rollback itself, for a caller that already holds the interface's lock. */
export async function rollbackWhileLocked(
  deps: ApplyDeps,
  iface: string,
  options: RollbackOptions,
): Promise<RollbackResult> {
  const journal = await readJournal(deps, iface);
  if (journal) {
    const manifest = journal.backupId ? await readManifest(deps, journal.backupId) : undefined;
    const problems = await restore(deps, manifest, journal.steps, 'interrupted apply');
    await clearJournal(deps, iface);
    const trial = await readTrial(deps, iface);
    if (trial) await endTrial(deps, trial, 'failed', Boolean(options.byWatchdog));
    return { source: 'interrupted apply', manifest, steps: journal.steps, problems };
  }
  const trial = await readTrial(deps, iface);
  if (trial) {
    if (options.to !== undefined && options.to !== trial.backupId) {
      throw new RollbackRefused(
        `A trial of ${iface} is pending (backup ${trial.backupId}); roll it back (\`wg-site rollback --interface ${iface}\`) or confirm it before restoring another backup.`,
      );
    }
    return revertTrial(deps, trial, 'rolled back');
  }
  if (options.to !== undefined) {
    const manifest = await chosenBackup(deps, iface, options.to);
    const problems = await restore(deps, manifest, stepsFor(manifest), 'rollback');
    await markSuperseded(deps, iface, manifest);
    return { source: 'chosen backup', manifest, steps: stepsFor(manifest), problems };
  }
  const manifest = await lastApplyBackup(deps, iface);
  const steps = manifest.appliedSteps ?? [];
  const problems = await restore(deps, manifest, steps, 'rollback');
  return { source: 'last apply', manifest, steps, problems };
}

/**
 * Roll IFACE back, holding its lock: an interrupted apply first (its journal), else the pending
 * trial, else the backup named by `to`, else the last apply that took effect — once: a second
 * rollback is refused and points at `wg-site backups` and `--to`.
 */
export async function rollbackInterface(
  deps: ApplyDeps,
  iface: string,
  options: RollbackOptions = {},
): Promise<RollbackResult> {
  return withInterfaceLock(deps, iface, () => rollbackWhileLocked(deps, iface, options));
}

/** How a watched trial ended. */
export type WatchOutcome = 'confirmed' | 'superseded' | 'reverted';

/**
 * The watchdog: wait until the trial's deadline (re-read from the trial file, which apply extends
 * once it has finished), then take the interface's lock — waiting as long as it takes, a trial must
 * revert — and revert unless the trial was confirmed or ended meanwhile.
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
    let outcome: WatchOutcome | undefined;
    try {
      outcome = await withInterfaceLock(
        deps,
        iface,
        async (): Promise<WatchOutcome | undefined> => {
          const still = await readTrial(deps, iface);
          if (!still) return 'confirmed';
          if (still.backupId !== backupId) return 'superseded';
          if (deps.clock.now() < still.deadline) return undefined; // extended meanwhile
          // An apply killed half-way left its journal: undo exactly its steps (that ends the trial too).
          const result = (await readJournal(deps, iface))
            ? await rollbackWhileLocked(deps, iface, { byWatchdog: true })
            : await revertTrial(deps, still, 'reverted', true);
          const record = {
            at: new Date(deps.clock.now()).toISOString(),
            backupId,
            source: result.source,
            steps: result.steps,
            problems: result.problems,
          };
          await deps.files.writeAtomic(statePaths(iface).lastRevert, `${JSON.stringify(record)}\n`, 0o600);
          return 'reverted';
        },
        LOCK_WAIT_MS,
      );
    } catch (error) {
      deps.log(`waiting to revert ${iface}: ${(error as Error).message}\n`);
      await deps.sleep(1000);
      continue;
    }
    if (outcome) return outcome;
  }
}
