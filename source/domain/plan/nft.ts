import type { Cidr } from '../cidr.js';
import { firewallTableName, type PlanContext } from './context.js';
import { shellWord } from '../shell-words.js';

function set(prefixes: Cidr[]): string {
  const texts = prefixes.map((p) => p.text);
  return texts.length === 1 ? texts[0]! : `{ ${texts.join(', ')} }`;
}

function remoteAccept(ctx: PlanContext, match: string): string[] {
  const { fromRemote } = ctx.site.firewall;
  if (fromRemote === 'all') return [`${match} accept comment "far site may start any connection"`];
  const rules: string[] = [];
  if (fromRemote.tcp.length)
    rules.push(`${match} tcp dport { ${fromRemote.tcp.join(', ')} } accept comment "chosen TCP services"`);
  if (fromRemote.udp.length)
    rules.push(`${match} udp dport { ${fromRemote.udp.join(', ')} } accept comment "chosen UDP services"`);
  return rules;
}

/**
 * The nftables ruleset: one table of wg-site's own, replaced as a whole by `nft -f` (the leading
 * `table` + `delete table` pair makes loading it idempotent and atomic). Chains use policy accept so
 * that traffic which has nothing to do with the tunnel is never affected; traffic from the tunnel
 * that `firewall.fromRemote` does not allow is dropped.
 */
export function renderNftRuleset(ctx: PlanContext): string {
  const { site, lanInterface } = ctx;
  const wg = JSON.stringify(site.interface);
  const lan = JSON.stringify(lanInterface);
  const table = firewallTableName(site.interface);
  const farV4 = ctx.farPrefixes.filter((p) => p.version === 4);
  const farV6 = ctx.farPrefixes.filter((p) => p.version === 6);
  const lines = [
    `# wg-site firewall for ${site.interface} (site "${site.name}"). Generated: edit the site file, not this.`,
    `table inet ${table}`,
    `delete table inet ${table}`,
    `table inet ${table} {`,
    '  chain input {',
    '    type filter hook input priority filter; policy accept;',
    `    udp dport ${site.tunnel.listenPort} accept comment "WireGuard listen port"`,
    `    iifname ${wg} ct state established,related accept`,
    `    iifname ${wg} meta l4proto { icmp, ipv6-icmp } accept`,
    ...remoteAccept(ctx, `    iifname ${wg}`),
    `    iifname ${wg} drop comment "anything else from the far site to this gateway"`,
    '  }',
    '  chain forward {',
    '    type filter hook forward priority filter; policy accept;',
    `    oifname ${wg} tcp flags syn / syn,rst tcp option maxseg size set rt mtu comment "MSS clamping"`,
    `    iifname ${lan} oifname ${wg} accept comment "LAN to far site"`,
    `    iifname ${wg} oifname ${lan} ct state established,related accept`,
    `    iifname ${wg} oifname ${lan} meta l4proto { icmp, ipv6-icmp } accept`,
    ...remoteAccept(ctx, `    iifname ${wg} oifname ${lan}`),
    `    iifname ${wg} drop comment "far site to anywhere else"`,
    '  }',
  ];
  if (site.routing === 'masquerade') {
    lines.push('  chain postrouting {', '    type nat hook postrouting priority srcnat; policy accept;');
    if (farV4.length)
      lines.push(
        `    oifname ${lan} ip saddr ${set(farV4)} masquerade comment "far site appears as this gateway"`,
      );
    if (farV6.length)
      lines.push(
        `    oifname ${lan} ip6 saddr ${set(farV6)} masquerade comment "far site appears as this gateway"`,
      );
    lines.push('  }');
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** The one nft command that removes wg-site's table whether or not it is loaded. */
export function nftRemoveCommand(iface: string): string {
  const table = firewallTableName(iface);
  return `nft ${shellWord(`add table inet ${table}; delete table inet ${table}`)}`;
}
