/**
 * The live panel's model: what the view draws, built by {@link reduce} from one sample a tick.
 *
 * Every part is immutable. A part that did not change visibly keeps its object reference from the
 * previous model, so the view can compare references (or just `version`) and skip re-rendering.
 */
import type { ReplyTrack } from './no-reply.js';
import type { CpuTimes, InterfaceStatus, LinkCounters, LoadAvg, Throttled } from './types.js';

/** Handshake older than this (s) → stale. WireGuard renews every ~2 min while traffic flows. */
export const STALE_AFTER_S = 135;
/** Handshake older than this (s) → down (the usual alert threshold). */
export const DOWN_AFTER_S = 180;
/** Rate history kept per peer and direction. */
export const HISTORY_LENGTH = 60;
/** Events kept in the log; older ones fall off. */
export const EVENT_LOG_LENGTH = 50;

/**
 * Connection state of a peer, from the age of its latest handshake:
 * `up` ≤ 135 s, `stale` > 135 s, `down` > 180 s or handshake gone after one was seen,
 * `never` no handshake seen yet. Also `down` as soon as the peer stops replying (see
 * {@link PeerView.noReplyS}).
 */
export type PeerState = 'up' | 'stale' | 'down' | 'never';

/** One peer row. Numbers are rounded to the precision they are displayed with. */
export interface PeerView {
  readonly publicKey: string;
  /** Configured name (from the site file), if any. */
  readonly name: string | undefined;
  readonly endpoint: string | undefined;
  readonly allowedIps: readonly string[];
  readonly hasPresharedKey: boolean;
  readonly persistentKeepalive: number | undefined;
  /** Stable state (see {@link reduce} for the hysteresis rule). */
  readonly state: PeerState;
  /** Seconds since the latest handshake, whole; undefined when there was none. */
  readonly handshakeAge: number | undefined;
  /** Receive rate in bit/s; undefined on the peer's first sample and right after a counter reset. */
  readonly rxRate: number | undefined;
  /** Transmit rate in bit/s; undefined like {@link PeerView.rxRate}. */
  readonly txRate: number | undefined;
  /** Bytes received, rounded like `formatBytes` prints them. */
  readonly rxTotal: number;
  /** Bytes sent, rounded like `formatBytes` prints them. */
  readonly txTotal: number;
  /** Up to {@link HISTORY_LENGTH} receive rates (bit/s), oldest first; NaN marks a gap (reset). */
  readonly rxHistory: readonly number[];
  /** Up to {@link HISTORY_LENGTH} transmit rates (bit/s), oldest first; NaN marks a gap. */
  readonly txHistory: readonly number[];
  /** When the counters last went backwards (peer or interface re-created), ms; else undefined. */
  readonly counterResetAt: number | undefined;
  /**
   * Whole seconds our tx grew while rx stood still, once that passed keepalive + 3 s (see
   * no-reply.ts): the far side is not answering, and the state is `down`. Undefined otherwise.
   */
  readonly noReplyS: number | undefined;
}

/** What happened, for the event log. */
export type PanelEventKind = 'state' | 'counter-reset' | 'added' | 'removed';

/** One entry of the event log. */
export interface PanelEvent {
  /** Wall-clock time, ms. */
  readonly at: number;
  readonly kind: PanelEventKind;
  readonly publicKey: string;
  readonly name: string | undefined;
  /** For `state`: the state left. */
  readonly from?: PeerState;
  /** For `state`: the state entered. */
  readonly to?: PeerState;
  /** For `state` → `down` on counter evidence: seconds without a reply at that moment. */
  readonly noReplyS?: number;
}

/** CPU use over the last interval, whole percent of the time on that CPU (or all CPUs). */
export interface CpuUsage {
  /** Not idle and not waiting for I/O. */
  readonly busy: number;
  /** Spent in softirq, where WireGuard's kernel crypto and packet handling mostly run. */
  readonly softirq: number;
}

/** CPU use, overall and per core (a hole for a core that was offline). */
export interface CpuView {
  readonly total: CpuUsage;
  readonly cores: readonly (CpuUsage | undefined)[];
}

/** Memory, bytes rounded like `formatBytes`. */
export interface MemView {
  readonly totalBytes: number;
  readonly availableBytes: number;
  /** 100 − available/total, whole percent. */
  readonly usedPercent: number;
}

/** Rates of the WireGuard network interface as a whole, bit/s. */
export interface LinkView {
  readonly rxRate: number;
  readonly txRate: number;
}

/** Bookkeeping for the next tick. Not for the view. */
export interface PeerTrack {
  readonly rxBytes: number;
  readonly txBytes: number;
  /** A state seen once but not yet confirmed by a second sample. */
  readonly pending: PeerState | undefined;
  /** A handshake has been seen for this peer at some point. */
  readonly everUp: boolean;
  /** Evidence for "no reply" (rx silence while our tx grows). */
  readonly reply: ReplyTrack;
}

/** Reducer state that the view does not draw. */
export interface PanelInternal {
  readonly names: ReadonlyMap<string, string>;
  /** See {@link PanelModelOptions.noReplyDown}. */
  readonly noReplyDown: boolean;
  /** Parallel to `peers`. */
  readonly tracks: readonly PeerTrack[];
  /** Public key → position in `peers`. */
  readonly index: ReadonlyMap<string, number>;
  /** Time of the previous sample, ms; undefined before the first one. */
  readonly at: number | undefined;
  readonly cpu: CpuTimes | undefined;
  readonly link: LinkCounters | undefined;
}

/** The whole panel. */
export interface PanelModel {
  /** Goes up by one whenever anything the view draws changed. */
  readonly version: number;
  /** Peers ordered by configured name (unnamed last), then public key. */
  readonly peers: readonly PeerView[];
  /** Newest last, at most {@link EVENT_LOG_LENGTH}. */
  readonly events: readonly PanelEvent[];
  readonly interface: InterfaceStatus | undefined;
  readonly link: LinkView | undefined;
  readonly cpu: CpuView | undefined;
  readonly mem: MemView | undefined;
  readonly load: LoadAvg | undefined;
  /** SoC temperature, °C rounded to 0.1. */
  readonly temp: number | undefined;
  readonly throttled: Throttled | undefined;
  readonly internal: PanelInternal;
}

/** Options for {@link createPanelModel}. */
export interface PanelModelOptions {
  /** Configured peer names by public key (base64). */
  readonly peerNames?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /**
   * Mark a peer `down` as soon as its counters show it not replying (see no-reply.ts). On for
   * the live panel; off keeps the state on handshake age alone (for readers that report the
   * silence themselves, like `wg-site watch`). `noReplyS` is filled in either way.
   */
  readonly noReplyDown?: boolean;
}

/** An empty model, before the first sample. */
export function createPanelModel(options: PanelModelOptions = {}): PanelModel {
  const names = options.peerNames;
  return {
    version: 0,
    peers: [],
    events: [],
    interface: undefined,
    link: undefined,
    cpu: undefined,
    mem: undefined,
    load: undefined,
    temp: undefined,
    throttled: undefined,
    internal: {
      names: names instanceof Map ? names : new Map(Object.entries(names ?? {})),
      noReplyDown: options.noReplyDown ?? false,
      tracks: [],
      index: new Map(),
      at: undefined,
      cpu: undefined,
      link: undefined,
    },
  };
}
