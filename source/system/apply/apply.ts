/**
 * The apply sequence: refuse while a trial is pending, clean up after an interrupted apply, back up,
 * arm the trial revert, then run the steps under the journal and verify. Any failure undoes every
 * step that started, so a retry starts from the old state.
 */
import type { Plan } from '../../domain/plan/plan.js';
import { createBackup, stepsFor, writeManifest, type Manifest, type StepName } from './backup.js';
import type { ApplyDeps } from './deps.js';
import { clearJournal, readJournal, recordStep, startJournal } from './journal.js';
import { undoInterrupted } from './rollback.js';
import { runStep, undoSteps } from './steps.js';
import { armTrial, endTrial, readTrial, writeTrial, type Trial } from './trial.js';
import { verifyApplied } from './verify.js';

/** Thrown when the state of the gateway forbids applying now (exit code 2). */
export class ApplyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApplyRefused';
  }
}

/** Thrown when a step or the verification failed; everything was undone (see `undoProblems`). */
export class ApplyFailed extends Error {
  constructor(
    message: string,
    readonly step: StepName | 'verify',
    readonly undoProblems: string[],
  ) {
    super(message);
    this.name = 'ApplyFailed';
  }
}

/** Options of one apply. */
export interface ApplyOptions {
  /** Seconds until the trial reverts; undefined applies for good (--yes). */
  trialSeconds: number | undefined;
  /** Verification polling budget. */
  verifyTimeoutMs?: number;
}

/** What an apply did. */
export interface ApplyResult {
  manifest: Manifest;
  steps: StepName[];
  trial: Trial | undefined;
  /** Steps of an interrupted earlier apply that were undone first. */
  recovered: StepName[] | undefined;
}

/**
 * Refuse when a trial is pending (also one past its deadline: its revert comes first, and the
 * second of two applies started together must not win by reverting the first); undo an interrupted
 * apply. The caller holds the lock.
 */
export async function prepareApply(deps: ApplyDeps, iface: string): Promise<StepName[] | undefined> {
  const trial = await readTrial(deps, iface);
  if (trial && deps.clock.now() >= trial.deadline) {
    throw new ApplyRefused(
      `The trial of ${iface} (backup ${trial.backupId}) passed its deadline unconfirmed and is being reverted; ` +
        `apply again once it has (or run \`wg-site rollback --interface ${iface}\` to revert it now).`,
    );
  }
  if (trial) {
    const left = Math.max(0, Math.round((trial.deadline - deps.clock.now()) / 1000));
    throw new ApplyRefused(
      `A trial of ${iface} is pending (backup ${trial.backupId}, reverts in ${left} s). ` +
        `Run \`wg-site confirm --interface ${iface}\` to keep it or \`wg-site rollback --interface ${iface}\` to undo it, then apply again.`,
    );
  }
  // The caller holds the interface's lock, so a journal left here belongs to an apply that died.
  const journal = await readJournal(deps, iface);
  if (!journal) return undefined;
  deps.log(
    `An earlier apply of ${iface} was interrupted; undoing its ${journal.steps.length} step(s) first.\n`,
  );
  return undoInterrupted(deps, iface, journal);
}

/** Apply PLAN (already preflighted). Throws ApplyRefused or ApplyFailed. */
export async function applyPlan(
  deps: ApplyDeps,
  plan: Plan,
  siteText: string,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const iface = plan.site.interface;
  const recovered = await prepareApply(deps, iface);
  const manifest = await createBackup(deps, plan, siteText);
  deps.log(`Backed up the current state to /var/lib/wg-site/backups/${manifest.id}\n`);
  const journal = await startJournal(deps, iface, manifest.id);
  let trial: Trial | undefined;
  const fail = async (step: StepName | 'verify', message: string): Promise<never> => {
    deps.log(`${message}\nUndoing what was done:\n`);
    const undoProblems = await undoSteps(deps, manifest, journal.steps);
    manifest.restoredAt = new Date(deps.clock.now()).toISOString();
    manifest.restoredBy = 'failed apply';
    await writeManifest(deps, manifest);
    if (trial) await endTrial(deps, trial, 'failed');
    await clearJournal(deps, iface);
    throw new ApplyFailed(message, step, undoProblems);
  };
  if (options.trialSeconds !== undefined) {
    try {
      trial = await armTrial(deps, iface, manifest.id, options.trialSeconds);
    } catch (error) {
      return fail('files', `Could not arm the trial revert: ${(error as Error).message}`);
    }
    deps.log(
      `Armed the revert (${trial.watchdog.kind === 'systemd' ? 'systemd timer' : 'watchdog process'}).\n`,
    );
  }
  for (const step of stepsFor(manifest)) {
    await recordStep(deps, journal, step);
    try {
      await runStep(deps, step, plan, siteText, manifest);
      deps.log(`  done ${step}\n`);
    } catch (error) {
      await fail(step, `Step "${step}" failed: ${(error as Error).message}`);
    }
  }
  const problems = await verifyApplied(deps, plan, options.verifyTimeoutMs);
  if (problems.length) await fail('verify', `Verification failed: ${problems.join('; ')}`);
  manifest.appliedSteps = [...journal.steps];
  await writeManifest(deps, manifest);
  if (trial) {
    // The confirm window starts now that everything is in place. Written while the journal still
    // exists, so a confirm cannot slip in between (confirm waits for a running apply).
    trial.deadline = deps.clock.now() + trial.timeoutSeconds * 1000;
    await writeTrial(deps, trial);
  }
  await clearJournal(deps, iface);
  return { manifest, steps: manifest.appliedSteps, trial, recovered };
}
