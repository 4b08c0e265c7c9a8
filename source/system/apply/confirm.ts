/** Confirming a trial: stop its revert and forget it. Works from any session (reads the trial file). */
import type { ApplyDeps } from './deps.js';
import { journalOwnerAlive, readJournal } from './journal.js';
import { RollbackRefused } from './rollback.js';
import { claimTrial, endTrial, readTrial, releaseClaim, type Trial } from './trial.js';

/** Confirm the pending trial of IFACE; returns it. Throws RollbackRefused when there is none to confirm. */
export async function confirmTrial(deps: ApplyDeps, iface: string): Promise<Trial> {
  const trial = await readTrial(deps, iface);
  if (!trial) {
    throw new RollbackRefused(
      `No trial of ${iface} is pending: nothing to confirm (it was confirmed, reverted, or applied with --yes).`,
    );
  }
  const journal = await readJournal(deps, iface);
  if (journal && journalOwnerAlive(deps, journal)) {
    throw new RollbackRefused(
      `The apply of ${iface} is still running (pid ${journal.pid}); confirm once it has finished.`,
    );
  }
  if (!(await claimTrial(deps, iface, 'confirm'))) {
    throw new RollbackRefused(`Too late: the trial of ${iface} is being reverted right now.`);
  }
  try {
    const still = await readTrial(deps, iface);
    if (!still || still.backupId !== trial.backupId) {
      throw new RollbackRefused(`The trial of ${iface} ended meanwhile (reverted or confirmed elsewhere).`);
    }
    await endTrial(deps, still);
    return still;
  } finally {
    await releaseClaim(deps, iface);
  }
}
