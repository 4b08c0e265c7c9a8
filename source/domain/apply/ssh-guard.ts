/** Refusing a plan that would route the admin's own SSH connection into the tunnel. Pure. */
import { cidrContains, parseIp, type Cidr, type IpAddress } from '../cidr.js';
import type { Site } from '../site/model.js';

/** The SSH client's address from `$SSH_CONNECTION` ("client port server port"), if any. */
export function sshClientAddress(env: Record<string, string | undefined>): IpAddress | undefined {
  const first = env.SSH_CONNECTION?.trim().split(/\s+/)[0];
  if (!first) return undefined;
  try {
    return parseIp(first.replace(/%.*$/, ''), 'SSH_CONNECTION');
  } catch {
    return undefined;
  }
}

/** One prefix that the plan sends into the tunnel, and which part of the site file puts it there. */
export interface TunnelPrefix {
  cidr: Cidr;
  field: string;
}

/** Every prefix that would be routed via the WireGuard interface: its own subnet and all AllowedIPs. */
export function tunnelPrefixes(site: Site): TunnelPrefix[] {
  const out: TunnelPrefix[] = [{ cidr: site.tunnel.address.network, field: 'tunnel.address' }];
  site.peers.forEach((peer, i) => {
    const bits = peer.tunnelAddress.version === 4 ? 32 : 128;
    out.push({
      cidr: {
        version: peer.tunnelAddress.version,
        network: peer.tunnelAddress.value,
        prefix: bits,
        text: `${peer.tunnelAddress.text}/${bits}`,
      },
      field: `peers[${i}].tunnelAddress`,
    });
    peer.subnets.forEach((cidr, j) => out.push({ cidr, field: `peers[${i}].subnets[${j}]` }));
  });
  return out;
}

/**
 * The prefixes of the plan that contain the SSH client, i.e. would take its route away from the
 * interface it arrives on now. Empty when there is no SSH client, or when it already arrives through
 * this very interface (managing the gateway over the tunnel is fine: that route does not change).
 */
export function sshTakeover(
  site: Site,
  client: IpAddress | undefined,
  currentRouteDevice: string | undefined,
): TunnelPrefix[] {
  if (!client || currentRouteDevice === site.interface) return [];
  return tunnelPrefixes(site).filter((p) => cidrContains(p.cidr, client));
}
