/**
 * One peer, one tick: rates from counter deltas, bounded history, handshake age and the stable
 * (hysteresis) state. Returns the previous objects whenever nothing changed, so the reducer can
 * keep references.
 */
import { displayRound } from './format.js';
import {
  DOWN_AFTER_S,
  HISTORY_LENGTH,
  STALE_AFTER_S,
  type PanelEvent,
  type PeerState,
  type PeerTrack,
  type PeerView,
} from './panel-model.js';
import { noReplySeconds, stepReply } from './no-reply.js';
import type { PeerSample } from './types.js';

const EMPTY: readonly number[] = [];

/** The tick-wide inputs of {@link stepPeer}. */
export interface StepContext {
  /** Sample time, ms. */
  readonly at: number;
  /** Seconds since the previous sample; ≤ 0 means "no rate this tick". */
  readonly dt: number;
  /** Wall clock, seconds, for handshake ages. */
  readonly nowS: number;
  /** Events found this tick are pushed here. */
  readonly events: PanelEvent[];
  /** Counter evidence of "no reply" makes the state `down` (see no-reply.ts). */
  readonly noReplyDown: boolean;
}

/** Result slots of {@link stepPeer} (reused; copy out before the next call). */
export const stepOut: { view: PeerView | undefined; track: PeerTrack | undefined } = {
  view: undefined,
  track: undefined,
};

/** State from the handshake age alone (before hysteresis). */
export function classify(age: number | undefined, everUp: boolean): PeerState {
  if (age === undefined) return everUp ? 'down' : 'never';
  if (age > DOWN_AFTER_S) return 'down';
  if (age > STALE_AFTER_S) return 'stale';
  return 'up';
}

/**
 * Append `value` to a bounded history. Returns `history` itself when the result would look the
 * same: the history is full and every entry already equals `value` (an idle peer stays idle).
 */
export function pushHistory(history: readonly number[], value: number): readonly number[] {
  const n = history.length;
  if (n === HISTORY_LENGTH && value === history[n - 1]) {
    let uniform = true;
    for (let i = 0; i < n && uniform; i++) uniform = history[i] === value;
    if (uniform) return history;
  }
  const drop = n >= HISTORY_LENGTH ? n - HISTORY_LENGTH + 1 : 0;
  const next = new Array<number>(n - drop + 1);
  for (let i = drop; i < n; i++) next[i - drop] = history[i] as number;
  next[n - drop] = value;
  return next;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameView(a: PeerView, b: PeerView): boolean {
  return (
    a.name === b.name &&
    a.endpoint === b.endpoint &&
    a.allowedIps === b.allowedIps &&
    a.hasPresharedKey === b.hasPresharedKey &&
    a.persistentKeepalive === b.persistentKeepalive &&
    a.state === b.state &&
    a.handshakeAge === b.handshakeAge &&
    a.rxRate === b.rxRate &&
    a.txRate === b.txRate &&
    a.rxTotal === b.rxTotal &&
    a.txTotal === b.txTotal &&
    a.rxHistory === b.rxHistory &&
    a.txHistory === b.txHistory &&
    a.counterResetAt === b.counterResetAt &&
    a.noReplyS === b.noReplyS
  );
}

/**
 * Advance one peer. `prev`/`track` are undefined for a peer not seen before (its state is then
 * set directly). Hysteresis: a different state is adopted only when the previous sample already
 * classified the peer the same way (two consecutive samples agree); otherwise it is held as
 * `pending` and the shown state stays.
 */
export function stepPeer(
  prev: PeerView | undefined,
  track: PeerTrack | undefined,
  p: PeerSample,
  name: string | undefined,
  ctx: StepContext,
): void {
  const hs = p.latestHandshake;
  const age = hs > 0 ? Math.max(0, Math.floor(ctx.nowS - hs)) : undefined;
  const everUp = (track?.everUp ?? false) || hs > 0;
  const reset = track !== undefined && (p.rxBytes < track.rxBytes || p.txBytes < track.txBytes);
  const reply = stepReply(
    reset ? undefined : track?.reply,
    track !== undefined && p.rxBytes > track.rxBytes,
    track !== undefined && p.txBytes > track.txBytes,
    ctx.at,
    ctx.dt,
  );
  const noReplyS = noReplySeconds(reply, ctx.at, p.rxBytes, p.persistentKeepalive);
  const silent = ctx.noReplyDown && noReplyS !== undefined;
  const raw = silent ? 'down' : classify(age, track?.everUp ?? false);
  let state = raw;
  let pending: PeerState | undefined;
  let rxRate: number | undefined;
  let txRate: number | undefined;
  let rxHistory = EMPTY;
  let txHistory = EMPTY;
  let counterResetAt: number | undefined;

  if (prev !== undefined && track !== undefined) {
    state = prev.state;
    if (raw !== prev.state) {
      // Counter evidence is already confirmed by the many samples of its silence window, so it
      // needs no second sample; every other change does (two consecutive samples agree).
      if (track.pending === raw || silent) {
        state = raw;
        ctx.events.push({
          at: ctx.at,
          kind: 'state',
          publicKey: p.publicKey,
          name,
          from: prev.state,
          to: raw,
          ...(silent ? { noReplyS } : {}),
        });
      } else pending = raw;
    }
    rxRate = prev.rxRate;
    txRate = prev.txRate;
    rxHistory = prev.rxHistory;
    txHistory = prev.txHistory;
    counterResetAt = prev.counterResetAt;
    if (reset) {
      // The peer or the interface was re-created: counters restarted. No rate across the gap.
      rxRate = txRate = undefined;
      rxHistory = pushHistory(rxHistory, NaN);
      txHistory = pushHistory(txHistory, NaN);
      counterResetAt = ctx.at;
      ctx.events.push({ at: ctx.at, kind: 'counter-reset', publicKey: p.publicKey, name });
    } else if (ctx.dt > 0) {
      rxRate = displayRound(((p.rxBytes - track.rxBytes) * 8) / ctx.dt, 1000);
      txRate = displayRound(((p.txBytes - track.txBytes) * 8) / ctx.dt, 1000);
      rxHistory = pushHistory(rxHistory, rxRate);
      txHistory = pushHistory(txHistory, txRate);
    }
  }

  const view: PeerView = {
    publicKey: p.publicKey,
    name,
    endpoint: p.endpoint,
    allowedIps:
      prev !== undefined && sameList(prev.allowedIps, p.allowedIps) ? prev.allowedIps : p.allowedIps,
    hasPresharedKey: p.hasPresharedKey,
    persistentKeepalive: p.persistentKeepalive,
    state,
    handshakeAge: age,
    rxRate,
    txRate,
    rxTotal: displayRound(p.rxBytes, 1024),
    txTotal: displayRound(p.txBytes, 1024),
    rxHistory,
    txHistory,
    counterResetAt,
    noReplyS,
  };
  stepOut.view = prev !== undefined && sameView(prev, view) ? prev : view;
  stepOut.track =
    track !== undefined &&
    track.rxBytes === p.rxBytes &&
    track.txBytes === p.txBytes &&
    track.pending === pending &&
    track.everUp === everUp &&
    track.reply === reply
      ? track
      : { rxBytes: p.rxBytes, txBytes: p.txBytes, pending, everUp, reply };
}
