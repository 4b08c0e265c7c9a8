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

/**
 * The nftables table that holds all of wg-site's rules for one interface: `wg_site_` and the
 * interface name, where `=` is written `/e` and `+` is written `/p` (nft identifiers allow letters,
 * digits and `_ . - /`, and `/` never occurs in an interface name). One table per interface and one
 * interface per table: `wg-a` and `wg_a` get `wg_site_wg-a` and `wg_site_wg_a`; wg0 keeps `wg_site_wg0`.
 */
export function firewallTableName(iface: string): string {
  return `wg_site_${iface.replace(/[=+]/g, (ch) => (ch === '=' ? '/e' : '/p'))}`;
}

/**
 * The table name versions before the injective form gave IFACE (every character but letters, digits
 * and `_` became `_`, so `wg-a` and `wg_a` shared one). Only to recognise and report what they left.
 */
export function legacyFirewallTableName(iface: string): string {
  return `wg_site_${iface.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Longest iptables chain name (the kernel's 29 bytes, NUL included). */
export const MAX_IPTABLES_CHAIN = 28;

/** What each of wg-site's iptables chains is for: input, forward, MSS clamping, masquerade. */
export type IptablesChainRole = 'IN' | 'FWD' | 'MSS' | 'NAT';

/**
 * The iptables chain of one role for one interface. Names of lower-case letters, digits and `_` keep
 * the first form, `WGS-<NAME IN CAPITALS>-<role>` (wg0: `WGS-WG0-FWD`); any other name is kept as it
 * is after `wgs-`, so case and `- . = +` stay distinct. No role is the end of another, so no two
 * (interface, role) pairs share a chain; the longest is 23 characters.
 */
export function iptablesChainName(iface: string, role: IptablesChainRole): string {
  const stem = /^[a-z0-9_]+$/.test(iface) ? `WGS-${iface.toUpperCase()}` : `wgs-${iface}`;
  return `${stem}-${role}`;
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
