/**
 * What the wizard screens keep besides the machine's state (focus, the pairing text, the review's
 * files, the apply phase, scrolling, the quit question), and the pure questions asked of it. Pure.
 */
import { isClampedPrivateKey } from '../../domain/keys.js';
import { ApplyProblems, type ReviewResult } from '../../domain/wizard/services.js';
import type { WizardState } from '../../domain/wizard/types.js';
import type { Control } from './controls.js';
import type { WizardMessage } from './frame-lines.js';
import type { ApplyPhase } from './view.js';
import type { WizardContext } from './wizard-keys.js';

/** How the wizard ended. */
export type WizardOutcome = 'done' | 'abandoned';

/** The screens' state; the app keeps it in a ref so that every key press sees the latest. */
export interface WizardUi {
  machine: WizardState;
  focus: number;
  importChoice: number;
  importedPath: string | undefined;
  pairingText: string;
  /** The pairing text last decoded (Enter on the pairing field then goes on). */
  pairingDecoded: string;
  /** The far public key value last checked against the own private key, and the answer. */
  keyCheck: { value: string; own: boolean } | undefined;
  /** The far-site step shows this gateway's whole pairing code and its QR code. */
  ownCode: boolean;
  onDisk: Record<string, string | undefined> | undefined;
  /** The plan the review shows, made by the same planning as apply; undefined while it is made. */
  planned: ReviewResult['planned'] | undefined;
  apply: ApplyPhase;
  now: number;
  scroll: number;
  askQuit: boolean;
  message: WizardMessage | undefined;
}

/** The screens' state at the start. */
export function initialUi(machine: WizardState, now: number): WizardUi {
  return {
    machine,
    focus: 0,
    importChoice: 0,
    importedPath: undefined,
    pairingText: '',
    pairingDecoded: '',
    keyCheck: undefined,
    ownCode: false,
    onDisk: undefined,
    planned: undefined,
    apply: { kind: 'idle' },
    now,
    scroll: 0,
    askQuit: false,
    message: undefined,
  };
}

/** An error as the lines to show: an apply refusal's problems, or its message. */
export function problemText(error: unknown): string {
  if (error instanceof ApplyProblems) return error.problems.join('\n') || error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Where the focus is (which decides what a key does), given the controls of the current step. */
export function contextOf(u: WizardUi, controls: readonly Control[]): WizardContext {
  const m = u.machine;
  if (u.askQuit) return 'ask-quit';
  if (m.step === 'apply') {
    if (u.apply.kind === 'trial') return u.apply.armed ? 'armed' : 'trial';
    if (u.apply.kind === 'idle' && m.pending === undefined && m.errors.apply !== undefined) return 'failed';
    return 'busy';
  }
  if (m.step === 'review') return 'review';
  if (m.step === 'handoff') return 'handoff';
  if (m.pending !== undefined) return 'busy';
  if (m.step === 'far-site' && u.ownCode) return 'own-code';
  const c = controls[u.focus];
  if (c === undefined || c.kind === 'choice') return 'choice';
  return m.step === 'far-site' ? 'far-field' : 'field';
}

/** True while the far public key field holds a private key not yet known to be someone else's. */
export function farKeyHidden(u: WizardUi): boolean {
  const value = u.machine.fields.farPublicKey;
  if (!isClampedPrivateKey(value)) return false;
  return u.keyCheck?.value !== value || u.keyCheck.own;
}
