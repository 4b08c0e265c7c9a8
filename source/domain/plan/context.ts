import type { Cidr, InterfaceAddress } from '../cidr.js';
import type { Site } from '../site/model.js';

/** Facts about the host that planning needs but the site file may leave out. */
export interface HostFacts {
  /** MTU of the interface that carries the tunnel's UDP packets. */
  uplinkMtu?: number;
  /** Name of that interface, for the MTU reason. */
  uplinkInterface?: string;
  /** Which firewall tool the host has: nftables, or iptables as the fallback. */
  firewallBackend: 'nft' | 'iptables';
  /** The LAN interface found on the host, used when the site file names none. */
  lanInterface?: string;
  /** This gateway's LAN address with prefix, found on the host, used when the site file gives none. */
  lanAddress?: string;
  /** The LAN's existing router (default gateway), for the DHCP option 121 hint. */
  lanRouter?: string;
}

/** Everything the renderers need, with the host facts already merged into the site. */
export interface PlanContext {
  site: Site;
  lanInterface: string;
  lanAddress: InterfaceAddress;
  /** Every far prefix this gateway routes into the tunnel: peers' tunnel addresses and subnets. */
  farPrefixes: Cidr[];
  /** True when any LAN, far subnet or the tunnel is IPv6. */
  usesIpv6: boolean;
  usesIpv4: boolean;
  lanRouter: string | undefined;
}

/** The nftables table (and iptables chain prefix) that holds all of wg-site's rules for one interface. */
export function firewallTableName(iface: string): string {
  return `wg_site_${iface.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Fixed locations of everything wg-site writes for one interface. */
export function pathsFor(iface: string) {
  return {
    wgQuick: `/etc/wireguard/${iface}.conf`,
    privateKey: `/etc/wireguard/${iface}.key`,
    nft: `/etc/wireguard/${iface}.nft`,
    iptables: `/etc/wireguard/${iface}.iptables.sh`,
    sysctl: `/etc/sysctl.d/90-wg-site-${iface}.conf`,
    site: `/etc/wg-site/${iface}.json`,
  };
}
