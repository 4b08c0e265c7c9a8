/**
 * Confirming a trial: stop its revert and forget it. Works from any session (reads the trial file),
 * holds the interface's lock, and never confirms a trial whose deadline has passed.
 */
import type { ApplyDeps } from './deps.js';
import { readJournal } from './journal.js';
import { withInterfaceLock } from './lock.js';
import { revertTrial, rollbackWhileLocked } from './rollback.js';
import { endTrial, readTrial, readTrialEnd, type Trial } from './trial.js';

/** Thrown when there is no trial to confirm, or it is too late (exit code 1); the message says which. */
export class NothingToConfirm extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NothingToConfirm';
  }
}

async function noTrialMessage(deps: ApplyDeps, iface: string): Promise<string> {
  const end = await readTrialEnd(deps, iface);
  if (!end) {
    return `No trial of ${iface} is pending: nothing to confirm (none was started since boot, or it was applied with --yes).`;
  }
  switch (end.outcome) {
    case 'reverted':
      return `The trial of ${iface} (backup ${end.backupId}) was not confirmed by its deadline ${end.deadline} and was reverted at ${end.at}: nothing to confirm. Apply again to retry.`;
    case 'rolled back':
      return `The trial of ${iface} (backup ${end.backupId}) was rolled back at ${end.at}: nothing to confirm. Apply again to retry.`;
    case 'failed':
      return `The trial of ${iface} (backup ${end.backupId}) failed and was undone at ${end.at}: nothing to confirm.`;
    case 'confirmed':
      return `The trial of ${iface} (backup ${end.backupId}) was already confirmed at ${end.at}: nothing left to confirm.`;
  }
}

/** Confirm the pending trial of IFACE; returns it. Throws {@link NothingToConfirm} otherwise. */
export async function confirmTrial(deps: ApplyDeps, iface: string): Promise<Trial> {
  return withInterfaceLock(deps, iface, async () => {
    const trial = await readTrial(deps, iface);
    if (!trial) throw new NothingToConfirm(await noTrialMessage(deps, iface));
    if (await readJournal(deps, iface)) {
      // We hold the lock, so the apply that wrote this journal is gone: it never finished.
      await rollbackWhileLocked(deps, iface, {}).catch(() => undefined);
      throw new NothingToConfirm(
        `The apply of this trial of ${iface} was interrupted before it finished; its steps were undone instead of confirmed.`,
      );
    }
    const now = deps.clock.now();
    if (now >= trial.deadline) {
      const result = await revertTrial(deps, trial, 'reverted');
      const late = Math.round((now - trial.deadline) / 1000);
      throw new NothingToConfirm(
        `Too late: the trial of ${iface} passed its deadline ${new Date(trial.deadline).toISOString()} ${late} s ago, ` +
          `so it was reverted now${result.problems.length ? ` (with problems: ${result.problems.join('; ')})` : ''}. Apply again to retry.`,
      );
    }
    await endTrial(deps, trial, 'confirmed');
    return trial;
  });
}
