/**
 * Counter evidence for fast down detection: WireGuard answers any data packet within seconds (a
 * keepalive at the latest), and a peer with PersistentKeepalive sends at least that often. So if
 * our tx counter grew but rx did not move for longer than keepalive + 5 s, the far side is not
 * answering — known well before the 180 s handshake timeout.
 *
 * The state is small and serialisable, so one-shot commands can keep it in a file between runs.
 */
import type { PeerSample } from '../status/types.js';

/** What was last seen of one peer's counters. */
export interface PeerEvidence {
  readonly rxBytes: number;
  readonly txBytes: number;
  /** When rx was last seen to grow (or first seen), ms. */
  readonly rxSeenAt: number;
  /** The tx counter at that moment. */
  readonly txAtRxSeen: number;
}

/** Evidence by public key. */
export type EvidenceState = Readonly<Record<string, PeerEvidence>>;

/** Keepalive assumed when a peer has none configured (WireGuard's usual 25 s). */
export const DEFAULT_KEEPALIVE_S = 25;
/** Slack over the keepalive before silence counts as "no reply". */
export const REPLY_SLACK_S = 5;

/** Fold one observation of the peers into the evidence. Peers no longer present are dropped. */
export function updateEvidence(
  prev: EvidenceState,
  peers: readonly PeerSample[],
  now: number,
): EvidenceState {
  const next: Record<string, PeerEvidence> = {};
  for (const p of peers) {
    const old = prev[p.publicKey];
    const reset = old === undefined || p.rxBytes < old.rxBytes || p.txBytes < old.txBytes;
    if (reset || p.rxBytes > old.rxBytes) {
      next[p.publicKey] = { rxBytes: p.rxBytes, txBytes: p.txBytes, rxSeenAt: now, txAtRxSeen: p.txBytes };
    } else next[p.publicKey] = { ...old, txBytes: p.txBytes };
  }
  return next;
}

/**
 * Seconds without any reply while we kept sending, when that exceeds keepalive + 5 s; otherwise
 * undefined. `keepalive` is the peer's PersistentKeepalive (default {@link DEFAULT_KEEPALIVE_S}).
 */
export function silentFor(
  evidence: PeerEvidence | undefined,
  peer: PeerSample,
  now: number,
  keepalive: number | undefined,
): number | undefined {
  if (!evidence) return undefined;
  const silent = Math.floor((now - evidence.rxSeenAt) / 1000);
  const window = (keepalive && keepalive > 0 ? keepalive : DEFAULT_KEEPALIVE_S) + REPLY_SLACK_S;
  return peer.txBytes > evidence.txAtRxSeen && silent > window ? silent : undefined;
}

/** Read evidence from its JSON text; anything malformed reads as empty (it is only a cache). */
export function parseEvidence(text: string | undefined): EvidenceState {
  if (text === undefined) return {};
  try {
    const raw = JSON.parse(text) as Record<string, Partial<PeerEvidence>>;
    const out: Record<string, PeerEvidence> = {};
    for (const [key, v] of Object.entries(raw)) {
      if ([v.rxBytes, v.txBytes, v.rxSeenAt, v.txAtRxSeen].every((n) => typeof n === 'number'))
        out[key] = v as PeerEvidence;
    }
    return out;
  } catch {
    return {};
  }
}
