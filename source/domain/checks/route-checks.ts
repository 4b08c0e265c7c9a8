/** Routes for every AllowedIPs prefix, and AllowedIPs overlaps or drift across peers. */
import { cidrContains, cidrFrom, cidrsOverlap, type Cidr } from '../cidr.js';
import { livePeers, peerLabel, result } from './common.js';
import { looseCidr } from './ip-json.js';
import type { CheckFacts, CheckResult, RouteFact } from './types.js';

interface Problem {
  text: string;
  fix: string;
}

/** The most specific main-table route whose prefix contains `prefix` (the default route is ignored). */
function coveringRoute(routes: readonly RouteFact[], prefix: Cidr): RouteFact | undefined {
  let best: { route: RouteFact; len: number } | undefined;
  for (const r of routes) {
    if (r.table !== 'main' || r.dst === 'default') continue;
    const dst = looseCidr(r.dst);
    if (!dst || dst.version !== prefix.version || !cidrContains(dst, prefix)) continue;
    if (!best || dst.prefix > best.len || (dst.prefix === best.len && r.metric < best.route.metric))
      best = { route: r, len: dst.prefix };
  }
  return best?.route;
}

function routeProblems(facts: CheckFacts, routes: readonly RouteFact[]): Problem[] {
  const { iface } = facts;
  const problems: Problem[] = [];
  const considered = routes.filter(
    (r) => (r.table === 'main' && r.type === 'unicast') || (r.table === 'local' && r.type === 'local'),
  );
  for (const peer of livePeers(facts)) {
    for (const text of peer.allowedIps) {
      const prefix = looseCidr(text);
      if (!prefix || prefix.prefix === 0) continue; // a /0 is routed by wg-quick's fwmark table, not main
      // wg-quick adds no route where one via the interface already covers the prefix (the tunnel's
      // own connected /31 covers the far tunnel address), so the longest covering route must use it.
      const own = coveringRoute(considered, prefix);
      if (!own || own.dev !== iface) {
        const via = own ? ` (it goes via ${own.dev ?? '?'}, route ${own.dst})` : '';
        problems.push({
          text: `no route for ${prefix.text} via ${iface}${via}`,
          fix: `ip route add ${prefix.text} dev ${iface}`,
        });
        continue;
      }
      for (const r of considered) {
        if (r.dev === iface || r.dst === 'default') continue;
        const dst = looseCidr(r.dst);
        if (!dst || dst.version !== prefix.version || !cidrContains(prefix, dst)) continue;
        const longer = dst.prefix > prefix.prefix;
        if (dst.prefix < prefix.prefix) continue;
        const beats = r.table === 'local' || longer || r.metric <= own.metric;
        if (!beats) continue;
        problems.push({
          text: `${r.table === 'local' ? 'local address' : 'route'} ${r.dst} via ${r.dev ?? '?'} shadows ${prefix.text} of ${peerLabel(facts, peer.publicKey)}`,
          fix:
            r.table === 'local'
              ? `ip addr del ${r.dst} dev ${r.dev ?? '?'}`
              : `ip route del ${r.dst} dev ${r.dev ?? '?'}`,
        });
      }
    }
  }
  return problems;
}

/** Every AllowedIPs prefix is routed into the tunnel and none is shadowed by a more specific route. */
export function routesCheck(facts: CheckFacts): CheckResult {
  const title = `Routes into ${facts.iface} for every AllowedIPs prefix`;
  if (!facts.routes) return result('routes', title, 'warn', 'cannot read the routing table');
  if (!facts.device) return result('routes', title, 'warn', 'no live WireGuard data to compare with');
  const problems = routeProblems(facts, facts.routes);
  if (problems.length) {
    const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
    return result('routes', title, 'fail', `${problems[0]!.text}${more}`, problems[0]!.fix);
  }
  const count = livePeers(facts).reduce((n, p) => n + p.allowedIps.length, 0);
  return result('routes', title, 'pass', `${count} prefixes routed via ${facts.iface}, none shadowed`);
}

function hostPrefix(version: 4 | 6, value: bigint): Cidr {
  return cidrFrom(version, value, version === 4 ? 32 : 128);
}

/** AllowedIPs: no overlap between live peers; every prefix of the site file where it belongs. */
export function allowedIpsCheck(facts: CheckFacts): CheckResult {
  const title = 'AllowedIPs unique and as configured';
  const id = 'allowed-ips';
  if (!facts.device) return result(id, title, 'warn', 'no live WireGuard data to compare with');
  const peers = livePeers(facts).map((p) => ({
    p,
    prefixes: p.allowedIps.map(looseCidr).filter((c): c is Cidr => !!c),
  }));
  for (let i = 0; i < peers.length; i++) {
    for (let j = i + 1; j < peers.length; j++) {
      for (const a of peers[i]!.prefixes) {
        const b = peers[j]!.prefixes.find((c) => cidrsOverlap(a, c));
        if (!b) continue;
        const [wide, narrow] =
          a.prefix <= b.prefix
            ? ([
                [peers[i]!, a],
                [peers[j]!, b],
              ] as const)
            : ([
                [peers[j]!, b],
                [peers[i]!, a],
              ] as const);
        return result(
          id,
          title,
          'fail',
          `${peerLabel(facts, wide[0].p.publicKey)}'s ${wide[1].text} overlaps ${peerLabel(facts, narrow[0].p.publicKey)}'s ${narrow[1].text}: the overlap goes to ${peerLabel(facts, narrow[0].p.publicKey)} only`,
          'give each prefix to one peer in the site file, then wg-site apply',
        );
      }
    }
  }
  if (!facts.site)
    return result(id, title, 'pass', `${peers.length} peers, no overlap (no site file to compare with)`);
  const sync = `wg syncconf ${facts.iface} <(wg-quick strip ${facts.iface})`;
  for (const sp of facts.site.peers) {
    const want = [hostPrefix(sp.tunnelAddress.version, sp.tunnelAddress.value), ...sp.subnets];
    const live = peers.find((x) => x.p.publicKey === sp.publicKey);
    if (!live)
      return result(
        id,
        title,
        'fail',
        `peer ${sp.name} from the site file is not configured on ${facts.iface}`,
        sync,
      );
    for (const w of want) {
      if (live.prefixes.some((c) => c.text === w.text)) continue;
      const holder = peers.find((x) => x !== live && x.prefixes.some((c) => c.text === w.text));
      const why = holder
        ? `is held by ${peerLabel(facts, holder.p.publicKey)} (the later claim wins)`
        : `is missing from its AllowedIPs`;
      return result(id, title, 'fail', `${w.text} of ${sp.name} ${why}`, sync);
    }
    const extra = live.prefixes.find((c) => !want.some((w) => w.text === c.text));
    if (extra)
      return result(
        id,
        title,
        'warn',
        `${sp.name} also has ${extra.text}, which the site file does not list`,
        sync,
      );
  }
  const unknown = peers.find((x) => !facts.site!.peers.some((sp) => sp.publicKey === x.p.publicKey));
  if (unknown)
    return result(
      id,
      title,
      'warn',
      `peer ${unknown.p.publicKey.slice(0, 8)}… is configured but not in the site file`,
      sync,
    );
  return result(id, title, 'pass', `${peers.length} peers, no overlap, as in the site file`);
}
