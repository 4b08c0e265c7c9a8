// Drives the real `wg-site setup` wizard on both lab gateways, in real terminals (tmux), the way two
// admins pair fresh gateways by pasting only: A goes to its far-site step (4) and shows its own
// pairing code; B pastes A's code into its step 4 (which fills the far site), applies and keeps it,
// and its hand-off shows B's code; A pastes B's code into its step 4, applies and keeps it. Shared by
// the wizard end-to-end test and the screenshot script (scripts/media.ts).
import { fileURLToPath } from 'node:url';
import { decodePairingCode } from '../../source/domain/pairing/code.js';
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

/** A lab gateway. */
export type LabGateway = 'gwA' | 'gwB';

/** `wg-site ARGS...` from source (through tsx): robust on a fresh `npm ci` checkout. */
export function wgSiteCommand(...args: string[]): string[] {
  return [process.execPath, '--import', import.meta.resolve('tsx'), CLI, ...args];
}

/** `wg-site setup` inside gateway GW (the pane runs it through `lab.sh exec`). */
export function wizardCommand(gw: LabGateway): string[] {
  return [LAB_SH, 'exec', gw, '--', ...wgSiteCommand('setup')];
}

/**
 * The environment of a wizard pane: the lab variables (WG_SITE_LAB_STATE/LOCK) it needs to reach this
 * process's lab, and CI switched off — under CI=true (as in .ci/run) Ink draws nothing until the app
 * exits, while a person at a real terminal is what this test stands in for.
 */
export function labEnv(): Record<string, string> {
  const env: Record<string, string> = { CI: '0', CONTINUOUS_INTEGRATION: '0' };
  for (const k of ['WG_SITE_LAB_STATE', 'WG_SITE_LAB_LOCK']) if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

const OWN_KEY = /This public key\s+([A-Za-z0-9+/]{43}=)/;
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

function decodes(code: string): boolean {
  try {
    decodePairingCode(code);
    return true;
  } catch {
    return false;
  }
}

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
    // Generous: the wizard runs from source through tsx, which is slow to start on a loaded machine.
    return this.pane.waitFor(title(1, 'Host'), 'the wizard to draw step 1', 90_000);
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

  /** Step 3: Enter generates the key and moves on to step 4, which shows it; returns it. */
  async generateKey(): Promise<string> {
    const screen = await this.pane.press(
      'Enter',
      (s) => s.includes(title(4, 'Far site')) && OWN_KEY.test(s),
      30_000,
    );
    return OWN_KEY.exec(screen)![1]!;
  }

  /**
   * Step 4: this gateway's own pairing code. ^P opens the view with the whole code wrapped onto
   * indented lines; they are joined and the code decoded (a partly drawn screen is read again).
   * Esc goes back to the form.
   */
  async ownCode(): Promise<string> {
    let code: string | undefined;
    await this.pane.press(
      'C-p',
      (s) => {
        if (!s.includes("This gateway's pairing code")) return false;
        code = pairingCodeOn(s);
        return code !== undefined && decodes(code);
      },
      10_000,
    );
    await this.pane.press('Escape', (s) => fieldValue(s, 'Pairing code') !== undefined);
    return code!;
  }

  /** Step 4 by hand. */
  async farSiteByHand(far: { name: string; publicKey: string; endpoint: string; subnet: string }) {
    await this.setField('Far site name', far.name);
    await this.setField('Far public key', far.publicKey);
    await this.setField('Far endpoint', far.endpoint);
    await this.setField('Far LAN subnets', far.subnet);
  }

  /** Step 4 from the other gateway's code: the focus starts on its field, a paste decodes it at once. */
  async pastePairingCode(code: string): Promise<string> {
    await this.focus('Pairing code');
    // A public key that looks like a private key is hidden until the wizard has checked it is not
    // this gateway's own: wait for the key itself.
    return this.pane.type(code, (s) => /^[A-Za-z0-9+/]{43}=$/.test(fieldValue(s, 'Far public key') ?? ''));
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
  /** How a pane starts the wizard on a gateway (default {@link wizardCommand}: `lab.sh exec`). */
  readonly launch?: (gw: LabGateway) => readonly string[];
  /** Called with each step's screen filled in, before the key that leaves it. */
  readonly onStep?: (site: LabSite, step: FlowStep, pane: TmuxPane) => Promise<void>;
  /**
   * Called while A's trial runs (B is kept, so the tunnel is up on both sides), before A's keep
   * prompt is answered.
   */
  readonly duringTrialA?: (pane: TmuxPane) => Promise<void>;
  /** Called while B's trial runs (A is not set up yet), before B's keep prompt is answered. */
  readonly duringTrialB?: (pane: TmuxPane) => Promise<void>;
}

/** What {@link joinWithWizards} saw. */
export interface JoinResult {
  /** The public keys the wizards showed on their step 4. */
  readonly publicKeys: Record<LabSite, string>;
  /** A's code from its step 4, B's from its hand-off: the ones pasted into the other wizard. */
  readonly codes: Record<LabSite, string>;
  /** Each far-site step right after the paste of the other's code. */
  readonly pastedScreens: Record<LabSite, string>;
  readonly exitCodes: Record<LabSite, number>;
}

/** Runs both wizards to the end (see the file comment). The caller kills the tmux server. */
export async function joinWithWizards(o: JoinOptions): Promise<JoinResult> {
  const env = labEnv();
  const open = async (site: LabSite) => {
    const gw = site === 'A' ? 'gwA' : 'gwB';
    const pane = await o.server.open(o.sessions[site], (o.launch ?? wizardCommand)(gw), { env });
    return new WizardDriver(pane, site);
  };
  const a = await open('A');
  const b = await open('B');
  const step = (w: WizardDriver, s: FlowStep) => o.onStep?.(w.site, s, w.pane) ?? Promise.resolve();

  // Both admins: host, this site, keys; step 4 then shows each gateway's key and code.
  const publicKeys = { A: '', B: '' };
  for (const w of [a, b]) {
    await w.start();
    await step(w, 'host');
    await w.next(2, 'This site');
    await w.siteStep(o.names[w.site]);
    await step(w, 'site');
    await w.next(3, 'Keys');
    await step(w, 'keys');
    publicKeys[w.site] = await w.generateKey();
  }

  // A shows its code on step 4 and waits there.
  const codeA = await a.ownCode();

  // B: pastes A's code, applies and keeps it (A is not set up yet: no handshake), hands over B's code.
  const pastedB = await b.pastePairingCode(codeA);
  await step(b, 'far-site');
  await finishFrom(b, o.routing.B, step);
  await o.duringTrialB?.(b.pane);
  await b.keepPrompt();
  const codeB = await b.keep();
  await step(b, 'handoff');

  // A: pastes B's code, applies; during its trial the tunnel comes up; keeps it.
  const pastedA = await a.pastePairingCode(codeB);
  await step(a, 'far-site');
  await finishFrom(a, o.routing.A, step);
  await o.duringTrialA?.(a.pane);
  await a.keepPrompt();
  await step(a, 'trial');
  await a.keep();
  await step(a, 'handoff');

  const exitCodes = { A: await a.finish(), B: await b.finish() };
  return {
    publicKeys,
    codes: { A: codeA, B: codeB },
    pastedScreens: { A: pastedA, B: pastedB },
    exitCodes,
  };
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
}
