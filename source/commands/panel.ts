/**
 * `wg-site panel`: the live panel in the terminal (also what plain `wg-site` opens on a configured
 * gateway). One poll loop samples the interface (UAPI socket or `wg show dump`, plus /proc and
 * /sys) every `--interval-ms`, folds each sample into the panel model and, on a slower cadence,
 * gathers the health checks; the Ink view re-renders only when something visible changed.
 */
import { createElement, type ReactElement } from 'react';
import { ValueRangeError } from '../domain/errors.js';
import { parseInterfaceName } from '../domain/names.js';
import { pathsFor } from '../domain/plan/context.js';
import { createPanelModel } from '../domain/status/panel-model.js';
import { checkSiteText } from '../domain/site/validate.js';
import type { Sample } from '../domain/status/types.js';
import { panelChecks } from '../system/actions/panel-checks.js';
import { toolActions } from '../system/actions/tool-actions.js';
import { systemFileReader, type FileReader } from '../system/sample/file-reader.js';
import { startPolling, type Timers } from '../system/sample/poll-loop.js';
import { createSampler } from '../system/sample/sampler.js';
import type { UapiQuery } from '../system/sample/uapi-client.js';
import { App, type AppProps } from '../ui/app.js';
import { mountFullScreen, type MountedView } from '../ui/full-screen.js';
import type { GatherChecks } from '../ui/check-result.js';
import type { PanelActions } from '../ui/keymap.js';
import { createPanelStore } from '../ui/panel-store.js';
import type { StatusMessage } from '../ui/status-line.js';
import { terminalOptions } from '../ui/terminal-options.js';
import { type CommandIo, type CommandSpec, interfaceOption, stringValue } from './command.js';
import { readSiteText } from './site-loading.js';
import { setupCommand } from './setup.js';

/** Where site files live. */
export const SITE_DIR = '/etc/wg-site';
/** Ink's frame rate cap: the data changes once a second at most. */
export const PANEL_MAX_FPS = 4;

/** A mounted view. */
export type MountedPanel = MountedView;

/** Test seams and later wiring of {@link createPanelCommand}. */
export interface PanelDeps {
  /** Reader for /proc and /sys; default the real one. */
  readonly files?: FileReader;
  /** Mounts the view; default Ink's `render` on the process's terminal. */
  readonly mount?: (element: ReactElement) => MountedPanel;
  /** UAPI transport for the sampler (tests). */
  readonly uapi?: UapiQuery;
  /** Timers for the poll loop (tests). */
  readonly timers?: Timers;
  /**
   * Builds the check gatherer for an interface; absent = checks "not available yet". `latest` is the
   * poll loop's newest sample, so a check run need not read WireGuard again.
   */
  readonly checks?: (iface: string, io: CommandIo, latest: () => Sample | undefined) => GatherChecks;
  /** Tool actions (or how to build them for an interface); absent ones say "not available yet". */
  readonly actions?: PanelActions | ((iface: string, io: CommandIo) => PanelActions);
  /**
   * Runs the setup wizard for an interface; when present, `w` leaves the panel and the command
   * continues with it (its exit code becomes the command's).
   */
  readonly openWizard?: (iface: string, io: CommandIo) => Promise<number>;
}

/** `wg-site setup --interface IFACE` with the setup command's defaults for everything else. */
export function runSetupWizard(iface: string, io: CommandIo): Promise<number> {
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, option] of Object.entries(setupCommand.options))
    if (option.default !== undefined) values[name] = option.default;
  values.interface = iface;
  return setupCommand.run({ values, positionals: [] }, io);
}

/** The real wiring: the health checks, every tool action, and the wizard. */
export const systemPanelDeps: PanelDeps = {
  openWizard: runSetupWizard,
  checks: (iface, io, latest) => panelChecks(io, iface, { latest }),
  actions: (iface, io) => {
    const site = pathsFor(iface).site;
    return toolActions({
      iface,
      runner: io.runner,
      files: io.files,
      clock: io.clock,
      env: io.env,
      readSite: () => readSiteText(io, site),
    });
  },
};

/** The panel full screen on the real terminal, with its render options. */
export function inkMount(element: ReactElement): MountedPanel {
  return mountFullScreen(element, { maxFps: PANEL_MAX_FPS, exitOnCtrlC: true });
}

/**
 * The interface plain `wg-site` should open the panel for: the one whose site file exists in
 * /etc/wg-site (wg0 when there are several and it is one of them, else the first by name).
 */
export async function defaultPanelInterface(io: CommandIo): Promise<string | undefined> {
  const names = (await io.files.list(SITE_DIR).catch(() => []))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((n) => /^[A-Za-z0-9_=+.-]{1,15}$/.test(n) && n !== '.' && n !== '..')
    .sort();
  return names.includes('wg0') ? 'wg0' : names[0];
}

/** Peer names (by public key) and site name from the site file, or a warning why there are none. */
export async function siteNames(
  io: CommandIo,
  iface: string,
): Promise<{ names: Map<string, string>; siteName?: string; warning?: StatusMessage }> {
  const path = pathsFor(iface).site;
  const text = await io.files.read(path).catch(() => undefined);
  if (text === undefined) return { names: new Map() };
  const { site, problems } = checkSiteText(text);
  if (site === undefined) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    return {
      names: new Map(),
      warning: {
        text: `${path} has ${count} (see wg-site plan --site ${path}); peers are shown by public key.`,
        tone: 'warn',
      },
    };
  }
  return { names: new Map(site.peers.map((p) => [p.publicKey, p.name])), siteName: site.name };
}

function intervalOf(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 200 || ms > 60_000) {
    throw new ValueRangeError(
      '--interval-ms',
      `--interval-ms must be a whole number of milliseconds from 200 to 60000 (e.g. 1000), not "${text}".`,
    );
  }
  return ms;
}

/** Build the command (tests pass seams; the registry uses the defaults). */
export function createPanelCommand(deps: PanelDeps = {}): CommandSpec {
  return {
    name: 'panel',
    summary: 'Live panel: peers, traffic, host load, checks and events, updated every second',
    details: [
      'Needs a terminal; for scripts use wg-site status. Keys: q quits, ? lists every key.',
      'Peer names come from /etc/wg-site/<interface>.json when it exists.',
      'ASCII drawing is automatic on TERM=linux or vt100; NO_COLOR turns colours off.',
    ],
    options: {
      ...interfaceOption,
      ascii: { type: 'boolean', description: 'draw with ASCII characters only' },
      'interval-ms': {
        type: 'string',
        valueName: 'MS',
        description: 'time between two samples',
        default: '1000',
      },
    },
    async run(args, io) {
      if (!io.interactive) {
        io.stderr(
          'wg-site panel: needs a terminal (standard output is not a TTY). For scripts and pipes use: wg-site status\n',
        );
        return 2;
      }
      const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
      const intervalMs = intervalOf(stringValue(args, 'interval-ms'));
      const drawing = terminalOptions(io.env, { ascii: args.values.ascii === true });
      const { names, siteName, warning } = await siteNames(io, iface);
      const socketDir = io.env.WG_SITE_UAPI_DIR;
      const sampler = createSampler({
        interfaceName: iface,
        files: deps.files ?? systemFileReader,
        runner: io.runner,
        clock: io.clock,
        ...(deps.uapi ? { uapi: deps.uapi } : {}),
        ...(socketDir ? { socketDir } : {}),
      });
      let latest: Sample | undefined;
      const gatherChecks = deps.checks?.(iface, io, () => latest);
      const tools = typeof deps.actions === 'function' ? deps.actions(iface, io) : deps.actions;
      let openWizard = false;
      const actions: PanelActions | undefined = deps.openWizard
        ? {
            ...tools,
            wizard: async () => {
              openWizard = true; // the exit intent: leave the panel, then run the wizard
              quit();
              return 'opening the setup wizard…';
            },
          }
        : tools;
      const store = createPanelStore({
        model: createPanelModel({ peerNames: names, noReplyDown: true }),
        now: () => io.clock.now(),
        ...(gatherChecks ? { gatherChecks } : {}),
      });
      const poller = startPolling({
        intervalMs,
        sample: () => sampler.sample(),
        onSample: (sample) => {
          latest = sample; // before the store: a check run it starts reuses this sample
          store.onSample(sample);
        },
        onError: store.onError,
        clock: io.clock,
        ...(deps.timers ? { timers: deps.timers } : {}),
      });
      let quit: () => void = () => {};
      const quitted = new Promise<void>((resolve) => (quit = resolve));
      const props: AppProps = {
        store,
        interfaceName: iface,
        ascii: drawing.ascii,
        color: drawing.color,
        onExit: () => quit(),
        ...(siteName !== undefined ? { siteName } : {}),
        ...(actions ? { actions } : {}),
        ...(warning ? { initialMessage: warning } : {}),
      };
      const mounted = (deps.mount ?? inkMount)(createElement(App, props));
      try {
        await Promise.race([mounted.waitUntilExit(), quitted]);
      } finally {
        mounted.unmount();
        await poller.stop();
      }
      if (openWizard && deps.openWizard) return deps.openWizard(iface, io);
      return 0;
    },
  };
}

/** `wg-site panel`. */
export const panelCommand: CommandSpec = createPanelCommand(systemPanelDeps);
