import {
  bitsOf,
  cidrContains,
  cidrEquals,
  cidrFrom,
  cidrsOverlap,
  formatIp,
  lastAddress,
  type Cidr,
  type InterfaceAddress,
  type IpAddress,
} from '../cidr.js';
import { at, AddressError, DuplicateError, OverlapError, type InputError } from '../errors.js';
import { suggestSplitRoute } from '../split-route.js';
import { PrefixIndex } from './prefix-index.js';
import type { Site } from './model.js';

/** A prefix some field of the site file routes to a peer. */
interface Claim {
  cidr: Cidr;
  field: string;
  peer: string;
  /** Index of the peer in `peers`. */
  index: number;
  /** True for the peer's own tunnel address (which may lie inside its LAN when the tunnel is /32). */
  tunnel: boolean;
}

/**
 * The network or broadcast address of an IPv4 subnet of /30 or wider cannot be a host's address
 * (a /31 has neither, RFC 3021). Returns the problem's words, or undefined when the address is usable.
 */
function unusableIpv4(address: IpAddress, subnet: Cidr): string | undefined {
  if (address.version !== 4 || subnet.prefix > 30 || !cidrContains(subnet, address)) return undefined;
  const last = lastAddress(subnet);
  const what =
    address.value === subnet.network ? 'network' : address.value === last.value ? 'broadcast' : undefined;
  if (!what) return undefined;
  const first = formatIp(4, subnet.network + 1n);
  const end = formatIp(4, last.value - 1n);
  return `${address.text} is the ${what} address of ${subnet.text}; use one of ${first}–${end}`;
}

function checkLanSubnets(site: Site, problems: InputError[]): void {
  const subnets = site.lan.subnets;
  subnets.forEach((lan, i) => {
    const field = `lan.subnets[${i}]`;
    const earlier = subnets.findIndex((other, j) => j < i && cidrsOverlap(lan, other));
    if (earlier < 0) return;
    const other = subnets[earlier]!;
    problems.push(
      cidrEquals(lan, other)
        ? new DuplicateError(field, `${field} ${lan.text} repeats lan.subnets[${earlier}]; list it once.`)
        : new OverlapError(
            field,
            `${field} ${lan.text} overlaps lan.subnets[${earlier}] ${other.text}; list only the wider one.`,
          ),
    );
  });
}

function checkOwnTunnel(site: Site, problems: InputError[]): void {
  const own: InterfaceAddress = site.tunnel.address;
  site.lan.subnets.forEach((lan, i) => {
    if (cidrsOverlap(lan, own.network)) {
      problems.push(
        new OverlapError(
          'tunnel.address',
          `tunnel.address ${own.network.text} overlaps the LAN subnet ${lan.text} (lan.subnets[${i}]); pick a tunnel range outside every LAN.`,
        ),
      );
    }
  });
  const unusable = unusableIpv4(own.address, own.network);
  if (unusable) problems.push(new AddressError('tunnel.address', `tunnel.address ${unusable}.`));
  if (site.lan.address && !site.lan.subnets.some((s) => cidrContains(s, site.lan.address!.address))) {
    problems.push(
      new AddressError(
        'lan.address',
        `lan.address ${site.lan.address.address.text} is not inside any of lan.subnets (${site.lan.subnets.map((s) => s.text).join(', ')}); the gateway must sit on its LAN.`,
      ),
    );
  }
}

/** Check one peer's tunnel address against this gateway's tunnel address and LANs. */
function checkPeerTunnel(site: Site, address: IpAddress, field: string, problems: InputError[]): void {
  const own = site.tunnel.address;
  const subnet = own.network;
  // A host-length tunnel address (two /32s or /128s) has no shared subnet: the far address is
  // reached through the route AllowedIPs installs, so it only has to differ and stay off the LANs.
  const hostLength = own.prefix === bitsOf(own.address.version);
  if (address.value === own.address.value && address.version === own.address.version) {
    problems.push(
      new DuplicateError(
        field,
        `${field} ${address.text} is this gateway's own tunnel address; the far end needs another address${hostLength ? '' : ` of ${subnet.text}`}.`,
      ),
    );
  } else if (hostLength && address.version !== own.address.version) {
    problems.push(
      new AddressError(
        field,
        `${field} ${address.text} is IPv${address.version} but tunnel.address ${own.address.text} is IPv${own.address.version}; use one IP version for both ends.`,
      ),
    );
  } else if (!hostLength && !cidrContains(subnet, address)) {
    problems.push(
      new AddressError(
        field,
        `${field} ${address.text} is not in this gateway's tunnel subnet ${subnet.text}; both ends need addresses in one subnet.`,
      ),
    );
  } else if (hostLength) {
    const lan = site.lan.subnets.find((s) => cidrContains(s, address));
    if (lan)
      problems.push(
        new OverlapError(
          field,
          `${field} ${address.text} lies inside this site's LAN subnet ${lan.text}; pick a tunnel address outside every LAN.`,
        ),
      );
  } else {
    const unusable = unusableIpv4(address, subnet);
    if (unusable) problems.push(new AddressError(field, `${field} ${unusable}.`));
  }
}

/**
 * Refuse a prefix that overlaps one already claimed by a peer (WireGuard keeps only the last),
 * naming the first such claim.
 */
function checkClaim(claim: Claim, claimed: PrefixIndex<Claim>, problems: InputError[]): void {
  const other = claimed.firstOverlapping(
    claim.cidr,
    (o) => !(o.index === claim.index && (o.tunnel || claim.tunnel)),
  );
  if (other) {
    const same = cidrEquals(claim.cidr, other.cidr);
    const who = other.index === claim.index ? 'this peer' : `peer "${other.peer}"`;
    const { field, cidr } = claim;
    const message = same
      ? `${field} ${cidr.text} is already claimed by ${who} (${other.field}); WireGuard would silently give it to the last peer.`
      : `${field} ${cidr.text} overlaps ${other.cidr.text} claimed by ${who} (${other.field}); WireGuard would route the overlap to only one of them.`;
    problems.push(same ? new DuplicateError(field, message) : new OverlapError(field, message));
  }
  claimed.add(claim);
}

/** Checks that involve several fields: overlaps, duplicates, the shared tunnel subnet. */
export function crossCheck(site: Site, problems: InputError[]): void {
  const tunnelSubnet = site.tunnel.address.network;
  checkLanSubnets(site, problems);
  checkOwnTunnel(site, problems);
  const claimed = new PrefixIndex<Claim>();
  const names = new Map<string, number>();
  const keys = new Map<string, number>();
  site.peers.forEach((peer, p) => {
    const base = `peers[${p}]`;
    if (names.has(peer.name))
      problems.push(
        new DuplicateError(
          at(base, 'name'),
          `${at(base, 'name')} "${peer.name}" is already used by peers[${names.get(peer.name)}]; give each peer its own name.`,
        ),
      );
    else names.set(peer.name, p);
    if (keys.has(peer.publicKey))
      problems.push(
        new DuplicateError(
          at(base, 'publicKey'),
          `${at(base, 'publicKey')} is the same key as peers[${keys.get(peer.publicKey)}].publicKey; each far gateway has its own key.`,
        ),
      );
    else keys.set(peer.publicKey, p);
    const tunnelField = at(base, 'tunnelAddress');
    checkPeerTunnel(site, peer.tunnelAddress, tunnelField, problems);
    const { version, value } = peer.tunnelAddress;
    checkClaim(
      {
        cidr: cidrFrom(version, value, bitsOf(version)),
        field: tunnelField,
        peer: peer.name,
        index: p,
        tunnel: true,
      },
      claimed,
      problems,
    );
    peer.subnets.forEach((far, k) => {
      const field = at(base, `subnets[${k}]`);
      site.lan.subnets.forEach((lan) => {
        if (!cidrsOverlap(far, lan)) return;
        const split = suggestSplitRoute(far, [lan]);
        const hint = split ? ` ${split.explanation}` : '';
        problems.push(
          new OverlapError(
            field,
            `${field} ${far.text} overlaps this site's LAN subnet ${lan.text}; the two LANs need different subnets.${hint}`,
          ),
        );
      });
      if (cidrsOverlap(far, tunnelSubnet)) {
        problems.push(
          new OverlapError(
            field,
            `${field} ${far.text} overlaps the tunnel subnet ${tunnelSubnet.text}; pick a tunnel range outside every LAN.`,
          ),
        );
      }
      checkClaim({ cidr: far, field, peer: peer.name, index: p, tunnel: false }, claimed, problems);
    });
  });
}
