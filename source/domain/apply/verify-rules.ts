/** Comparing what the kernel reports after apply with what was planned. Pure. */
import { cidrContains, parseCidr, type Cidr } from '../cidr.js';
import { peerAllowedIps } from '../site/allowed-ips.js';
import type { Site } from '../site/model.js';

/** The peers and AllowedIPs a site plans for its interface, keyed by public key. */
export function plannedPeers(site: Site): Map<string, string[]> {
  return new Map(site.peers.map((peer) => [peer.publicKey, peerAllowedIps(peer).map((c) => c.text)]));
}

function normalise(text: string): string | undefined {
  try {
    return parseCidr(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`).text;
  } catch {
    return undefined;
  }
}

/**
 * Differences between the planned peers and the ones WireGuard reports (public key → AllowedIPs).
 * Empty when they match exactly (order does not matter).
 */
export function peerDifferences(
  planned: Map<string, string[]>,
  actual: ReadonlyArray<{ publicKey: string; allowedIps: readonly string[] }>,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const peer of actual) {
    seen.add(peer.publicKey);
    const want = planned.get(peer.publicKey);
    if (!want) {
      out.push(`unexpected peer ${peer.publicKey}`);
      continue;
    }
    const got = peer.allowedIps.map((a) => normalise(a) ?? a).sort();
    const exp = want.map((a) => normalise(a) ?? a).sort();
    if (got.join(',') !== exp.join(',')) {
      out.push(
        `peer ${peer.publicKey} has AllowedIPs ${got.join(', ') || '(none)'}, planned ${exp.join(', ')}`,
      );
    }
  }
  for (const key of planned.keys()) if (!seen.has(key)) out.push(`planned peer ${key} is missing`);
  return out;
}

/** A route as `ip -j route show dev X` prints it. */
export interface RouteEntry {
  dst: string;
  protocol?: string;
}

/** The route's destination as a prefix (`default` → /0, bare address → host prefix). */
export function routeCidr(route: RouteEntry, version: 4 | 6): Cidr | undefined {
  if (route.dst === 'default') return parseCidr(version === 4 ? '0.0.0.0/0' : '::/0');
  const text = normalise(route.dst);
  return text ? parseCidr(text) : undefined;
}

/** AllowedIPs prefixes that no route via the interface covers (wg-quick skips already-covered ones). */
export function uncoveredPrefixes(prefixes: string[], routes: Cidr[]): string[] {
  return prefixes.filter((text) => {
    const cidr = parseCidr(normalise(text) ?? text);
    return !routes.some((r) => cidrContains(r, cidr));
  });
}

/**
 * Routes via the interface that AllowedIPs no longer asks for: not one of the prefixes, not a route
 * the kernel made for the interface's own address, not link-local/multicast.
 */
export function staleRoutes(prefixes: string[], routes: Array<{ entry: RouteEntry; cidr: Cidr }>): string[] {
  const wanted = new Set(prefixes.map((p) => normalise(p) ?? p));
  return routes
    .filter(({ entry, cidr }) => {
      if (entry.protocol === 'kernel') return false;
      if (cidr.version === 6 && (cidr.text.startsWith('fe80:') || cidr.text.startsWith('ff'))) return false;
      return !wanted.has(cidr.text);
    })
    .map(({ cidr }) => cidr.text);
}
