/**
 * Values the wizard proposes: the free tunnel pair, the far end of a tunnel address, the LAN subnet
 * of the gateway's LAN address, this gateway's endpoint, keepalive behind NAT, and the MTU.
 */
import { parseCidr, parseCidrList, parseInterfaceAddress, type Cidr } from '../cidr.js';
import { chooseMtu, type MtuChoice } from '../plan/mtu.js';
import { siteNameFromHostName } from '../names.js';
import { NAT_KEEPALIVE } from '../pairing/site-from-pairing.js';
import { otherTunnelEnd, proposeTunnelAddresses } from '../tunnel-addressing.js';
import { isPrivateAddress } from './site-file.js';
import type { WizardHostFacts, WizardState } from './types.js';

function parsedOr<T>(parse: () => T, fallback: T): T {
  try {
    return parse();
  } catch {
    return fallback;
  }
}

/** The uplink's interfaces: those of the default routes (IPv4 and IPv6). */
export function uplinksOf(facts: WizardHostFacts): Set<string> {
  const all = [...(facts.uplinkInterfaces ?? []), ...(facts.uplinkInterface ? [facts.uplinkInterface] : [])];
  return new Set(all);
}

/** The LAN interface and address to propose: the detected ones, unless they are the uplink's. */
export function proposeLan(facts: WizardHostFacts): { lanInterface: string; lanAddress: string } {
  if (facts.lanInterface !== undefined && uplinksOf(facts).has(facts.lanInterface)) {
    return { lanInterface: '', lanAddress: '' };
  }
  return { lanInterface: facts.lanInterface ?? '', lanAddress: facts.lanAddress ?? '' };
}

/** Connected subnets that may be offered as LAN subnets: every one not on an uplink interface. */
export function lanSubnetChoices<T extends { dev: string }>(
  connected: readonly T[],
  uplinks: Set<string>,
): T[] {
  return connected.filter((c) => !uplinks.has(c.dev));
}

/**
 * The site name to propose: the host name as a site name (see siteNameFromHostName), else one made
 * from the LAN subnet (`lan-192-168-1`), else none.
 */
export function proposeSiteName(hostname: string | undefined, lanSubnet: string | undefined): string {
  const fromHost = hostname === undefined ? undefined : siteNameFromHostName(hostname);
  if (fromHost !== undefined) return fromHost;
  const v4 = lanSubnet === undefined ? undefined : /^(\d+)\.(\d+)\.(\d+)\.\d+\//.exec(lanSubnet);
  return v4 ? `lan-${v4[1]}-${v4[2]}-${v4[3]}` : '';
}

/** The first free /31 outside the LAN subnets and the host's routes; undefined when every pool is used. */
export function proposeTunnel(
  lanSubnets: string,
  facts: WizardHostFacts,
): { local: string; remote: string } | undefined {
  const taken: Cidr[] = [
    ...parsedOr(() => parseCidrList(lanSubnets, 'lan.subnets'), []),
    ...(facts.routes ?? []).flatMap((r) => parsedOr(() => [parseCidr(r)], [])),
  ];
  return parsedOr(() => {
    const p = proposeTunnelAddresses(taken);
    return { local: p.localInterfaceAddress, remote: p.remote.text };
  }, undefined);
}

/** The other end of a /31 or /30 tunnel address, if it has one. */
export function farEndOf(tunnelAddress: string): string | undefined {
  return parsedOr(() => otherTunnelEnd(tunnelAddress)?.text, undefined);
}

/** The network of a LAN address such as 192.168.1.10/24. */
export function subnetOf(lanAddress: string): string | undefined {
  return parsedOr(() => parseInterfaceAddress(lanAddress).network.text, undefined);
}

/** True when the uplink address is known and private: this side dials out through NAT. */
export function behindNat(facts: WizardHostFacts): boolean {
  return facts.uplinkAddress !== undefined && isPrivateAddress(facts.uplinkAddress);
}

/** `address:port` for a public uplink address; empty when the address is private or unknown. */
export function proposeOwnEndpoint(facts: WizardHostFacts, port: string): string {
  const address = facts.uplinkAddress;
  if (address === undefined || isPrivateAddress(address) || !/^\d+$/.test(port.trim())) return '';
  return address.includes(':') ? `[${address}]:${port.trim()}` : `${address}:${port.trim()}`;
}

/** The keepalive proposal: 25 s behind NAT, otherwise off. */
export function proposeKeepalive(facts: WizardHostFacts): string {
  return behindNat(facts) ? String(NAT_KEEPALIVE) : '';
}

/** The tunnel MTU and why: the admin's value when the field holds a number, else derived from the uplink. */
export function mtuChoiceOf(state: WizardState): MtuChoice {
  const text = state.fields.mtu.trim();
  const proposed = chooseMtu(undefined, state.facts.uplinkMtu, state.facts.uplinkInterface);
  if (!/^\d+$/.test(text) || Number(text) === proposed.mtu) return proposed;
  return chooseMtu(Number(text), state.facts.uplinkMtu, state.facts.uplinkInterface);
}
