// Drives the real `wg-site setup` wizard on both lab gateways, in real terminals (tmux), the way two
// admins would: A enters site B by hand with the public key B's wizard shows on its keys step, applies
// and keeps it; B pastes A's pairing code from A's hand-off, applies and keeps it. Shared by the
// wizard end-to-end test and the screenshot script (scripts/media.ts).
import { fileURLToPath } from 'node:url';
import type { RoutingOption } from '../../source/domain/site/model.js';
import { LAB_ADDR, LAB_SH, type LabSite } from './lab.js';
import { EXIT_MARK, type TmuxPane, type TmuxServer } from './terminal.js';

/** The wizard's steps as the flow reports them to {@link JoinOptions.onStep}. */
export type FlowStep =
  | 'host'
  | 'site'
  | 'keys'
  | 'far-site'
  | 'allowed-ips'
  | 'routing'
  | 'firewall'
  | 'review'
  | 'trial'
  | 'handoff';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${REPO}source/cli.tsx`;

/** `wg-site setup` from source (through tsx) inside gateway GW: robust on a fresh `npm ci` checkout. */
export function wizardCommand(gw: 'gwA' | 'gwB'): string[] {
  return [LAB_SH, 'exec', gw, '--', process.execPath, '--import', import.meta.resolve('tsx'), CLI, 'setup'];
}

/** The lab variables (WG_SITE_LAB_STATE/LOCK) a pane needs to reach this process's lab. */
export function labEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['WG_SITE_LAB_STATE', 'WG_SITE_LAB_LOCK']) if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

const KEY = /Public key: ([A-Za-z0-9+/]{43}=)/;
const CODE = /wgsite1\.[A-Za-z0-9_-]+/;

/** The value shown for a form field LABEL on SCREEN (a focused field ends in the caret ▏). */
export function fieldValue(screen: string, label: string): string | undefined {
  for (const line of screen.split('\n')) {
    const m = /^(?:▸ | {2})(.{17}) (.*)$/u.exec(line);
    if (m && m[1]!.trim() === label) return m[2]!.replace(/▏$/u, '').trim();
  }
  return undefined;
}

/** The label of the focused control (the line marked ▸). */
function focused(screen: string): string | undefined {
  const m = /^▸ (.{17}) /mu.exec(screen);
  return m?.[1]!.trim();
}

/**
 * The pairing code on a hand-off SCREEN. The wizard wraps it itself, onto lines indented by two
 * spaces, so the pieces after the `wgsite1.` line are joined back (base64url has no spaces).
 */
export function pairingCodeOn(screen: string): string | undefined {
  const lines = screen.split('\n');
  const at = lines.findIndex((l) => CODE.test(l));
  if (at < 0) return undefined;
  let code = CODE.exec(lines[at]!)![0];
  for (const line of lines.slice(at + 1)) {
    const piece = /^ {2}([A-Za-z0-9_-]+)\s*$/.exec(line);
    if (!piece) break;
    code += piece[1];
  }
  return code;
}

const title = (n: number, name: string) => `${n}/10 ${name}`;

/** One admin at one gateway's wizard. */
export class WizardDriver {
  constructor(
    readonly pane: TmuxPane,
    readonly site: LabSite,
  ) {}

  /** Moves the focus (Tab) to the field LABEL on the current step. */
  async focus(label: string): Promise<void> {
    for (let i = 0; i < 12; i++) {
      const current = focused(await this.pane.text());
      if (current === label) return;
      await this.pane.press('Tab', (s) => focused(s) !== current);
    }
    throw new Error(`${this.pane.name}: could not focus "${label}". Screen:\n${await this.pane.text()}`);
  }

  /** Sets the text field LABEL to VALUE (clears it first) and checks the screen shows it. */
  async setField(label: string, value: string): Promise<void> {
    await this.focus(label);
    if ((fieldValue(await this.pane.text(), label) ?? '') !== '') {
      await this.pane.press('C-u', (s) => fieldValue(s, label) === '');
    }
    if (value !== '') await this.pane.type(value, (s) => fieldValue(s, label) === value);
  }

  /** Enter, then wait for step N. */
  async next(n: number, name: string, timeoutMs = 20_000): Promise<string> {
    return this.pane.press('Enter', title(n, name), timeoutMs);
  }

  /** Step 1 is drawn (the first keys must wait for it). */
  start(): Promise<string> {
    return this.pane.waitFor(title(1, 'Host'), 'the wizard to draw step 1', 30_000);
  }

  /**
   * Step 2: takes the proposed values but checks the LAN interface and subnet are the lab's (fixing
   * them otherwise) and sets the site name (both lab gateways share one host name).
   */
  async siteStep(name: string): Promise<void> {
    const subnet = this.site === 'A' ? LAB_ADDR.lanA : LAB_ADDR.lanB;
    const screen = await this.pane.text();
    if (fieldValue(screen, 'LAN interface') !== 'eth-lan') await this.setField('LAN interface', 'eth-lan');
    if (fieldValue(screen, 'LAN subnet(s)') !== subnet) await this.setField('LAN subnet(s)', subnet);
    await this.setField('Site name', name);
  }

  /**
   * Step 3: Enter generates the key and moves on to step 4; Esc goes back to step 3, which now shows
   * the new public key. Returns it (the focus is back on step 3; {@link next} continues).
   */
  async generateKey(): Promise<string> {
    await this.next(4, 'Far site', 30_000);
    const screen = await this.pane.press('Escape', (s) => s.includes(title(3, 'Keys')) && KEY.test(s));
    return KEY.exec(screen)![1]!;
  }

  /** Step 4 by hand. */
  async farSiteByHand(far: { name: string; publicKey: string; endpoint: string; subnet: string }) {
    await this.setField('Far site name', far.name);
    await this.setField('Far public key', far.publicKey);
    await this.setField('Far endpoint', far.endpoint);
    await this.setField('Far LAN subnets', far.subnet);
  }

  /** Step 4 from a pairing code: the focus starts on its field, a paste decodes it at once. */
  async pastePairingCode(code: string): Promise<string> {
    await this.focus('Pairing code');
    return this.pane.type(code, (s) => (fieldValue(s, 'Far public key') ?? '') !== '');
  }

  /** Step 6: Right until OPTION is chosen. */
  async chooseRouting(option: RoutingOption): Promise<string> {
    for (let i = 0; i < 4; i++) {
      const screen = await this.pane.text();
      const current = fieldValue(screen, 'Routing');
      if (current === `‹ ${option} ›`) return screen;
      await this.pane.press('Right', (s) => fieldValue(s, 'Routing') !== current);
    }
    throw new Error(`${this.pane.name}: routing ${option} not offered. Screen:\n${await this.pane.text()}`);
  }

  /** Step 9: waits for the armed keep prompt (a fresh key press counts only then). */
  keepPrompt(): Promise<string> {
    return this.pane.waitFor('Keep this configuration?', 'the keep prompt', 90_000);
  }

  /** y at the keep prompt, then the hand-off; returns its pairing code. */
  async keep(): Promise<string> {
    const screen = await this.pane.press('y', title(10, 'Hand-off'), 30_000);
    const code = pairingCodeOn(screen);
    if (!code) throw new Error(`${this.pane.name}: no pairing code on the hand-off. Screen:\n${screen}`);
    return code;
  }

  /** Enter on the hand-off ends the wizard; returns its exit code. */
  async finish(): Promise<number> {
    const screen = await this.pane.press('Enter', EXIT_MARK);
    return Number(EXIT_MARK.exec(screen)![1]);
  }
}

/** Options of {@link joinWithWizards}. */
export interface JoinOptions {
  readonly server: TmuxServer;
  /** Session names (unique per run). */
  readonly sessions: Record<LabSite, string>;
  readonly names: Record<LabSite, string>;
  readonly routing: Record<LabSite, RoutingOption>;
  /** Called with each step's screen filled in, before the key that leaves it. */
  readonly onStep?: (site: LabSite, step: FlowStep, pane: TmuxPane) => Promise<void>;
  /** Called while B's trial runs (the tunnel is up on both sides), before B's keep prompt is answered. */
  readonly duringTrialB?: (pane: TmuxPane) => Promise<void>;
}

/** What {@link joinWithWizards} saw. */
export interface JoinResult {
  readonly publicKeys: Record<LabSite, string>;
  readonly codes: Record<LabSite, string>;
  /** B's far-site step after the paste. */
  readonly pastedScreen: string;
  readonly exitCodes: Record<LabSite, number>;
}

/** Runs both wizards to the end (see the file comment). The caller kills the tmux server. */
export async function joinWithWizards(o: JoinOptions): Promise<JoinResult> {
  const env = labEnv();
  const open = async (site: LabSite) => {
    const gw = site === 'A' ? 'gwA' : 'gwB';
    const pane = await o.server.open(o.sessions[site], wizardCommand(gw), { env });
    return new WizardDriver(pane, site);
  };
  const a = await open('A');
  const b = await open('B');
  const step = (w: WizardDriver, s: FlowStep) => o.onStep?.(w.site, s, w.pane) ?? Promise.resolve();

  // Both admins: host, this site, keys. B's wizard then waits on its far-site step.
  const publicKeys = { A: '', B: '' };
  for (const w of [a, b]) {
    await w.start();
    await step(w, 'host');
    await w.next(2, 'This site');
    await w.siteStep(o.names[w.site]);
    await step(w, 'site');
    await w.next(3, 'Keys');
    publicKeys[w.site] = await w.generateKey();
    await step(w, 'keys');
    await w.next(4, 'Far site');
  }

  // A: site B by hand, with the key B's wizard showed; then through the trial to the hand-off.
  await a.farSiteByHand({
    name: o.names.B,
    publicKey: publicKeys.B,
    endpoint: `${LAB_ADDR.gwBWan}:51820`,
    subnet: LAB_ADDR.lanB,
  });
  await step(a, 'far-site');
  await finishFrom(a, o.routing.A, step);
  const codeA = await a.keep();
  await step(a, 'handoff');

  // B: pastes A's pairing code, then the same way to its hand-off.
  const pastedScreen = await b.pastePairingCode(codeA);
  await step(b, 'far-site');
  await finishFrom(b, o.routing.B, step);
  await o.duringTrialB?.(b.pane);
  await b.keepPrompt();
  await step(b, 'trial');
  const codeB = await b.keep();
  await step(b, 'handoff');

  const exitCodes = { A: await a.finish(), B: await b.finish() };
  return { publicKeys, codes: { A: codeA, B: codeB }, pastedScreen, exitCodes };
}

/** Steps 5 to 9 from a filled far-site step: AllowedIPs, routing, firewall, review, apply. */
async function finishFrom(
  w: WizardDriver,
  routing: RoutingOption,
  step: (w: WizardDriver, s: FlowStep) => Promise<void>,
): Promise<void> {
  await w.next(5, 'AllowedIPs');
  await step(w, 'allowed-ips');
  await w.next(6, 'Routing');
  await w.chooseRouting(routing);
  await step(w, 'routing');
  await w.next(7, 'Firewall & MTU');
  await step(w, 'firewall');
  await w.next(8, 'Review');
  await w.pane.waitFor('/etc/wg-site/wg0.json', 'the review of the files to write', 20_000);
  await step(w, 'review');
  await w.next(9, 'Apply (trial)');
  if (w.site === 'A') {
    await w.keepPrompt();
    await step(w, 'trial');
  }
}
