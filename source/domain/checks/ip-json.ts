/** Reads `ip -j addr` and `ip -j route show table all` into {@link LinkFact}s and {@link RouteFact}s. */
import { cidrFrom, parseIp, type Cidr } from '../cidr.js';
import type { LinkFact, RouteFact } from './types.js';

interface IpAddrJson {
  ifname?: string;
  flags?: string[];
  mtu?: number;
  addr_info?: { family?: string; local?: string; prefixlen?: number }[];
}

interface IpRouteJson {
  dst?: string;
  dev?: string;
  table?: string;
  type?: string;
  metric?: number;
}

function list(text: string, what: string): unknown[] {
  const value = JSON.parse(text) as unknown;
  if (!Array.isArray(value)) throw new Error(`${what} did not print a JSON list`);
  return value;
}

/** Parse `ip -j addr` (or `ip -j link`: then addresses are empty). */
export function parseIpAddr(text: string): LinkFact[] {
  return (list(text, 'ip -j addr') as IpAddrJson[])
    .filter((l) => typeof l.ifname === 'string')
    .map((l) => ({
      name: l.ifname as string,
      up: (l.flags ?? []).includes('UP'),
      mtu: typeof l.mtu === 'number' ? l.mtu : undefined,
      addresses: (l.addr_info ?? [])
        .filter((a) => a.local !== undefined && a.prefixlen !== undefined)
        .map((a) => `${a.local}/${a.prefixlen}`),
    }));
}

/**
 * A prefix read leniently (host bits cleared, a bare address is a host route), or undefined when
 * the text is not an address at all.
 */
export function looseCidr(text: string): Cidr | undefined {
  const [addr = '', len] = text.split('/');
  try {
    const ip = parseIp(addr);
    const max = ip.version === 4 ? 32 : 128;
    const prefix = len === undefined ? max : Number(len);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
    return cidrFrom(ip.version, ip.value, prefix);
  } catch {
    return undefined;
  }
}

/** Normalise a route destination: `default`, or `network/prefix` (host routes get /32 or /128). */
export function normaliseDst(dst: string): string | undefined {
  return dst === 'default' ? 'default' : looseCidr(dst)?.text;
}

/** Parse `ip -j route show table all` (both families are listed). Unparseable entries are skipped. */
export function parseIpRoutes(text: string): RouteFact[] {
  const out: RouteFact[] = [];
  for (const r of list(text, 'ip -j route') as IpRouteJson[]) {
    if (typeof r.dst !== 'string') continue;
    const dst = normaliseDst(r.dst);
    if (dst === undefined) continue;
    out.push({
      dst,
      dev: r.dev,
      table: r.table ?? 'main',
      type: r.type ?? 'unicast',
      metric: typeof r.metric === 'number' ? r.metric : 0,
    });
  }
  return out;
}
