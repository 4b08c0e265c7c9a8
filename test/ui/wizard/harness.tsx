/**
 * Test set-up for the wizard screens: a host report, fake services that record what they were
 * asked, a hand-driven clock, and rendering at a fixed size. Waiting is a bounded poll of event-loop
 * turns until the expected frame shows, never a sleep.
 */
import React from 'react';
import { render } from 'ink-testing-library';
import { encode } from 'uqr';
import type { ProbeReply } from '../../../source/domain/apply/far-answer.js';
import { generatePrivateKey, publicKeyOf } from '../../../source/domain/keys.js';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { pathsFor, type HostFacts } from '../../../source/domain/plan/context.js';
import { planSite } from '../../../source/domain/plan/plan.js';
import { checkSite } from '../../../source/domain/site/validate.js';
import type { WizardHostFacts, WizardState } from '../../../source/domain/wizard/types.js';
import {
  ApplyProblems,
  type HostReport,
  type ApplyRequest,
  type ReviewRequest,
  type ReviewResult,
  type TrialStarted,
  type TunnelView,
  type WizardClock,
  type WizardServices,
} from '../../../source/domain/wizard/services.js';
import { WizardApp, type WizardAppProps, type WizardOutcome } from '../../../source/ui/wizard/wizard-app.js';

/** Fixed keys so frames are stable. */
export const GATEWAY_PRIVATE = 'aBnHX1lWKOo8b0HBVNw2O/6eM5QJ7jBw4X8HcVtAj0s=';
export const GATEWAY_PUBLIC = publicKeyOf(GATEWAY_PRIVATE);
export const FAR_PRIVATE = 'MOzk7nq8+YqF5EAMx7ao3xCeXF5oYQUcJLNQQbR1eHM=';
export const FAR_PUBLIC = publicKeyOf(FAR_PRIVATE);
export const PSK = 'Fj3LbF3Q9o2jv6x0Jb1C8xG1r2ZbP0aW5v8kq3Tn1Mw=';

/** A gateway with a public uplink and a LAN, as detectWizardHost would report it. */
/** Host facts for planning, from what the wizard detected (the fake services plan with these). */
export function planFacts(facts: WizardHostFacts): HostFacts {
  return {
    firewallBackend: facts.firewallBackend ?? 'nft',
    ...(facts.uplinkMtu !== undefined ? { uplinkMtu: facts.uplinkMtu } : {}),
    ...(facts.uplinkInterface ? { uplinkInterface: facts.uplinkInterface } : {}),
    ...(facts.lanInterface ? { lanInterface: facts.lanInterface } : {}),
    ...(facts.lanAddress ? { lanAddress: facts.lanAddress } : {}),
    ...(facts.lanRouter ? { lanRouter: facts.lanRouter } : {}),
  };
}

export const FACTS: WizardHostFacts = {
  interface: 'wg0',
  hostname: 'alpha',
  lanInterface: 'eth1',
  lanAddress: '192.168.1.10/24',
  lanRouter: '192.168.1.1',
  uplinkInterface: 'eth0',
  uplinkMtu: 1500,
  uplinkAddress: '203.0.113.5',
  routes: ['192.168.1.0/24', '203.0.113.0/24'],
  firewallBackend: 'nft',
};

export const REPORT: HostReport = {
  interfaces: [
    { name: 'eth0', state: 'up', mtu: 1500, addresses: ['203.0.113.5/24'] },
    { name: 'eth1', state: 'up', mtu: 1500, addresses: ['192.168.1.10/24'] },
  ],
  defaultRoute: { gateway: '203.0.113.1', dev: 'eth0' },
  connected: [
    { subnet: '203.0.113.0/24', dev: 'eth0' },
    { subnet: '192.168.1.0/24', dev: 'eth1' },
  ],
  wireguard: 'kernel',
  tools: { wg: true, wgQuick: true },
  backend: 'nft',
  forwarding: false,
  configs: [],
  sshClient: '192.168.1.50',
  root: true,
  problems: [
    {
      message: 'IPv4 forwarding is off (net.ipv4.ip_forward = 0): nothing would pass the gateway.',
      fix: 'nothing to do by hand: apply turns it on and keeps it in /etc/sysctl.d/.',
    },
  ],
};

/** A clock moved by hand: `advance` moves time and fires the one timer's listeners. */
export class FakeClock implements WizardClock {
  time = Date.UTC(2025, 0, 2, 3, 4, 5);
  readonly listeners = new Set<() => void>();
  now = (): number => this.time;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  advance(ms: number): void {
    this.time += ms;
    for (const l of [...this.listeners]) l();
  }
}

/** Services that record their calls. */
export class FakeServices implements WizardServices {
  readonly calls: string[] = [];
  applied: ApplyRequest[] = [];
  applyFails: string[] | undefined;
  pending = true;
  files: Record<string, string> = {};
  tunnel: TunnelView = {
    up: true,
    listenPort: 51820,
    peers: [
      {
        publicKey: FAR_PUBLIC,
        hasPresharedKey: false,
        endpoint: '198.51.100.7:51820',
        allowedIps: ['10.0.0.1/32', '192.168.2.0/24'],
        latestHandshake: 0,
        rxBytes: 0,
        txBytes: 148,
        persistentKeepalive: undefined,
      },
    ],
  };
  constructor(readonly clock: FakeClock) {}
  generateKey = async (iface: string): Promise<string> => {
    this.calls.push(`generateKey ${iface}`);
    return GATEWAY_PUBLIC;
  };
  apply = async (request: ApplyRequest, log: (line: string) => void): Promise<TrialStarted> => {
    this.calls.push(`apply ${request.interface}`);
    this.applied.push(request);
    log('Backed up the current state');
    if (this.applyFails) throw new ApplyProblems('refused', this.applyFails);
    return {
      deadline: this.clock.now() + 60_000,
      timeoutSeconds: 60,
      backupId: 'b1',
      watchdog: 'systemd timer',
    };
  };
  confirm = async (iface: string): Promise<void> => {
    this.calls.push(`confirm ${iface}`);
    this.pending = false;
  };
  revert = async (iface: string): Promise<string> => {
    this.calls.push(`revert ${iface}`);
    this.pending = false;
    return 'Reverted wg0.';
  };
  /** Addresses pinged, in order; the far side answers while `farAnswers` is true. */
  readonly probes: string[] = [];
  farAnswers = false;
  probeFar = async (address: string): Promise<ProbeReply> => {
    this.probes.push(address);
    return this.farAnswers ? { answered: true, rttMs: 0.8 } : { answered: false };
  };
  trialPending = async (): Promise<boolean> => this.pending;
  tunnelState = async (): Promise<TunnelView> => this.tunnel;
  review = async (request: ReviewRequest): Promise<ReviewResult> => {
    const onDisk = Object.fromEntries(request.paths.map((p) => [p, this.files[p]]));
    const { site, problems } = checkSite(request.siteFile);
    if (!site) return { planned: { problems: problems.map((p) => p.message) }, onDisk };
    const previous = request.previousWgQuick ?? this.files[pathsFor(site.interface).wgQuick];
    try {
      return { planned: { plan: planSite(site, planFacts(FACTS), previous) }, onDisk };
    } catch (error) {
      return { planned: { problems: [(error as Error).message] }, onDisk };
    }
  };
  readImport = async (path: string): Promise<string> => {
    const text = this.files[path];
    if (text === undefined) throw new Error(`${path} does not exist.`);
    return text;
  };
  readFiles = async (paths: readonly string[]): Promise<Record<string, string | undefined>> =>
    Object.fromEntries(paths.map((p) => [p, this.files[p]]));
  isOwnPrivateKey = async (_iface: string, text: string): Promise<boolean> => text.trim() === GATEWAY_PRIVATE;
  qrMatrix = (text: string): boolean[][] => encode(text, { ecc: 'L', border: 0 }).data;
}

/** A rendered wizard and its fakes. */
export interface Wizard {
  instance: ReturnType<typeof render>;
  services: FakeServices;
  clock: FakeClock;
  outcome: () => WizardOutcome | undefined;
  frame: () => string;
}

/** Render the wizard at a size. */
export function renderWizard(
  options: Partial<WizardAppProps> & {
    width?: number;
    height?: number;
    state?: WizardState;
    report?: HostReport;
  } = {},
): Wizard {
  const clock = new FakeClock();
  const services = new FakeServices(clock);
  let outcome: WizardOutcome | undefined;
  const width = options.width ?? 80;
  const element = (
    <WizardApp
      initial={options.state ?? initialState(FACTS)}
      report={options.report ?? REPORT}
      services={services}
      clock={clock}
      color={false}
      width={width}
      height={options.height ?? 24}
      onExit={(o) => (outcome = o)}
      {...options}
    />
  );
  const instance = render(element);
  Object.defineProperty(instance.stdout, 'columns', { get: () => width, configurable: true });
  instance.rerender(element);
  return { instance, services, clock, outcome: () => outcome, frame: () => instance.lastFrame() ?? '' };
}

/** Give the event loop a turn. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Wait (bounded) until the frame satisfies PREDICATE; fail with the last frame. */
export async function until(w: Wizard, predicate: (frame: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    if (predicate(w.frame())) return w.frame();
    await tick();
  }
  throw new Error(`timed out waiting for ${what}; last frame:\n${w.frame()}`);
}

/** Wait until the frame contains TEXT. */
export const shows = (w: Wizard, text: string): Promise<string> =>
  until(w, (f) => f.includes(text), JSON.stringify(text));

/** Press keys one at a time, a few turns after each so Ink (and a lone Esc) settle. */
export async function press(w: Wizard, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    w.instance.stdin.write(key);
    for (let i = 0; i < 4; i++) await tick();
  }
}

/** Escape sequences. */
export const KEY = {
  enter: '\r',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  escape: '\u001B',
  backspace: '\u007F',
  ctrlU: '\u0015',
  ctrlC: '\u0003',
} as const;

export { generatePrivateKey };
