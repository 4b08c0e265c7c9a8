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
import type { Plan } from '../../domain/plan/plan.js';
import { applyPlan } from '../apply/apply.js';
import { confirmTrial } from '../apply/confirm.js';
import type { ApplyDeps } from '../apply/deps.js';
import { must } from '../apply/must.js';
import { preflight } from '../apply/preflight.js';
import { rollbackInterface } from '../apply/rollback.js';
import { readTrial, writeTrial } from '../apply/trial.js';
import { verifyApplied } from '../apply/verify.js';

/** Deps of the restart actions. */
export interface RestartDeps {
  readonly iface: string;
  /** The apply machinery (its runner should bound every command). */
  readonly apply: ApplyDeps;
  /** Plans the stored site file the way `wg-site apply --site /etc/wg-site/<if>.json` does. */
  readonly loadPlan: () => Promise<{ plan: Plan; siteText: string }>;
  /** Seconds to confirm before the revert; default 60. */
  readonly trialSeconds?: number;
  /** Changes the process umask (apply writes under 077); default `process.umask`. */
  readonly umask?: (mask: number) => number;
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
  const umask = deps.umask ?? ((mask: number) => process.umask(mask));
  let running = false;
  let pending: string | undefined; // backup id of the trial this panel started

  /** Revert now after a failed re-up; returns the text to add to the error. */
  async function revertNow(): Promise<string> {
    try {
      const r = await rollbackInterface(apply, iface);
      return r.problems.length === 0
        ? 'reverted to the previous state'
        : `reverting met problems: ${r.problems.join('; ')}`;
    } catch (error) {
      return `reverting failed (${firstLine((error as Error).message)}); the trial revert will retry at its deadline`;
    }
  }

  async function restartOnce(): Promise<string> {
    const { plan, siteText } = await deps.loadPlan();
    if (plan.site.interface !== iface)
      throw new Error(`the stored site file names interface ${plan.site.interface}, not ${iface}`);
    const problems = await preflight(apply, plan, {
      allowForeignFirewall: true, // a restart reloads the ruleset that is already applied
      lanInterface: plan.site.lan.interface ?? 'the LAN interface',
    });
    if (problems.length > 0) throw new Error(`refused: ${firstLine(problems[0]!.message)}`);
    const result = await applyPlan(apply, plan, siteText, { trialSeconds: seconds });
    const trial = result.trial!;
    pending = trial.backupId;
    if (result.manifest.interfaceWasUp) {
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
      // The confirm window starts now that the interface is back; only if nobody ended the trial meanwhile.
      const still = await readTrial(apply, iface);
      if (still?.backupId === trial.backupId) {
        still.deadline = apply.clock.now() + seconds * 1000;
        await writeTrial(apply, still);
      }
    }
    const what = result.manifest.interfaceWasUp ? 'restarted' : 'started';
    return `${what} as a trial: press C within ${seconds} s to keep it`;
  }

  return {
    async restart() {
      if (running) return 'a restart is already running';
      running = true;
      const previous = umask(0o077);
      try {
        return await restartOnce();
      } finally {
        umask(previous);
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
      const trial = await confirmTrial(apply, iface);
      pending = undefined;
      return `kept: the trial of ${iface} is confirmed (backup ${trial.backupId})`;
    },
  };
}
