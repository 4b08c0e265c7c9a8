/**
 * Shapes of the health checks: the facts they read (gathered by source/system/checks) and the
 * result each one gives. Nothing here holds a private or preshared key.
 */
import type { Site } from '../site/model.js';
import type { DeviceStatus } from '../status/types.js';
import type { EvidenceState } from './evidence.js';
import type { KeyFileFact } from './key-files.js';
import type { NftRuleset } from './nft-json.js';
import type { IptablesSave } from './iptables-save.js';

/** Outcome of one check. `warn` does not make `wg-site check` fail; `fail` does. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One check's verdict: a one-line reason and, when something is wrong, a one-line fix. */
export interface CheckResult {
  /** Stable identifier, e.g. `forwarding` or `handshake:site-b` (used as the metrics label). */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly reason: string;
  /** The exact command (or edit) that repairs it, where one exists. */
  readonly fix?: string;
}

/** One network interface from `ip -j addr`. */
export interface LinkFact {
  readonly name: string;
  /** Administratively up (the UP flag). */
  readonly up: boolean;
  readonly mtu: number | undefined;
  /** Addresses with prefix, e.g. `10.99.0.0/31`. */
  readonly addresses: readonly string[];
}

/** One route from `ip -j route show table all` (IPv4) or `ip -j -6 route show table all`. */
export interface RouteFact {
  /** Normalised prefix (`192.168.12.0/24`, `10.99.0.1/32`), or `default`. */
  readonly dst: string;
  readonly dev: string | undefined;
  /** `main`, `local` or a number as text. */
  readonly table: string;
  /** `unicast`, `local`, `broadcast`, `unreachable`, … */
  readonly type: string;
  readonly metric: number;
}

/** Clock synchronisation as far as it can be told without privileges or adjtimex. */
export interface ClockFact {
  /** True/false when known; undefined when nothing could tell. */
  readonly synced: boolean | undefined;
  readonly source: 'timedatectl' | 'timesyncd' | 'unknown';
}

/** Result of the path-MTU probe toward one peer's tunnel address. */
export interface MtuProbe {
  readonly publicKey: string;
  readonly target: string;
  /** The tunnel interface's MTU (the size probed first). */
  readonly tunnelMtu: number;
  /** Whether a small ping was answered at all. */
  readonly smallOk: boolean;
  /** Whether a ping of exactly the tunnel MTU (DF set) was answered. */
  readonly fullOk: boolean;
  /** When the full size failed: the largest probed packet size (bytes, IP header included) that worked. */
  readonly largestOk?: number;
}

/** Everything the checks read, gathered in one go. Missing parts mean "could not be read". */
export interface CheckFacts {
  readonly iface: string;
  /** Wall clock, ms. */
  readonly now: number;
  /** The site file apply stored (`/etc/wg-site/<if>.json`), when present and valid. */
  readonly site: Site | undefined;
  /** Why the site file is missing or unusable, for the checks that need it. */
  readonly siteProblem: string | undefined;
  readonly device: DeviceStatus | undefined;
  readonly deviceProblem: string | undefined;
  readonly links: readonly LinkFact[] | undefined;
  readonly routes: readonly RouteFact[] | undefined;
  /** Raw `/proc/sys` values (trimmed), undefined when unreadable. */
  readonly sysctl: {
    readonly ipv4Forward: string | undefined;
    readonly ipv6Forward: string | undefined;
    /** rp_filter by interface name, including `all`. */
    readonly rpFilter: Readonly<Record<string, number>>;
  };
  /** Text of `/etc/sysctl.d/90-wg-site-<if>.conf`, undefined when absent. */
  readonly sysctlFile: string | undefined;
  /** `nft -j list ruleset`, undefined when nft is missing or failed (see nftProblem). */
  readonly nft: NftRuleset | undefined;
  readonly nftProblem: string | undefined;
  /** The ruleset wg-site would load (planned from the site, else the installed .nft file). */
  readonly expectedNft: string | undefined;
  /** `iptables-legacy-save`, when that binary exists. */
  readonly legacy: IptablesSave | undefined;
  readonly clock: ClockFact;
  /** Counter evidence accumulated over earlier samples (already updated with this one). */
  readonly evidence: EvidenceState;
  /** Path-MTU probes, when they were run (slow cadence). */
  readonly mtu: readonly MtuProbe[] | undefined;
  /** The private key file and the site's preshared key files, with their mode and owner. */
  readonly keyFiles: readonly KeyFileFact[] | undefined;
}
