/** What one wizard frame is drawn from: the machine's state plus what only the screens keep. */
import type { ProbeTally } from '../../domain/apply/far-answer.js';
import type { WizardState } from '../../domain/wizard/types.js';
import type { Glyphs } from '../glyphs.js';
import type { Line } from '../text.js';
import type { HostReport, ReviewResult, TrialStarted, TunnelView } from '../../domain/wizard/services.js';

/** Where the apply of the apply step is. */
export type ApplyPhase =
  | { kind: 'idle' }
  | { kind: 'applying'; log: readonly string[] }
  | {
      kind: 'trial';
      trial: TrialStarted;
      log: readonly string[];
      /** Latest tunnel state; the keep prompt appears once there is one. */
      tunnel: TunnelView | undefined;
      /** The pings sent to the far tunnel address so far, to wake the tunnel and see it answer. */
      probe: ProbeTally;
      /** Clock time the prompt was first drawn; keys before it + the arming delay do not count. */
      promptAt: number | undefined;
      armed: boolean;
    }
  | { kind: 'confirming' }
  | { kind: 'reverting' };

/** Everything a frame shows. */
export interface WizardView {
  readonly state: WizardState;
  readonly report: HostReport;
  readonly glyphs: Glyphs;
  readonly width: number;
  /** Index of the focused control of the step. */
  readonly focus: number;
  /** 0: do not import; n: report.configs[n - 1]. */
  readonly importChoice: number;
  readonly pairingText: string;
  /** The far-site step shows this gateway's whole pairing code and its QR code instead of the form. */
  readonly ownCode: boolean;
  /** The far public key field holds this gateway's own private key (then it is never drawn). */
  readonly privateKeyPasted: boolean;
  /** Files on disk for the review diff; undefined while they are read. */
  readonly onDisk: Readonly<Record<string, string | undefined>> | undefined;
  /** The plan apply will carry out (planned as apply plans, with facts detected now), or its problems. */
  readonly planned: ReviewResult['planned'] | undefined;
  readonly apply: ApplyPhase;
  readonly now: number;
  readonly qrMatrix: (text: string) => boolean[][] | undefined;
}

/** A step's body, and which line holds the focused control (kept visible when scrolling). */
export interface Body {
  readonly lines: readonly Line[];
  readonly focusLine: number | undefined;
}
