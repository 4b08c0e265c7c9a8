/**
 * `R` and `C` in the panel: restart the tunnel as a trial, and keep it.
 *
 * The restart is an apply of the stored site file (`/etc/wg-site/<if>.json`) with a trial revert armed,
 * followed — inside the trial — by a full `wg-quick down` + `wg-quick up` (apply itself only syncs a
 * running interface). The backup apply takes records the interface as up, so a revert (the watchdog at
 * the deadline, or an immediate rollback when the re-up or its verification fails) takes the interface
 * down, restores the files and brings it back up with the previous configuration. The confirm window
 * is restarted once the re-up is verified. `C` confirms only the trial this panel started, and only
 * after the restart reported its result.
 */
import { applySite } from '../apply/apply-site.js';
import { confirmTrial, NothingToConfirm } from '../apply/confirm.js';
import type { ApplyDeps } from '../apply/deps.js';
import { must } from '../apply/must.js';
import { rollbackWhileLocked } from '../apply/rollback.js';
import { readTrial, writeTrial } from '../apply/trial.js';
import { verifyApplied } from '../apply/verify.js';

/** Deps of the restart actions. */
export interface RestartDeps {
  readonly iface: string;
  /** The apply machinery (its runner should bound every command). */
  readonly apply: ApplyDeps;
  /** The stored site file's text (`/etc/wg-site/<if>.json`), applied as `wg-site apply` would. */
  readonly readSite: () => Promise<string>;
  /** Seconds to confirm before the revert; default 60. */
  readonly trialSeconds?: number;
}

/** The restart and confirm actions (they share which trial is pending). */
export interface RestartActions {
  restart(): Promise<string>;
  confirm(): Promise<string>;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** Build the pair. */
export function restartActions(deps: RestartDeps): RestartActions {
  const { iface, apply } = deps;
  const seconds = deps.trialSeconds ?? 60;
  let running = false;
  let pending: string | undefined; // backup id of the trial this panel started

  /** Revert now after a failed re-up (the lock is held); returns the text to add to the error. */
  async function revertNow(): Promise<string> {
    try {
      const r = await rollbackWhileLocked(apply, iface, {});
      return r.problems.length === 0
        ? 'reverted to the previous state'
        : `reverting met problems: ${r.problems.join('; ')}`;
    } catch (error) {
      return `reverting failed (${firstLine((error as Error).message)}); the trial revert will retry at its deadline`;
    }
  }

  async function restartOnce(): Promise<string> {
    const siteText = await deps.readSite();
    let wasUp = false;
    const outcome = await applySite(apply, {
      interface: iface,
      siteText,
      trialSeconds: seconds,
      allowForeignFirewall: true, // a restart reloads the ruleset that is already applied
      after: async (result, plan) => {
        const trial = result.trial!;
        pending = trial.backupId;
        wasUp = result.manifest.interfaceWasUp;
        if (!wasUp) return;
        try {
          await must(apply, 'wg-quick', ['down', iface]);
          await must(apply, 'wg-quick', ['up', iface]);
        } catch (error) {
          pending = undefined;
          throw new Error(`${firstLine((error as Error).message)}; ${await revertNow()}`);
        }
        const left = await verifyApplied(apply, plan);
        if (left.length > 0) {
          pending = undefined;
          throw new Error(`after the restart: ${left.join('; ')}; ${await revertNow()}`);
        }
        // The confirm window starts now that the interface is back.
        const still = await readTrial(apply, iface);
        if (still?.backupId === trial.backupId) {
          still.deadline = apply.clock.now() + seconds * 1000;
          await writeTrial(apply, still);
        }
      },
    });
    if (outcome.status === 'invalid') {
      throw new Error(`the stored site file has problems: ${firstLine(outcome.problems[0]?.message ?? '')}`);
    }
    if (outcome.status === 'refused') throw new Error(`refused: ${firstLine(outcome.problems[0]!.message)}`);
    if (outcome.status === 'busy' || outcome.status === 'failed') throw new Error(firstLine(outcome.message));
    const what = wasUp ? 'restarted' : 'started';
    return `${what} as a trial: press C within ${seconds} s to keep it`;
  }

  return {
    async restart() {
      if (running) return 'a restart is already running';
      running = true;
      try {
        return await restartOnce();
      } finally {
        running = false;
      }
    },
    async confirm() {
      if (running) return 'the restart is still running; press C once it reports its result';
      if (pending === undefined)
        return `no restart trial from this panel is waiting (for other trials: wg-site confirm --interface ${iface})`;
      const current = await readTrial(apply, iface);
      if (current?.backupId !== pending) {
        pending = undefined;
        return 'the restart trial has already ended (reverted at its deadline, or confirmed elsewhere)';
      }
      try {
        const trial = await confirmTrial(apply, iface);
        return `kept: the trial of ${iface} is confirmed (backup ${trial.backupId})`;
      } catch (error) {
        if (error instanceof NothingToConfirm) return firstLine(error.message);
        throw error;
      } finally {
        pending = undefined;
      }
    },
  };
}
