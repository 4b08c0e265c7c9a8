/**
 * The panel's tool actions, wired to the real system: every command goes through one runner that
 * bounds each spawn, so no action can hang the panel.
 */
import type { ApplyDeps } from '../apply/deps.js';
import { systemApplyDeps } from '../apply/deps.js';
import type { Resolver } from '../checks/watcher.js';
import type { Clock } from '../clock.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileStore } from '../file-store.js';
import { boundedRunner, type Action } from './context.js';
import { iperfAction } from './iperf3.js';
import { mtuAction } from './mtu.js';
import { pingAction } from './ping.js';
import { resolveAction } from './resolve.js';
import { restartActions } from './restart.js';

/** Longest any single command of an action may run (iperf3 and pings set shorter bounds). */
export const COMMAND_BOUND_MS = 30_000;

/** What {@link toolActions} needs. */
export interface ToolActionDeps {
  readonly iface: string;
  readonly runner: CommandRunner;
  readonly files: FileStore;
  readonly clock: Clock;
  readonly env: Record<string, string | undefined>;
  /** The stored site file's text (`/etc/wg-site/<if>.json`), which the restart applies. */
  readonly readSite: () => Promise<string>;
  readonly resolver?: Resolver;
  /** The apply machinery; default the real one around `runner` (progress lines dropped). */
  readonly apply?: ApplyDeps;
}

/** The actions by panel key id (`ping`, `mtuProbe`, `reResolve`, `iperf3`, `restart`, `confirm`). */
export interface ToolActions {
  readonly ping: Action;
  readonly mtuProbe: Action;
  readonly reResolve: Action;
  readonly iperf3: Action;
  readonly restart: Action;
  readonly confirm: Action;
}

/** Build every tool action for one interface. */
export function toolActions(deps: ToolActionDeps): ToolActions {
  const runner = boundedRunner(deps.runner, COMMAND_BOUND_MS);
  const base = { iface: deps.iface, runner, files: deps.files };
  const trial = restartActions({
    iface: deps.iface,
    apply: deps.apply ?? systemApplyDeps({ ...deps, runner }, () => {}),
    readSite: deps.readSite,
  });
  return {
    ping: pingAction(base),
    mtuProbe: mtuAction(base),
    reResolve: resolveAction({ ...base, ...(deps.resolver ? { resolver: deps.resolver } : {}) }),
    iperf3: iperfAction(base),
    restart: () => trial.restart(),
    confirm: () => trial.confirm(),
  };
}
