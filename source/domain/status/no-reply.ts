/**
 * "No reply" evidence from a peer's byte counters: we keep sending (our tx grows) while nothing
 * comes back (rx stands still) for longer than the far side's keepalive allows. WireGuard answers
 * any data with a keepalive within ~10 s (passive keepalive) and a side with PersistentKeepalive
 * sends one at least every interval, so rx silence past keepalive + margin while our tx grew
 * means the far side is not answering — long before the handshake ages to "down" (180 s).
 */

/** Keepalive assumed (s) when the peer has none set but has had traffic. */
export const DEFAULT_KEEPALIVE_S = 25;
/** Slack (s) over the keepalive interval before silence counts as "no reply". */
export const NO_REPLY_MARGIN_S = 3;

/** Counter bookkeeping for the evidence, kept per peer between ticks. */
export interface ReplyTrack {
  /** Best estimate (ms) of when rx last grew (or the peer was first seen / counters restarted). */
  readonly rxAt: number;
  /** Our tx grew at some tick since `rxAt`. */
  readonly txSince: boolean;
}

/** Silence window (s) after which a peer with keepalive `keepalive` counts as not replying. */
export function noReplyAfterS(keepalive: number | undefined): number {
  return (keepalive ?? DEFAULT_KEEPALIVE_S) + NO_REPLY_MARGIN_S;
}

/**
 * Next bookkeeping after one tick. `at` is this tick (ms), `dt` the seconds since the previous
 * one. The rx increase seen now happened somewhere in the last `dt`; its time is taken as the
 * middle of that interval (capped at 1 s back), so silence is not rounded up to whole ticks.
 */
export function stepReply(
  prev: ReplyTrack | undefined,
  rxGrew: boolean,
  txGrew: boolean,
  at: number,
  dt: number,
): ReplyTrack {
  if (prev === undefined) return { rxAt: at, txSince: false };
  if (rxGrew) return { rxAt: at - Math.min(Math.max(dt, 0), 2) * 500, txSince: false };
  if (txGrew && !prev.txSince) return { rxAt: prev.rxAt, txSince: true };
  return prev;
}

/**
 * Whole seconds of unanswered silence when the evidence holds, else undefined. Only for a peer
 * that has received something at some point (`rxBytes > 0`): a peer never heard from is "never".
 */
export function noReplySeconds(
  track: ReplyTrack,
  at: number,
  rxBytes: number,
  keepalive: number | undefined,
): number | undefined {
  if (!track.txSince || rxBytes <= 0) return undefined;
  const silentS = (at - track.rxAt) / 1000;
  return silentS > noReplyAfterS(keepalive) ? Math.floor(silentS) : undefined;
}
