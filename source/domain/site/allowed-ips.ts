import { cidrFrom, type Cidr } from '../cidr.js';
import type { SitePeer } from './model.js';

/**
 * A peer's AllowedIPs: the far gateway's tunnel address as a host prefix, then its LAN subnets.
 * The one definition used by the plan, the apply verification and the route reconciling.
 */
export function peerAllowedIps(peer: SitePeer): Cidr[] {
  const { version, value } = peer.tunnelAddress;
  return [cidrFrom(version, value, version === 4 ? 32 : 128), ...peer.subnets];
}
