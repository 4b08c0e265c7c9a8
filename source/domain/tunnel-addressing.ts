/**
 * Tunnel subnet proposals: a tiny private range used only by the two gateways, kept clear of
 * every LAN and route already in use.
 *
 * Default pools, tried in order (all RFC 1918, chosen from the top ends of the private ranges,
 * where home and office LANs rarely sit): 10.255.255.0/24, 172.31.255.0/24, 192.168.255.0/24,
 * 10.254.0.0/16. The carrier-grade NAT range 100.64.0.0/10 is deliberately not used: a gateway
 * behind CGNAT may have its WAN address there.
 *
 * Shapes:
 * - `/31` (default): both addresses of a /31 (RFC 3021), local the lower one.
 * - `/30`: the two usable hosts of a /30 (network + 1 local, network + 2 remote).
 * - `/32`: two single-host addresses; they are the two addresses of a free /31, and `subnet`
 *   reports that /31 so the pair can be checked for overlap as one block.
 */
import {
  cidrContains,
  cidrFrom,
  cidrsOverlap,
  hostCount,
  ipFrom,
  parseCidr,
  parseInterfaceAddress,
} from './cidr.js';
import type { Cidr, IpAddress } from './cidr.js';
import { AddressError, OverlapError } from './errors.js';

/** How the two tunnel addresses are laid out. */
export type TunnelShape = '/31' | '/30' | '/32';

/** A proposed pair of tunnel addresses. */
export interface TunnelProposal {
  /** The block the pair occupies (a /31 for the `/31` and `/32` shapes, a /30 for `/30`). */
  subnet: Cidr;
  local: IpAddress;
  remote: IpAddress;
  shape: TunnelShape;
  /** wg-quick `Address` value for this gateway, e.g. `10.255.255.0/31`. */
  localInterfaceAddress: string;
  /** wg-quick `Address` value for the far gateway. */
  remoteInterfaceAddress: string;
}

/** The default pools, in the order they are tried. */
export const DEFAULT_TUNNEL_POOLS: readonly Cidr[] = [
  '10.255.255.0/24',
  '172.31.255.0/24',
  '192.168.255.0/24',
  '10.254.0.0/16',
].map((text) => parseCidr(text, 'pool'));

function blockPrefix(shape: TunnelShape): number {
  return shape === '/30' ? 30 : 31;
}

/** Build the proposal for one free block. */
function proposalFor(block: Cidr, shape: TunnelShape): TunnelProposal {
  const first = shape === '/30' ? block.network + 1n : block.network;
  const local = ipFrom(4, first);
  const remote = ipFrom(4, first + 1n);
  const len = shape === '/32' ? 32 : block.prefix;
  return {
    subnet: block,
    local,
    remote,
    shape,
    localInterfaceAddress: `${local.text}/${len}`,
    remoteInterfaceAddress: `${remote.text}/${len}`,
  };
}

/**
 * Propose the first free tunnel block that overlaps none of `taken` (LAN subnets, connected
 * routes, other tunnels). IPv6 entries in `taken` are ignored; pools must be IPv4.
 * @throws AddressError for an IPv6 pool or one smaller than the block; OverlapError when every pool is full.
 */
export function proposeTunnelAddresses(
  taken: Cidr[],
  options: { shape?: TunnelShape; pool?: Cidr[] } = {},
): TunnelProposal {
  const shape = options.shape ?? '/31';
  const pools = options.pool ?? DEFAULT_TUNNEL_POOLS;
  const prefix = blockPrefix(shape);
  const size = 1n << BigInt(32 - prefix);
  const blockers = taken.filter((t) => t.version === 4);
  for (const [i, pool] of pools.entries()) {
    if (pool.version !== 4 || pool.prefix > prefix) {
      throw new AddressError(
        `pool[${i}]`,
        `Tunnel pool ${pool.text} must be an IPv4 prefix of /${prefix} or shorter to hold a ${shape} pair.`,
      );
    }
    const end = pool.network + hostCount(pool);
    let candidate = pool.network;
    while (candidate < end) {
      const block = cidrFrom(4, candidate, prefix);
      const hit = blockers.find((t) => cidrsOverlap(t, block));
      if (!hit) return proposalFor(block, shape);
      // Jump past whichever is larger: the block or the taken prefix.
      const hitEnd = hit.network + hostCount(hit);
      candidate = hitEnd > candidate + size ? hitEnd : candidate + size;
    }
  }
  throw new OverlapError(
    'tunnelSubnet',
    `No free ${shape} tunnel block in ${pools.map((p) => p.text).join(', ')}: all overlap subnets in use. Pick a tunnel subnet by hand outside every LAN.`,
  );
}

/** The network of an interface address such as `10.0.0.1/31` → `10.0.0.0/31`. */
export function tunnelSubnetOf(localInterfaceAddress: string, field = 'address'): Cidr {
  return parseInterfaceAddress(localInterfaceAddress, field).network;
}

/**
 * True when `remote` (an address, optionally with a prefix) lies in the subnet of this gateway's
 * interface address — i.e. the far tunnel IP is reachable on-link without an extra route.
 */
export function sameTunnelSubnet(localInterfaceAddress: string, remote: string): boolean {
  const subnet = tunnelSubnetOf(localInterfaceAddress, 'local');
  const far = parseInterfaceAddress(remote, 'remote').address;
  return cidrContains(subnet, far);
}

/**
 * The other end of a point-to-point tunnel address: the partner in a /31, or the other usable host
 * in a /30. Undefined for other prefix lengths, or for the network/broadcast address of a /30.
 */
export function otherTunnelEnd(localInterfaceAddress: string, field = 'address'): IpAddress | undefined {
  const { address, prefix, network } = parseInterfaceAddress(localInterfaceAddress, field);
  if (address.version !== 4) return undefined;
  if (prefix === 31) return ipFrom(4, address.value ^ 1n);
  if (prefix === 30) {
    const offset = address.value - network.network;
    if (offset === 1n) return ipFrom(4, address.value + 1n);
    if (offset === 2n) return ipFrom(4, address.value - 1n);
  }
  return undefined;
}

/**
 * Which end of a tunnel pair this gateway takes, by a rule both gateways compute alike without
 * talking to each other: the gateway whose public key sorts first (base64 text, code-unit order)
 * takes the lower address of the pair. Returns this gateway's interface address (with prefix) and
 * the far end's address (without), or undefined when `localInterfaceAddress` is not one end of a
 * /31 or /30 pair or the keys are equal.
 */
export function tunnelEndByKeys(
  localInterfaceAddress: string,
  ownPublicKey: string,
  farPublicKey: string,
): { local: string; remote: string } | undefined {
  if (ownPublicKey === farPublicKey) return undefined;
  const { address, prefix } = parseInterfaceAddress(localInterfaceAddress, 'address');
  const other = otherTunnelEnd(localInterfaceAddress);
  if (other === undefined) return undefined;
  const [lower, upper] = address.value < other.value ? [address, other] : [other, address];
  const [mine, theirs] = ownPublicKey < farPublicKey ? [lower, upper] : [upper, lower];
  return { local: `${mine.text}/${prefix}`, remote: theirs.text };
}
