/**
 * IPv4 and IPv6 addresses and CIDR prefixes, with bigint arithmetic.
 *
 * Decisions:
 * - A bare address given where a prefix is expected (`parseCidr('10.0.0.1')`) means a single host:
 *   /32 for IPv4, /128 for IPv6 — the same reading `wg` gives AllowedIPs.
 * - IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) are refused with a hint to write the plain IPv4
 *   address: WireGuard routes IPv4 and IPv6 separately, so a mapped form never matches IPv4 traffic.
 * - Zone ids (`fe80::1%eth0`) are refused: routes and AllowedIPs have no zone.
 */
import { AddressError } from './errors.js';
import { bitsOf, formatIpv4, formatIpv6, parseIpv4Value, parseIpv6Value, type IpVersion } from './ip-text.js';
import { shown } from './shown-text.js';

export type { IpVersion } from './ip-text.js';
export { bitsOf } from './ip-text.js';

/** One IP address. `text` is normalised (dotted quad, or RFC 5952 for IPv6). */
export interface IpAddress {
  version: IpVersion;
  value: bigint;
  text: string;
}

/** A network prefix with no host bits set. `text` is normalised `network/prefix`. */
export interface Cidr {
  version: IpVersion;
  network: bigint;
  prefix: number;
  text: string;
}

/** Format an address number of the given version as normalised text. */
export function formatIp(version: IpVersion, value: bigint): string {
  return version === 4 ? formatIpv4(value) : formatIpv6(value);
}

/** Build an {@link IpAddress} from a number. */
export function ipFrom(version: IpVersion, value: bigint): IpAddress {
  return { version, value, text: formatIp(version, value) };
}

function masksOf(version: IpVersion): bigint[] {
  const bits = BigInt(bitsOf(version));
  const all = (1n << bits) - 1n;
  return Array.from({ length: bitsOf(version) + 1 }, (_, p) => (all << (bits - BigInt(p))) & all);
}

/** Every prefix mask, made once: comparing prefixes is the inner loop of checking a large site. */
const MASKS: Record<IpVersion, bigint[]> = { 4: masksOf(4), 6: masksOf(6) };

/** Mask of the network bits of a prefix. */
export function prefixMask(version: IpVersion, prefix: number): bigint {
  const bits = BigInt(bitsOf(version));
  return MASKS[version][prefix] ?? (((1n << bits) - 1n) << (bits - BigInt(prefix))) & ((1n << bits) - 1n);
}

/** Build a {@link Cidr}, clearing any host bits of `value`. */
export function cidrFrom(version: IpVersion, value: bigint, prefix: number): Cidr {
  const network = value & prefixMask(version, prefix);
  return { version, network, prefix, text: `${formatIp(version, network)}/${prefix}` };
}

function checkShape(text: string, field: string, what: string): string {
  const t = text.trim();
  if (t === '')
    throw new AddressError(field, `${what} is empty; write one like 192.168.1.0/24 or 2001:db8::/64.`);
  if (/[\s,;]/.test(t)) {
    throw new AddressError(
      field,
      `${shown(t)} holds more than one value; give one per entry, and where a list is accepted separate the entries with commas (10.0.0.0/24, 10.1.0.0/24).`,
    );
  }
  if (t.includes('%')) {
    throw new AddressError(
      field,
      `${shown(t)} has a zone id ("%..."); zone ids are not allowed here, write the address without it.`,
    );
  }
  return t;
}

function parseAddressText(t: string, field: string): IpAddress {
  if (t.startsWith('[') || t.endsWith(']')) {
    throw new AddressError(field, `${shown(t)}: write the address without square brackets.`);
  }
  if (t.includes(':')) {
    const value = parseIpv6Value(t, field);
    if (value >> 32n === 0xffffn) {
      throw new AddressError(
        field,
        `${shown(t)} is an IPv4-mapped IPv6 address; write the plain IPv4 address ${formatIpv4(value & 0xffffffffn)} instead.`,
      );
    }
    return ipFrom(6, value);
  }
  if (/^[\d.]+$/.test(t)) return ipFrom(4, parseIpv4Value(t, field));
  throw new AddressError(
    field,
    `${shown(t)} is not an IP address; write IPv4 like 192.168.1.10 or IPv6 like 2001:db8::1 (host names are not allowed here).`,
  );
}

/** Parse one IP address (no prefix). @throws AddressError naming `field`. */
export function parseIp(text: string, field = 'address'): IpAddress {
  const t = checkShape(text, field, 'Address');
  if (t.includes('/')) {
    throw new AddressError(
      field,
      `${shown(t)} has a prefix length; write just the address, like ${t.split('/')[0]}.`,
    );
  }
  return parseAddressText(t, field);
}

function parsePrefix(text: string, whole: string, version: IpVersion, field: string): number {
  const max = bitsOf(version);
  if (!/^\d+$/.test(text)) {
    throw new AddressError(
      field,
      `${shown(whole)}: the prefix length ${shown(text)} must be a whole number from 0 to ${max}.`,
    );
  }
  const n = Number(text);
  if (n > max || (text.length > 1 && text.startsWith('0'))) {
    throw new AddressError(
      field,
      `${shown(whole)}: prefix /${text} is not valid for IPv${version}; it must be 0 to ${max} without leading zeros.`,
    );
  }
  return n;
}

function splitPrefixed(text: string, field: string, what: string): { address: IpAddress; prefix: number } {
  const t = checkShape(text, field, what);
  const parts = t.split('/');
  if (parts.length > 2)
    throw new AddressError(field, `${shown(t)} has more than one "/"; write one like 10.0.0.0/24.`);
  const address = parseAddressText(parts[0]!, field);
  const prefix =
    parts.length === 2 ? parsePrefix(parts[1]!, t, address.version, field) : bitsOf(address.version);
  return { address, prefix };
}

/**
 * Parse a CIDR prefix such as `192.168.1.0/24` or `2001:db8::/32`. A bare address means /32 or /128.
 * @throws AddressError naming `field`; when host bits are set the message suggests the network.
 */
export function parseCidr(text: string, field = 'cidr'): Cidr {
  const { address, prefix } = splitPrefixed(text, field, 'Prefix');
  const cidr = cidrFrom(address.version, address.value, prefix);
  if (cidr.network !== address.value) {
    throw new AddressError(
      field,
      `${shown(text.trim())} has host bits set after /${prefix}; did you mean ${cidr.text}?`,
    );
  }
  return cidr;
}

/** Parse a comma-separated list of prefixes (wg-quick style: `10.0.0.0/24, 10.1.0.0/24`). */
export function parseCidrList(text: string, field = 'cidrs'): Cidr[] {
  if (text.trim() === '') return [];
  return text.split(',').map((entry, i) => {
    const item = `${field}[${i}]`;
    if (entry.trim() === '') {
      throw new AddressError(
        item,
        `Entry ${i + 1} of ${shown(text.trim())} is empty; remove the extra comma.`,
      );
    }
    return parseCidr(entry, item);
  });
}

/** An interface address with its prefix, e.g. `192.168.1.10/24` (host bits allowed and expected). */
export interface InterfaceAddress {
  address: IpAddress;
  prefix: number;
  network: Cidr;
}

/** Parse an interface address like wg-quick's `Address = 10.0.0.1/31`; bare means /32 or /128. */
export function parseInterfaceAddress(text: string, field = 'address'): InterfaceAddress {
  const { address, prefix } = splitPrefixed(text, field, 'Address');
  return { address, prefix, network: cidrFrom(address.version, address.value, prefix) };
}

function isCidr(x: Cidr | IpAddress): x is Cidr {
  return 'network' in x;
}

/** True when `inner` (a prefix or address) lies entirely inside `outer`. Different versions never match. */
export function cidrContains(outer: Cidr, inner: Cidr | IpAddress): boolean {
  if (outer.version !== inner.version) return false;
  const [value, prefix] = isCidr(inner)
    ? [inner.network, inner.prefix]
    : [inner.value, bitsOf(inner.version)];
  return prefix >= outer.prefix && (value & prefixMask(outer.version, outer.prefix)) === outer.network;
}

/** True when two prefixes share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** True when two prefixes are the same network. */
export function cidrEquals(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network === b.network && a.prefix === b.prefix;
}

/** Netmask text: dotted quad for IPv4 (`255.255.255.0`), `/len` for IPv6. */
export function netmaskOf(cidr: Cidr): string {
  return cidr.version === 4 ? formatIpv4(prefixMask(4, cidr.prefix)) : `/${cidr.prefix}`;
}

/** Number of addresses in the prefix (all of them, network and broadcast included). */
export function hostCount(cidr: Cidr): bigint {
  return 1n << BigInt(bitsOf(cidr.version) - cidr.prefix);
}

/** First address of the prefix (the network address). */
export function firstAddress(cidr: Cidr): IpAddress {
  return ipFrom(cidr.version, cidr.network);
}

/** Last address of the prefix (the broadcast address for IPv4). */
export function lastAddress(cidr: Cidr): IpAddress {
  return ipFrom(cidr.version, cidr.network + hostCount(cidr) - 1n);
}

/** Order for stable sorting: IPv4 before IPv6, then by network, then shorter prefix first. */
export function compareCidr(a: Cidr, b: Cidr): number {
  if (a.version !== b.version) return a.version - b.version;
  if (a.network !== b.network) return a.network < b.network ? -1 : 1;
  return a.prefix - b.prefix;
}
