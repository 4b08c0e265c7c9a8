/**
 * What the setup wizard's screens get from, and ask of, the outside world: the host report of the
 * detect step, the side effects ({@link WizardServices}) and the one clock ({@link WizardClock}).
 * Plain types shared by the system layer, which implements them (source/system/wizard/), and the UI,
 * which uses them (source/ui/wizard/); neither imports the other. Nothing here returns a private key.
 */
import type { Plan } from '../plan/plan.js';
import type { ProbeReply } from '../apply/far-answer.js';
import type { Site } from '../site/model.js';
import type { PeerSample } from '../status/types.js';
import type { SiteFileJson } from '../pairing/site-from-pairing.js';
import type { WizardEffect, WizardHostFacts } from './types.js';

/** One network interface as `ip -j addr` shows it. */
export interface HostInterface {
  name: string;
  state: string;
  mtu: number | undefined;
  /** Addresses with prefix, IPv4 first. */
  addresses: string[];
}

/** A problem found on the host and what fixes it. */
export interface HostProblem {
  message: string;
  fix: string;
}

/** Everything the detect step shows. */
export interface HostReport {
  interfaces: HostInterface[];
  defaultRoute: { gateway?: string; dev?: string } | undefined;
  /** Subnets the kernel routes directly (scope link), the LAN subnets to choose from. */
  connected: Array<{ subnet: string; dev: string }>;
  wireguard: 'kernel' | 'wireguard-go' | 'missing';
  tools: { wg: boolean; wgQuick: boolean };
  backend: 'nft' | 'iptables' | 'none';
  /** net.ipv4.ip_forward, when readable. */
  forwarding: boolean | undefined;
  /** Existing wg-quick files, offered for import. */
  configs: string[];
  /** Where the SSH session of the admin comes from ($SSH_CONNECTION). */
  sshClient: string | undefined;
  root: boolean;
  problems: HostProblem[];
}

/** The site file found on the host for the interface, checked with checkSiteText. */
export interface ExistingSiteFile {
  /** e.g. /etc/wg-site/wg0.json */
  path: string;
  /** The checked site, when the file is sound; the wizard then edits it. */
  site: Site | undefined;
  /** What is wrong with it (empty when sound); the wizard then starts from the host. */
  problems: string[];
}

/** Facts for the machine, and the report for the screen. */
export interface WizardHost {
  facts: WizardHostFacts;
  report: HostReport;
  /** The interface's existing site file, when there is one. */
  existingSite?: ExistingSiteFile;
}

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

/** What the review step asks for: the site file as it stands, and the files to compare with. */
export interface ReviewRequest {
  siteFile: SiteFileJson;
  /** The imported wg-quick file, whose lines the plan carries over. */
  previousWgQuick: string | undefined;
  /** Files on disk to show the diff against. */
  paths: readonly string[];
}

/** The review: the plan apply would carry out now (or why it cannot), and the files on disk. */
export interface ReviewResult {
  planned: { plan: Plan } | { problems: string[] };
  onDisk: Record<string, string | undefined>;
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
  /**
   * Send one ping to ADDRESS (the far tunnel address) and report the answer. Through the tunnel this
   * makes WireGuard handshake; the trial sends one a second so the tunnel wakes by itself.
   */
  probeFar(address: string): Promise<ProbeReply>;
  /** The tunnel's state (`wg show <if> dump`, without keys). */
  tunnelState(iface: string): Promise<TunnelView>;
  /** Plan the site file exactly as apply will (facts detected now) and read the files on disk. */
  review(request: ReviewRequest): Promise<ReviewResult>;
  /**
   * The text of a wg-quick file to import. Rejects with a sentence naming the path when it is
   * missing, not a regular file, too large or not UTF-8 text.
   */
  readImport(path: string): Promise<string>;
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
