/**
 * `m` in the panel: the path-MTU probe of the checks (pings with DF set through the tunnel) toward the
 * selected peer, turned into advice: the tunnel MTU to set and the TCP MSS that goes with it.
 */
import type { MtuProbe } from '../../domain/checks/types.js';
import { probeMtu } from '../checks/mtu-probe.js';
import {
  farTunnelAddress,
  needPeer,
  storedSite,
  tunnelMtu,
  type ActionDeps,
  type ActionPeer,
} from './context.js';

/** IPv4 + TCP headers: the MSS that fits an MTU is MTU − 40. */
const TCP4_OVERHEAD = 40;

/** One line of advice from a probe. */
export function describeMtuProbe(p: MtuProbe): string {
  if (!p.smallOk) return `${p.target} does not answer ping: path MTU unknown`;
  if (p.fullOk) return `path MTU ${p.tunnelMtu} OK (${p.tunnelMtu}-byte packets reach ${p.target})`;
  if (p.largestOk !== undefined)
    return `${p.tunnelMtu} dropped, ${p.largestOk} passes: set tunnel.mtu ${p.largestOk} (MSS ${p.largestOk - TCP4_OVERHEAD})`;
  return `${p.tunnelMtu} dropped and nothing down to 1200 passes: set tunnel.mtu 1280 (MSS ${1280 - TCP4_OVERHEAD}) and check the path`;
}

/** Build the MTU-probe action. */
export function mtuAction(deps: ActionDeps): (peer: ActionPeer | undefined) => Promise<string> {
  return async (selected) => {
    const peer = needPeer(selected);
    const site = await storedSite(deps.files, deps.iface);
    const target = farTunnelAddress(site, peer);
    if (target === undefined || target.includes(':'))
      throw new Error('the peer has no IPv4 tunnel address to probe');
    const mtu = await tunnelMtu(deps);
    const probe = await probeMtu(
      deps.runner,
      {
        publicKey: peer.publicKey,
        hasPresharedKey: false,
        endpoint: peer.endpoint,
        allowedIps: [`${target}/32`],
        latestHandshake: 0,
        rxBytes: 0,
        txBytes: 0,
        persistentKeepalive: undefined,
      },
      mtu,
    );
    if (probe === undefined) throw new Error(`cannot probe ${target}`);
    return describeMtuProbe(probe);
  };
}
