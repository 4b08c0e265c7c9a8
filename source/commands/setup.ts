/**
 * `wg-site setup`: the setup wizard (also what plain `wg-site` opens on a terminal when no site
 * file exists yet). Detects the host, walks the admin through the site, keys, far site, routing and
 * firewall, shows every file as a diff, applies as a trial that reverts unless kept, and hands over
 * the pairing code. It writes the same site file and applies through the same engine as
 * `wg-site apply`. On a configured gateway it edits the existing site file: every step starts from
 * /etc/wg-site/<if>.json (a broken one is reported on step 1 and the wizard starts from the host).
 */
import { createElement, type ReactElement } from 'react';
import { parseInterfaceName } from '../domain/names.js';
import { startState } from '../domain/wizard/edit.js';
import { systemApplyDeps, systemProcesses } from '../system/apply/deps.js';
import { createWizardClock } from '../system/wizard/clock.js';
import { detectWizardHost, type WizardHost } from '../system/wizard/detect.js';
import { createWizardEffects, WIZARD_TRIAL_SECONDS } from '../system/wizard/effects.js';
import { mountFullScreen } from '../ui/full-screen.js';
import { terminalOptions } from '../ui/terminal-options.js';
import type { WizardServices } from '../domain/wizard/services.js';
import { WizardApp, type WizardAppProps, type WizardOutcome } from '../ui/wizard/wizard-app.js';
import { type CommandIo, type CommandSpec, interfaceOption, stringValue } from './command.js';
import { confirmTimeoutOf } from './apply.js';
import type { MountedPanel } from './panel.js';

/** Test seams of {@link createSetupCommand}. */
export interface SetupDeps {
  readonly mount?: (element: ReactElement) => MountedPanel;
  readonly detect?: (io: CommandIo, iface: string) => Promise<WizardHost>;
  readonly services?: (io: CommandIo, trialSeconds: number) => WizardServices;
}

function wizardMount(element: ReactElement): MountedPanel {
  return mountFullScreen(element, { maxFps: 10, exitOnCtrlC: false });
}

/** The services on the real host. */
export function systemWizardServices(io: CommandIo, trialSeconds: number): WizardServices {
  return createWizardEffects({
    applyDeps: (log) => systemApplyDeps(io, log),
    trialSeconds,
  });
}

/** Build the command (tests pass seams). */
export function createSetupCommand(deps: SetupDeps = {}): CommandSpec {
  return {
    name: 'setup',
    summary: 'Setup wizard: from a bare gateway to a confirmed tunnel, with a pairing code at the end',
    details: [
      'Needs a terminal. Tab/↓ and Shift-Tab/↑ move between fields, Enter goes on, Esc goes back,',
      '←/→ or Space change a choice, Ctrl-C asks before leaving. Apply is a trial that reverts unless',
      'you press y once the tunnel state is shown (also when the SSH session drops).',
    ],
    options: {
      ...interfaceOption,
      ascii: { type: 'boolean', description: 'draw with ASCII characters only' },
      'confirm-timeout': {
        type: 'string',
        valueName: 'SECONDS',
        description: 'seconds to keep the trial before it reverts',
        default: String(WIZARD_TRIAL_SECONDS),
      },
    },
    async run(args, io) {
      if (!io.interactive) {
        io.stderr(
          'wg-site setup: needs a terminal (standard output is not a TTY). Without one, write a site file and use wg-site plan / apply.\n',
        );
        return 2;
      }
      const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
      const trialSeconds = confirmTimeoutOf(stringValue(args, 'confirm-timeout'), 10);
      const drawing = terminalOptions(io.env, { ascii: args.values.ascii === true });
      const host = await (
        deps.detect ?? ((i, name) => detectWizardHost({ ...i, uid: systemProcesses.uid }, name))
      )(io, iface);
      let outcome = 'abandoned' as WizardOutcome;
      const props: WizardAppProps = {
        initial: startState(host),
        report: host.report,
        services: (deps.services ?? systemWizardServices)(io, trialSeconds),
        clock: createWizardClock(io.clock),
        ascii: drawing.ascii,
        color: drawing.color,
        trialSeconds,
        onExit: (o) => (outcome = o),
      };
      const mounted = (deps.mount ?? wizardMount)(createElement(WizardApp, props));
      try {
        await mounted.waitUntilExit();
      } finally {
        mounted.unmount();
      }
      if (outcome === 'abandoned') io.stderr('wg-site setup: left the wizard.\n');
      // The wizard drew on the alternate screen, which is gone now: say where to find its results.
      else
        io.stdout(
          `wg-site setup: done. \`wg-site pair${iface === 'wg0' ? '' : ` --interface ${iface}`}\` prints this gateway's pairing code again; \`wg-site panel\` watches the tunnel.\n`,
        );
      return outcome === 'done' ? 0 : 1;
    },
  };
}

/** `wg-site setup`. */
export const setupCommand: CommandSpec = createSetupCommand();
