/**
 * The trial: after a trial apply, a revert is armed outside the applying process (a systemd timer
 * where systemd runs, else a detached watchdog process in a session of its own) and fires at the
 * deadline unless `wg-site confirm` arrives first. State: /run/wg-site/<if>.trial.
 */
import type { ApplyDeps } from './deps.js';
import { readStateFile, revertUnit, statePaths } from './paths.js';
import { systemdRuns } from './backup.js';

/** How the revert is armed. */
export type Watchdog =
  { kind: 'process'; pid: number } | { kind: 'systemd'; unit: string } | { kind: 'none' };

/** Content of the trial file. */
export interface Trial {
  interface: string;
  backupId: string;
  armedAt: number;
  /** Epoch ms after which the watchdog reverts. */
  deadline: number;
  timeoutSeconds: number;
  watchdog: Watchdog;
}

/** The pending trial of IFACE, if any. */
export async function readTrial(deps: ApplyDeps, iface: string): Promise<Trial | undefined> {
  return readStateFile<Trial>(deps.files, statePaths(iface).trial);
}

/** Write the trial file. */
export async function writeTrial(deps: ApplyDeps, trial: Trial): Promise<void> {
  await deps.files.writeAtomic(statePaths(trial.interface).trial, `${JSON.stringify(trial)}\n`, 0o600);
}

/** The argv (after the node binary) that runs the watchdog for a trial. */
export function watchdogArgs(deps: ApplyDeps, iface: string, backupId: string): string[] {
  return [...deps.proc.cli.args, 'rollback', '--trial', '--interface', iface, '--backup', backupId];
}

/**
 * Arm the revert for a trial of BACKUPID: write the trial file first (the watchdog reads it), then
 * start the timer or watchdog, then record which one it is.
 */
export async function armTrial(
  deps: ApplyDeps,
  iface: string,
  backupId: string,
  timeoutSeconds: number,
): Promise<Trial> {
  const now = deps.clock.now();
  const trial: Trial = {
    interface: iface,
    backupId,
    armedAt: now,
    deadline: now + timeoutSeconds * 1000,
    timeoutSeconds,
    watchdog: { kind: 'none' },
  };
  await writeTrial(deps, trial);
  try {
    if (await systemdRuns(deps)) {
      const unit = revertUnit(iface);
      await deps.runner.run('systemctl', ['stop', `${unit}.timer`, `${unit}.service`]);
      await deps.runner.run('systemctl', ['reset-failed', `${unit}.timer`, `${unit}.service`]);
      const r = await deps.runner.run('systemd-run', [
        `--on-active=${timeoutSeconds}s`,
        `--unit=${unit}`,
        `--description=wg-site: revert ${iface} unless confirmed`,
        deps.proc.cli.node,
        ...watchdogArgs(deps, iface, backupId),
      ]);
      if (r.exitCode !== 0) throw new Error(`systemd-run failed: ${r.stderr.trim()}`);
      trial.watchdog = { kind: 'systemd', unit };
    } else {
      const pid = deps.proc.spawnDetached(deps.proc.cli.node, watchdogArgs(deps, iface, backupId));
      trial.watchdog = { kind: 'process', pid };
    }
  } catch (error) {
    await deps.files.remove(statePaths(iface).trial);
    throw error;
  }
  await writeTrial(deps, trial);
  return trial;
}

/** Stop the timer or watchdog of TRIAL (not the trial file). */
export async function stopWatchdog(deps: ApplyDeps, trial: Trial): Promise<void> {
  const w = trial.watchdog;
  if (w.kind === 'systemd') {
    await deps.runner.run('systemctl', ['stop', `${w.unit}.timer`, `${w.unit}.service`]);
  } else if (w.kind === 'process' && w.pid !== deps.proc.pid && deps.proc.alive(w.pid)) {
    // Only signal it when it still is our watchdog (pids are reused).
    const cmdline = (await deps.files.read(`/proc/${w.pid}/cmdline`))?.split('\0') ?? [];
    if (cmdline.includes('--trial') && cmdline.includes(trial.backupId)) deps.proc.kill(w.pid, 'SIGTERM');
  }
}

/** How a trial ended. */
export type TrialOutcome = 'confirmed' | 'reverted' | 'rolled back' | 'failed';

/** The record of the last trial's end (/run/wg-site/<if>.trial-end). */
export interface TrialEnd {
  backupId: string;
  outcome: TrialOutcome;
  /** ISO time it ended. */
  at: string;
  /** The deadline it had (ISO). */
  deadline: string;
}

/** How the last trial of IFACE ended, if one did since boot. */
export async function readTrialEnd(deps: ApplyDeps, iface: string): Promise<TrialEnd | undefined> {
  return readStateFile<TrialEnd>(deps.files, statePaths(iface).trialEnd);
}

/**
 * End a trial for good: record how, stop its watchdog (unless the caller is the watchdog) and
 * remove the trial file.
 */
export async function endTrial(
  deps: ApplyDeps,
  trial: Trial,
  outcome: TrialOutcome,
  byWatchdog = false,
): Promise<void> {
  const end: TrialEnd = {
    backupId: trial.backupId,
    outcome,
    at: new Date(deps.clock.now()).toISOString(),
    deadline: new Date(trial.deadline).toISOString(),
  };
  await deps.files.writeAtomic(statePaths(trial.interface).trialEnd, `${JSON.stringify(end)}\n`, 0o600);
  // The watchdog must not stop its own systemd unit or signal itself.
  if (!byWatchdog) await stopWatchdog(deps, trial);
  await deps.files.remove(statePaths(trial.interface).trial);
}
