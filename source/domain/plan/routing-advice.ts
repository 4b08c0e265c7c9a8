import { netmaskOf, type Cidr } from '../cidr.js';
import type { RoutingOption } from '../site/model.js';
import type { PlanContext } from './context.js';

/** One line to put in the LAN router's static-route table. */
export interface RouterEntry {
  destination: string;
  netmask: string;
  prefix: number;
  nextHop: string;
}

/** What a routing option means for the admin, and what they must do outside this gateway. */
export interface RoutingAdvice {
  option: RoutingOption;
  title: string;
  /** Plain statements: who can start connections in which direction, which source address each side sees. */
  consequences: string[];
  /** For `static-route`: the entries to add on the LAN's router. */
  routerEntries: RouterEntry[];
  /** For `static-route`: other ways to give LAN hosts the route. */
  alternatives: string[];
}

/** Short titles, shared by the plan summary and the wizard. */
export const routingTitles: Record<RoutingOption, string> = {
  'default-router': 'This gateway is the LAN’s default router',
  'static-route': 'A static route on the LAN’s existing router',
  masquerade: 'Masquerade (SNAT) far-site traffic onto this LAN',
};

function list(cidrs: Cidr[]): string {
  return cidrs.map((c) => c.text).join(', ');
}

function dhcpOption121(entries: RouterEntry[], router: string | undefined): string {
  const routes = entries
    .filter((e) => !e.destination.includes(':'))
    .map((e) => `${e.destination}/${e.prefix},${e.nextHop}`);
  const fallback = `0.0.0.0/0,${router ?? '<your router IP>'}`;
  return `dnsmasq: dhcp-option=121,${[...routes, fallback].join(',')}  (hosts that take option 121 ignore the plain router option 3, so the default route is repeated at the end)`;
}

/** Explain the chosen routing option in the terms of domain brief §5. */
export function routingAdvice(ctx: PlanContext): RoutingAdvice {
  const { site } = ctx;
  const here = list(site.lan.subnets);
  const far = list(site.peers.flatMap((p) => p.subnets));
  const gatewayIp = ctx.lanAddress.address.text;
  const base = {
    option: site.routing,
    title: routingTitles[site.routing],
    routerEntries: [],
    alternatives: [],
  };
  switch (site.routing) {
    case 'default-router':
      return {
        ...base,
        consequences: [
          `Hosts on ${here} already send everything not local to this gateway (${gatewayIp}), so nothing else changes on the LAN.`,
          `Fully transparent: hosts on both sides see each other's real addresses, and either side can start connections (as far as firewall.fromRemote allows toward this LAN).`,
        ],
      };
    case 'static-route': {
      const entries = site.peers
        .flatMap((p) => p.subnets)
        .map((c) => ({
          destination: c.text.split('/')[0]!,
          netmask: netmaskOf(c),
          prefix: c.prefix,
          nextHop:
            c.version === ctx.lanAddress.address.version
              ? gatewayIp
              : `<this gateway's IPv${c.version} address on ${ctx.lanInterface}>`,
        }));
      const ipv4 = entries.some((e) => !e.destination.includes(':'));
      return {
        ...base,
        routerEntries: entries,
        consequences: [
          `On the LAN's router add a static route for ${far} with next hop ${gatewayIp} (this gateway); wg-site cannot configure the router for you.`,
          `Fully transparent: hosts on both sides see each other's real addresses, and either side can start connections (as far as firewall.fromRemote allows toward this LAN).`,
          `Replies from the far site go straight from this gateway to the host while requests pass the router, so a router with a stateful firewall or strict reverse-path filtering may drop them; if so, allow asymmetric routing on it or choose masquerade.`,
        ],
        alternatives: [
          ...entries.map((e) => `per host: ip route add ${e.destination}/${e.prefix} via ${e.nextHop}`),
          ...(ipv4 ? [dhcpOption121(entries, ctx.lanRouter)] : []),
        ],
      };
    }
    case 'masquerade':
      return {
        ...base,
        consequences: [
          `Packets from ${far} are rewritten as they leave this gateway onto the LAN, so hosts on ${here} see them coming from this gateway's own LAN address (${gatewayIp}) and reply without any route change.`,
          `Hosts here see every far-site connection as coming from this gateway: logs and access control by source address cannot tell far hosts apart.`,
          `Hosts on ${here} cannot start connections toward ${far} unless they route via this gateway themselves; the far site can start connections here (as far as firewall.fromRemote allows).`,
        ],
      };
  }
}
