/**
 * The live panel's reducer: `reduce(model, sample, now)` → next model.
 *
 * Rules (what the panel promises):
 * - Rates come from counter deltas over the time between two samples (`sample.at`). A peer's
 *   first sample has no rate. Counters that go down mean the peer or interface was re-created:
 *   no rate for that tick (never a negative one), a gap in the history, a `counter-reset` event.
 * - State comes from the handshake age against `now`: up ≤ 135 s < stale ≤ 180 s < down; `never`
 *   until a handshake is seen, `down` if it disappears after one was seen. Hysteresis: the very
 *   first sample of a peer sets its state directly; after that a new state is shown only once two
 *   consecutive samples agree on it, so one odd sample never flaps the state. Each change is logged.
 * - With `noReplyDown`, a peer whose tx grew while rx stood still for longer than keepalive + 3 s
 *   (25 s assumed when off) is `down` at once, its silence in `noReplyS`: that window already
 *   spans many agreeing samples, so it needs no second one. A reply lifts it (two samples again).
 * - Peers are ordered by configured name (unnamed after named), then public key. Peers missing
 *   from a sample are removed (and logged, as are peers that appear later).
 * - Nothing is mutated. Parts that did not change visibly (values rounded to their displayed
 *   precision, ages in whole seconds) keep their references; `version` rises only when some
 *   visible part changed. Work per tick is one pass over the peers; the order is re-sorted only
 *   when the set of peers changes.
 */
import { cpuView, interfaceView, linkView, loadView, memView, tempView, throttledView } from './host-view.js';
import {
  EVENT_LOG_LENGTH,
  type PanelEvent,
  type PanelModel,
  type PeerTrack,
  type PeerView,
} from './panel-model.js';
import { stepOut, stepPeer, type StepContext } from './peer-step.js';
import type { Sample } from './types.js';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Order of the peer list: named peers by name, then unnamed; ties by public key. */
export function comparePeers(a: PeerView, b: PeerView): number {
  if (a.name !== undefined && b.name !== undefined) {
    const byName = collator.compare(a.name, b.name);
    if (byName !== 0) return byName;
  } else if (a.name !== undefined) return -1;
  else if (b.name !== undefined) return 1;
  return a.publicKey < b.publicKey ? -1 : a.publicKey > b.publicKey ? 1 : 0;
}

function appendEvents(log: readonly PanelEvent[], added: readonly PanelEvent[]): readonly PanelEvent[] {
  if (added.length === 0) return log;
  const all = log.concat(added);
  return all.length > EVENT_LOG_LENGTH ? all.slice(all.length - EVENT_LOG_LENGTH) : all;
}

/** Fold one sample into the model. `now` is the wall clock in ms (for handshake ages and events). */
export function reduce(model: PanelModel, sample: Sample, now: number): PanelModel {
  const internal = model.internal;
  const first = internal.at === undefined;
  const dt = first ? 0 : (sample.at - (internal.at as number)) / 1000;
  const events: PanelEvent[] = [];
  const ctx: StepContext = { at: now, dt, nowS: now / 1000, events, noReplyDown: internal.noReplyDown };
  const oldPeers = model.peers;
  const n = sample.peers.length;

  // Fast path: same set of peers as last tick, so the order is unchanged.
  let sameSet = n === oldPeers.length;
  for (let i = 0; i < n && sameSet; i++)
    sameSet = internal.index.has((sample.peers[i] as { publicKey: string }).publicKey);

  let peers: readonly PeerView[] = oldPeers;
  let tracks: readonly PeerTrack[] = internal.tracks;
  let index = internal.index;
  if (sameSet) {
    let nextPeers: PeerView[] | undefined;
    let nextTracks: PeerTrack[] | undefined;
    for (let i = 0; i < n; i++) {
      const p = sample.peers[i]!;
      const j = index.get(p.publicKey)!;
      const prev = oldPeers[j]!;
      const track = internal.tracks[j]!;
      stepPeer(prev, track, p, prev.name, ctx);
      if (stepOut.view !== prev) (nextPeers ??= oldPeers.slice())[j] = stepOut.view!;
      if (stepOut.track !== track) (nextTracks ??= internal.tracks.slice())[j] = stepOut.track!;
    }
    if (nextPeers) peers = nextPeers;
    if (nextTracks) tracks = nextTracks;
  } else {
    const rows: { view: PeerView; track: PeerTrack }[] = [];
    const seen = new Set<string>();
    for (const p of sample.peers) {
      if (seen.has(p.publicKey)) continue; // WireGuard never repeats a key; be safe anyway
      seen.add(p.publicKey);
      const j = index.get(p.publicKey);
      const name = internal.names.get(p.publicKey);
      if (j === undefined && !first) events.push({ at: now, kind: 'added', publicKey: p.publicKey, name });
      stepPeer(
        j === undefined ? undefined : oldPeers[j],
        j === undefined ? undefined : internal.tracks[j],
        p,
        name,
        ctx,
      );
      rows.push({ view: stepOut.view!, track: stepOut.track! });
    }
    for (const old of oldPeers) {
      if (!seen.has(old.publicKey)) {
        events.push({ at: now, kind: 'removed', publicKey: old.publicKey, name: old.name });
      }
    }
    rows.sort((a, b) => comparePeers(a.view, b.view));
    peers = rows.map((r) => r.view);
    tracks = rows.map((r) => r.track);
    index = new Map(peers.map((v, i) => [v.publicKey, i]));
  }

  const next: PanelModel = {
    version: model.version,
    peers,
    events: appendEvents(model.events, events),
    interface: interfaceView(model.interface, sample.interface),
    link: linkView(model.link, internal.link, sample.link, dt),
    cpu: cpuView(model.cpu, internal.cpu, sample.cpu),
    mem: memView(model.mem, sample.mem),
    load: loadView(model.load, sample.load),
    temp: tempView(sample.temp),
    throttled: throttledView(model.throttled, sample.throttled),
    internal: {
      names: internal.names,
      noReplyDown: internal.noReplyDown,
      tracks,
      index,
      at: sample.at,
      cpu: sample.cpu,
      link: sample.link,
    },
  };
  const visible =
    next.peers !== model.peers ||
    next.events !== model.events ||
    next.interface !== model.interface ||
    next.link !== model.link ||
    next.cpu !== model.cpu ||
    next.mem !== model.mem ||
    next.load !== model.load ||
    next.temp !== model.temp ||
    next.throttled !== model.throttled;
  return visible ? { ...next, version: model.version + 1 } : next;
}

/** Replace the configured peer names (e.g. after the site file changed); re-sorts the peers. */
export function withPeerNames(model: PanelModel, names: ReadonlyMap<string, string>): PanelModel {
  const rows = model.peers.map((view, i) => ({
    view: view.name === names.get(view.publicKey) ? view : { ...view, name: names.get(view.publicKey) },
    track: model.internal.tracks[i]!,
  }));
  rows.sort((a, b) => comparePeers(a.view, b.view));
  const peers = rows.map((r) => r.view);
  return {
    ...model,
    version: model.version + 1,
    peers,
    internal: {
      ...model.internal,
      names,
      tracks: rows.map((r) => r.track),
      index: new Map(peers.map((v, i) => [v.publicKey, i])),
    },
  };
}
