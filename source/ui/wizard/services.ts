/**
 * What the wizard screens ask of the outside world. The system layer implements it
 * (source/system/wizard/effects.ts); tests pass fakes. Nothing here returns a private key.
 */
import type { WizardEffect } from '../../domain/wizard/types.js';
import type { PeerSample } from '../../domain/status/types.js';

/** The apply effect of the wizard machine. */
export type ApplyRequest = Extract<WizardEffect, { kind: 'apply' }>;

/** A trial that is running: it reverts at `deadline` unless confirmed. */
export interface TrialStarted {
  /** Epoch ms, on the same clock as {@link WizardClock}. */
  deadline: number;
  timeoutSeconds: number;
  backupId: string;
  /** How the revert is armed, for the screen ("systemd timer" / "watchdog process"). */
  watchdog: string;
}

/** Why an apply did not start: each problem with its fix, or one message. */
export class ApplyProblems extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'ApplyProblems';
  }
}

/** The tunnel as the trial screen shows it. */
export interface TunnelView {
  up: boolean;
  listenPort: number | undefined;
  peers: readonly PeerSample[];
}

/** The side effects the wizard needs. */
export interface WizardServices {
  /** Create the key file for IFACE; resolves to its public key. Rejects with a readable message. */
  generateKey(iface: string): Promise<string>;
  /** Write the key/psk files, preflight, plan and apply as a trial. Progress goes to `log`. */
  apply(request: ApplyRequest, log: (line: string) => void): Promise<TrialStarted>;
  /** Keep the trial of IFACE. */
  confirm(iface: string): Promise<void>;
  /** Undo the trial of IFACE now; resolves to a one-line summary. */
  revert(iface: string): Promise<string>;
  /** True while a trial of IFACE is pending (false once the watchdog reverted it). */
  trialPending(iface: string): Promise<boolean>;
  /** The tunnel's state (`wg show <if> dump`, without keys). */
  tunnelState(iface: string): Promise<TunnelView>;
  /** The text of files on disk (undefined when missing), for the review diff. */
  readFiles(paths: readonly string[]): Promise<Record<string, string | undefined>>;
  /** True when TEXT is this gateway's own private key (pasted where a public key goes). */
  isOwnPrivateKey(iface: string, text: string): Promise<boolean>;
  /** QR module matrix for TEXT, or undefined when no encoder is available. */
  qrMatrix(text: string): boolean[][] | undefined;
}

/** The one clock of the wizard: time, and one timer that ticks while someone listens. */
export interface WizardClock {
  now(): number;
  /** Call `listener` on every tick (about once a second) until the returned function is called. */
  subscribe(listener: () => void): () => void;
}
