import type { Cidr } from '../cidr.js';
import { iptablesChainName, type IptablesChainRole, type PlanContext } from './context.js';
import { shellWord } from '../shell-words.js';

interface ChainSpec {
  table: 'filter' | 'nat' | 'mangle';
  hook: 'INPUT' | 'FORWARD' | 'POSTROUTING';
  role: IptablesChainRole;
  rules: string[];
}

function remoteRules(ctx: PlanContext, match: string): string[] {
  const { fromRemote } = ctx.site.firewall;
  if (fromRemote === 'all') return [`${match} -j ACCEPT`];
  return [
    ...fromRemote.tcp.map((port) => `${match} -p tcp --dport ${port} -j ACCEPT`),
    ...fromRemote.udp.map((port) => `${match} -p udp --dport ${port} -j ACCEPT`),
  ];
}

function chainsFor(ctx: PlanContext, family: 4 | 6): ChainSpec[] {
  const wg = shellWord(ctx.site.interface);
  const lan = shellWord(ctx.lanInterface);
  const icmp = family === 4 ? 'icmp' : 'ipv6-icmp';
  const established = '-m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT';
  const chains: ChainSpec[] = [
    {
      table: 'filter',
      hook: 'INPUT',
      role: 'IN',
      rules: [
        `-p udp --dport ${ctx.site.tunnel.listenPort} -j ACCEPT`,
        `-i ${wg} ${established}`,
        `-i ${wg} -p ${icmp} -j ACCEPT`,
        ...remoteRules(ctx, `-i ${wg}`),
        `-i ${wg} -j DROP`,
      ],
    },
    {
      table: 'filter',
      hook: 'FORWARD',
      role: 'FWD',
      rules: [
        `-i ${lan} -o ${wg} -j ACCEPT`,
        `-i ${wg} -o ${lan} ${established}`,
        `-i ${wg} -o ${lan} -p ${icmp} -j ACCEPT`,
        ...remoteRules(ctx, `-i ${wg} -o ${lan}`),
        `-i ${wg} -j DROP`,
      ],
    },
    {
      table: 'mangle',
      hook: 'FORWARD',
      role: 'MSS',
      rules: [`-o ${wg} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu`],
    },
  ];
  const far: Cidr[] = ctx.farPrefixes.filter((p) => p.version === family);
  if (ctx.site.routing === 'masquerade' && far.length > 0) {
    chains.push({
      table: 'nat',
      hook: 'POSTROUTING',
      role: 'NAT',
      rules: far.map((p) => `-o ${lan} -s ${p.text} -j MASQUERADE`),
    });
  }
  return chains;
}

/**
 * The iptables rendering for hosts without nft: a shell script taking `up` or `down`. Every rule lives
 * in chains of wg-site's own (flushed and refilled on `up`), reached by exactly one jump from the
 * built-in chain, so running `up` again never duplicates anything.
 */
export function renderIptablesScript(ctx: PlanContext): string {
  const families: (4 | 6)[] = [];
  if (ctx.usesIpv4) families.push(4);
  if (ctx.usesIpv6) families.push(6);
  const up: string[] = [];
  const down: string[] = [];
  for (const family of families) {
    const tool = family === 4 ? 'iptables' : 'ip6tables';
    for (const chain of chainsFor(ctx, family)) {
      const name = shellWord(iptablesChainName(ctx.site.interface, chain.role));
      const t = `${tool} -w -t ${chain.table}`;
      up.push(`  ${t} -N ${name} 2>/dev/null || ${t} -F ${name}`);
      for (const rule of chain.rules) up.push(`  ${t} -A ${name} ${rule}`);
      up.push(`  ${t} -C ${chain.hook} -j ${name} 2>/dev/null || ${t} -I ${chain.hook} 1 -j ${name}`);
      down.push(`  while ${t} -D ${chain.hook} -j ${name} 2>/dev/null; do :; done`);
      down.push(`  ${t} -F ${name} 2>/dev/null || true`, `  ${t} -X ${name} 2>/dev/null || true`);
    }
  }
  return [
    '#!/bin/sh',
    `# wg-site firewall for ${ctx.site.interface} (site "${ctx.site.name}"), iptables rendering.`,
    '# Generated: edit the site file, not this. Usage: up | down',
    'set -e',
    'case "$1" in',
    'up)',
    ...up,
    '  ;;',
    'down)',
    ...down,
    '  ;;',
    '*)',
    '  echo "usage: $0 up|down" >&2; exit 2',
    '  ;;',
    'esac',
    '',
  ].join('\n');
}
