/**
 * The engine of `wg-site watch`: one tick samples the interface, prints transitions (peer state,
 * endpoint changes, "no reply" evidence) with timestamps, and re-resolves DDNS endpoints of peers
 * whose handshake is older than 135 s, setting the new address with `wg set` when it changed.
 */
import { lookup } from 'node:dns/promises';
import { silentFor, updateEvidence, type EvidenceState } from '../../domain/checks/evidence.js';
import { pathsFor } from '../../domain/plan/context.js';
import type { Site } from '../../domain/site/model.js';
import { checkSiteText } from '../../domain/site/validate.js';
import { createPanelModel, STALE_AFTER_S, type PanelModel } from '../../domain/status/panel-model.js';
import { reduce, withPeerNames } from '../../domain/status/reducer.js';
import type { PeerSample } from '../../domain/status/types.js';
import type { Sampler } from '../sample/sampler.js';
import type { CollectIo } from './collect.js';

/** Resolves a host name to its addresses (behind an interface so tests need no DNS). */
export interface Resolver {
  resolve(host: string): Promise<string[]>;
}

/** The real resolver: the system's resolver (getaddrinfo), every address. */
export const systemResolver: Resolver = {
  async resolve(host) {
    return (await lookup(host, { all: true })).map((a) => a.address);
  },
};

/** What the watcher needs. */
export interface WatcherDeps extends CollectIo {
  readonly iface: string;
  readonly sampler: Sampler;
  readonly resolver: Resolver;
  /** One output line (without newline). */
  readonly print: (line: string) => void;
}

/** Minimum time between two lookups of one peer's name. */
export const RESOLVE_EVERY_MS = 30_000;

function hostOf(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  const m = /^\[(.*)\]:\d+$/.exec(endpoint) ?? /^(.*):\d+$/.exec(endpoint);
  return m?.[1];
}

/** What one re-resolve of a DDNS endpoint found and did. */
export type ReresolveOutcome =
  | { readonly kind: 'lookup-failed'; readonly host: string; readonly error: string }
  | { readonly kind: 'no-address'; readonly host: string }
  | { readonly kind: 'unchanged'; readonly host: string; readonly address: string }
  | {
      readonly kind: 'set';
      readonly host: string;
      readonly address: string;
      readonly target: string;
      readonly previous: string | undefined;
    }
  | {
      readonly kind: 'set-failed';
      readonly host: string;
      readonly address: string;
      readonly target: string;
      readonly error: string;
    };

/**
 * Look the configured host name up and, when the endpoint WireGuard uses is not among its addresses,
 * set the first address with `wg set <if> peer <key> endpoint <addr:port>`. Used by the watch loop
 * (for stale peers) and by the panel's re-resolve key (on demand).
 */
export async function reresolveEndpoint(
  deps: { readonly runner: CollectIo['runner']; readonly resolver: Resolver },
  iface: string,
  peer: { readonly publicKey: string; readonly endpoint: string | undefined },
  configured: { readonly host: string; readonly port: number },
): Promise<ReresolveOutcome> {
  const host = configured.host;
  let addresses: string[];
  try {
    addresses = await deps.resolver.resolve(host);
  } catch (error) {
    return { kind: 'lookup-failed', host, error: (error as Error).message };
  }
  const inUse = hostOf(peer.endpoint);
  const first = addresses[0];
  if (first === undefined) return { kind: 'no-address', host };
  if (inUse !== undefined && addresses.includes(inUse)) return { kind: 'unchanged', host, address: inUse };
  const target = first.includes(':') ? `[${first}]:${configured.port}` : `${first}:${configured.port}`;
  const r = await deps.runner.run('wg', ['set', iface, 'peer', peer.publicKey, 'endpoint', target], {
    timeoutMs: 5000,
  });
  if (r.exitCode === 0) return { kind: 'set', host, address: first, target, previous: peer.endpoint };
  return {
    kind: 'set-failed',
    host,
    address: first,
    target,
    error: r.stderr.trim() || `exit ${r.exitCode}`,
  };
}

/** A running watch: call {@link Watcher.tick} once per interval. */
export interface Watcher {
  tick(): Promise<void>;
}

/** Build a watcher. The site file (peer names, DDNS names) is re-read every minute. */
export function createWatcher(deps: WatcherDeps): Watcher {
  const { iface, print } = deps;
  let model: PanelModel = createPanelModel();
  let site: Site | undefined;
  let siteReadAt = -Infinity;
  let evidence: EvidenceState = {};
  const silent = new Set<string>();
  const endpoints = new Map<string, string | undefined>();
  const resolvedAt = new Map<string, number>();
  const stamp = () => new Date(deps.clock.now()).toISOString();
  const label = (key: string) => site?.peers.find((p) => p.publicKey === key)?.name ?? `${key.slice(0, 8)}…`;
  const say = (text: string) => print(`${stamp()} ${iface} ${text}`);

  async function refreshSite(now: number): Promise<void> {
    if (now - siteReadAt < 60_000) return;
    siteReadAt = now;
    const text = await deps.files.read(pathsFor(iface).site).catch(() => undefined);
    site = text === undefined ? undefined : checkSiteText(text).site;
    model = withPeerNames(model, new Map((site?.peers ?? []).map((p) => [p.publicKey, p.name])));
  }

  async function reresolve(p: PeerSample, now: number): Promise<void> {
    const configured = site?.peers.find((s) => s.publicKey === p.publicKey)?.endpoint;
    if (!configured || configured.kind !== 'hostname') return;
    const age = p.latestHandshake > 0 ? now / 1000 - p.latestHandshake : Infinity;
    if (age <= STALE_AFTER_S) return;
    if (now - (resolvedAt.get(p.publicKey) ?? -Infinity) < RESOLVE_EVERY_MS) return;
    resolvedAt.set(p.publicKey, now);
    const r = await reresolveEndpoint(deps, iface, p, configured);
    const who = `peer ${label(p.publicKey)}`;
    if (r.kind === 'lookup-failed') say(`${who}: cannot resolve ${r.host}: ${r.error}`);
    else if (r.kind === 'set')
      say(
        `${who}: ${r.host} now resolves to ${r.address}; endpoint set to ${r.target} (was ${r.previous ?? 'none'})`,
      );
    else if (r.kind === 'set-failed') say(`${who}: wg set endpoint ${r.target} failed: ${r.error}`);
  }

  return {
    async tick() {
      const now = deps.clock.now();
      await refreshSite(now);
      const sample = await deps.sampler.sample();
      const before = model.events;
      model = reduce(model, sample, now);
      const fresh = model.events.filter((e) => !before.includes(e));
      for (const e of fresh) {
        if (e.kind === 'state') say(`peer ${label(e.publicKey)} ${e.from} -> ${e.to}`);
        else if (e.kind === 'added') say(`peer ${label(e.publicKey)} added`);
        else if (e.kind === 'removed') say(`peer ${label(e.publicKey)} removed`);
      }
      evidence = updateEvidence(evidence, sample.peers, now);
      for (const p of sample.peers) {
        const first = !endpoints.has(p.publicKey);
        if (first)
          say(
            `peer ${label(p.publicKey)} ${model.peers.find((v) => v.publicKey === p.publicKey)?.state ?? 'seen'}, endpoint ${p.endpoint ?? 'none'}`,
          );
        else if (endpoints.get(p.publicKey) !== p.endpoint)
          say(
            `peer ${label(p.publicKey)} endpoint ${endpoints.get(p.publicKey) ?? 'none'} -> ${p.endpoint ?? 'none'}`,
          );
        endpoints.set(p.publicKey, p.endpoint);
        const quiet = silentFor(evidence[p.publicKey], p, now, p.persistentKeepalive);
        if (quiet !== undefined && !silent.has(p.publicKey)) {
          silent.add(p.publicKey);
          say(`peer ${label(p.publicKey)} no reply for ${quiet} s`);
        } else if (quiet === undefined && silent.delete(p.publicKey))
          say(`peer ${label(p.publicKey)} replies again`);
        await reresolve(p, now);
      }
    },
  };
}
