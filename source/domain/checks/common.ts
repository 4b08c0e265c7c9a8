/** Small helpers shared by the checks. */
import type { PeerSample } from '../status/types.js';
import type { CheckFacts, CheckResult, CheckStatus } from './types.js';

/** Build a result; `fix` is left out when undefined so JSON stays tidy. */
export function result(
  id: string,
  title: string,
  status: CheckStatus,
  reason: string,
  fix?: string,
): CheckResult {
  return fix === undefined || status === 'pass'
    ? { id, title, status, reason }
    : { id, title, status, reason, fix };
}

/** The configured name of a peer (from the site file), if any. */
export function peerName(facts: CheckFacts, publicKey: string): string | undefined {
  return facts.site?.peers.find((p) => p.publicKey === publicKey)?.name;
}

/** How a peer is called in ids and reasons: its configured name, else the first 8 key characters. */
export function peerLabel(facts: CheckFacts, publicKey: string): string {
  return peerName(facts, publicKey) ?? publicKey.slice(0, 8);
}

/** Peers from the live device (empty when it could not be read). */
export function livePeers(facts: CheckFacts): readonly PeerSample[] {
  return facts.device?.peers ?? [];
}

/** True when the site (or, without one, the live AllowedIPs) uses IPv6 anywhere. */
export function usesIpv6(facts: CheckFacts): boolean {
  const site = facts.site;
  if (site) {
    return (
      [...site.lan.subnets, site.tunnel.address.network, ...site.peers.flatMap((p) => p.subnets)].some(
        (c) => c.version === 6,
      ) || site.peers.some((p) => p.tunnelAddress.version === 6)
    );
  }
  return livePeers(facts).some((p) => p.allowedIps.some((a) => a.includes(':')));
}

/** The LAN interface: from the site file, else undefined. */
export function lanInterface(facts: CheckFacts): string | undefined {
  return facts.site?.lan.interface;
}
