/**
 * The stable JSON shape of `wg-site status --json` (version 1). Public keys only: no private or
 * preshared key is ever part of it (a peer only says whether it has a preshared key).
 */
import { classify } from '../status/peer-step.js';
import type { PeerState } from '../status/panel-model.js';
import type { PeerSample } from '../status/types.js';
import { peerName } from './common.js';
import type { CheckFacts, CheckResult } from './types.js';

/** One peer in `status --json`. */
export interface StatusPeerJson {
  /** Name from the site file, matched by public key; null when the site file does not list it. */
  name: string | null;
  publicKey: string;
  /** The endpoint WireGuard uses now (`host:port`, `[v6]:port`), null when unknown. */
  endpoint: string | null;
  /** The endpoint the site file configures (may be a DNS name), null when none. */
  configuredEndpoint: string | null;
  /** Unix time (s) of the latest handshake; null when there was none. */
  latestHandshake: number | null;
  /** Seconds since then; null when there was none. */
  handshakeAgeSeconds: number | null;
  /** `up` ≤ 135 s, `stale` ≤ 180 s, `down` older, `never` no handshake. */
  state: PeerState;
  rxBytes: number;
  txBytes: number;
  /** PersistentKeepalive, seconds; null when off. */
  persistentKeepalive: number | null;
  hasPresharedKey: boolean;
  allowedIps: string[];
}

/** `wg-site status --json`. */
export interface StatusJson {
  /** Shape version; bumped only on incompatible changes. */
  version: 1;
  interface: string;
  /** Time of the snapshot, ISO 8601. */
  at: string;
  /** The site's name from the site file, null without one. */
  site: string | null;
  /** The interface's public key, null when unknown. */
  publicKey: string | null;
  /** UDP listen port, null when the interface could not be read. */
  listenPort: number | null;
  peers: StatusPeerJson[];
  checks: CheckResult[];
  summary: { pass: number; warn: number; fail: number };
}

/** One peer's JSON. */
export function peerJson(facts: CheckFacts, p: PeerSample): StatusPeerJson {
  const age =
    p.latestHandshake > 0 ? Math.max(0, Math.floor(facts.now / 1000 - p.latestHandshake)) : undefined;
  const configured = facts.site?.peers.find((s) => s.publicKey === p.publicKey)?.endpoint?.text;
  return {
    name: peerName(facts, p.publicKey) ?? null,
    publicKey: p.publicKey,
    endpoint: p.endpoint ?? null,
    configuredEndpoint: configured ?? null,
    latestHandshake: p.latestHandshake > 0 ? p.latestHandshake : null,
    handshakeAgeSeconds: age ?? null,
    state: classify(age, false),
    rxBytes: p.rxBytes,
    txBytes: p.txBytes,
    persistentKeepalive: p.persistentKeepalive ?? null,
    hasPresharedKey: p.hasPresharedKey,
    allowedIps: [...p.allowedIps],
  };
}

/** Build the whole status document from gathered facts and check results. */
export function statusJson(facts: CheckFacts, checks: readonly CheckResult[]): StatusJson {
  const count = (s: CheckResult['status']) => checks.filter((c) => c.status === s).length;
  return {
    version: 1,
    interface: facts.iface,
    at: new Date(facts.now).toISOString(),
    site: facts.site?.name ?? null,
    publicKey: facts.device?.interface.publicKey ?? null,
    listenPort: facts.device?.interface.listenPort ?? null,
    peers: (facts.device?.peers ?? []).map((p) => peerJson(facts, p)),
    checks: [...checks],
    summary: { pass: count('pass'), warn: count('warn'), fail: count('fail') },
  };
}
