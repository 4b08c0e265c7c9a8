/** Per-peer checks: handshake freshness, counter evidence ("no reply"), path MTU. */
import { DOWN_AFTER_S, STALE_AFTER_S } from '../status/panel-model.js';
import type { PeerSample } from '../status/types.js';
import { livePeers, peerLabel, result } from './common.js';
import { silentFor } from './evidence.js';
import type { CheckFacts, CheckResult } from './types.js';

function endpointHint(facts: CheckFacts, p: PeerSample): string {
  const configured = facts.site?.peers.find((s) => s.publicKey === p.publicKey)?.endpoint?.text;
  if (configured && configured !== p.endpoint)
    return `wg set ${facts.iface} peer ${p.publicKey} endpoint ${configured}`;
  return `wg show ${facts.iface} (compare keys with the far gateway; check UDP ${p.endpoint ?? 'port'} is reachable)`;
}

/** Handshake age per peer: fail when down (> 180 s) or never, warn when stale (> 135 s). */
export function handshakeChecks(facts: CheckFacts): CheckResult[] {
  const nowS = facts.now / 1000;
  return livePeers(facts).map((p) => {
    const label = peerLabel(facts, p.publicKey);
    const id = `handshake:${label}`;
    const title = `Handshake with ${label}`;
    if (p.latestHandshake === 0) return result(id, title, 'fail', 'no handshake yet', endpointHint(facts, p));
    const age = Math.max(0, Math.floor(nowS - p.latestHandshake));
    if (age > DOWN_AFTER_S)
      return result(id, title, 'fail', `down: last handshake ${age} s ago`, endpointHint(facts, p));
    if (age > STALE_AFTER_S)
      return result(id, title, 'warn', `stale: last handshake ${age} s ago`, endpointHint(facts, p));
    return result(id, title, 'pass', `up: last handshake ${age} s ago`);
  });
}

/** Counter evidence per peer: we kept sending, nothing came back for longer than keepalive + 5 s. */
export function replyChecks(facts: CheckFacts): CheckResult[] {
  return livePeers(facts).map((p) => {
    const label = peerLabel(facts, p.publicKey);
    const id = `reply:${label}`;
    const title = `Replies from ${label}`;
    const ev = facts.evidence[p.publicKey];
    const silent = silentFor(ev, p, facts.now, p.persistentKeepalive);
    if (silent !== undefined) {
      const sent = p.txBytes - (ev?.txAtRxSeen ?? p.txBytes);
      return result(
        id,
        title,
        'fail',
        `no reply for ${silent} s (${sent} bytes sent meanwhile)`,
        endpointHint(facts, p),
      );
    }
    if (!ev) return result(id, title, 'pass', 'no unanswered traffic seen');
    const quiet = Math.floor((facts.now - ev.rxSeenAt) / 1000);
    return result(id, title, 'pass', `no unanswered traffic (rx last grew ${quiet} s ago)`);
  });
}

/** Path MTU per peer, from the probe: big packets lost while small ones pass means a black hole. */
export function mtuChecks(facts: CheckFacts): CheckResult[] {
  return (facts.mtu ?? []).map((m) => {
    const label = peerLabel(facts, m.publicKey);
    const id = `mtu:${label}`;
    const title = `Path MTU to ${label}`;
    if (!m.smallOk) return result(id, title, 'warn', `${m.target} does not answer ping, path MTU unknown`);
    if (m.fullOk) return result(id, title, 'pass', `${m.tunnelMtu}-byte packets reach ${m.target}`);
    const fit = m.largestOk;
    return result(
      id,
      title,
      'fail',
      `${m.tunnelMtu}-byte packets to ${m.target} are lost, small ones pass${fit ? `; ${fit} bytes fit` : ''}: the path MTU is below the tunnel MTU`,
      fit
        ? `ip link set dev ${facts.iface} mtu ${fit} (and set tunnel.mtu = ${fit} in the site file)`
        : `ip link set dev ${facts.iface} mtu 1280`,
    );
  });
}
