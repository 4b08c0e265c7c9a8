/**
 * Wording the repair for a foreign firewall hook: the exact rules to add to *its* chain (nft,
 * iptables, DOCKER-USER, ufw, firewalld) so that the tunnel's forwarded traffic gets through.
 * Used in full by the apply preflight and, as one line, by the health check.
 */
import type { Site } from '../site/model.js';
import type { ForeignBlock } from './foreign-firewall.js';

/** What the tunnel forwards, to word the accept rules. */
export interface ForwardNeeds {
  /** The tunnel interface. */
  readonly wg: string;
  /** The LAN interface; without it the rules match only the tunnel interface. */
  readonly lan?: string | undefined;
  /** The UDP port the tunnel listens on, when known (ufw and firewalld are told to open it). */
  readonly listenPort?: number | undefined;
  /** 'all', or the TCP/UDP ports the far site may reach. */
  readonly fromRemote: 'all' | { readonly tcp: readonly number[]; readonly udp: readonly number[] };
}

/** What SITE forwards; `lan` overrides the site's LAN interface (e.g. one detected on the host). */
export function forwardNeedsOf(site: Site, lan = site.lan.interface): ForwardNeeds {
  return {
    wg: site.interface,
    lan,
    listenPort: site.tunnel.listenPort,
    fromRemote: site.firewall.fromRemote,
  };
}

/** Interface matches in both syntaxes, for LAN→tunnel and tunnel→LAN. */
function directions(n: ForwardNeeds) {
  return {
    outNft: n.lan ? `iifname "${n.lan}" oifname "${n.wg}"` : `oifname "${n.wg}"`,
    inNft: n.lan ? `iifname "${n.wg}" oifname "${n.lan}"` : `iifname "${n.wg}"`,
    outIpt: n.lan ? `-i ${n.lan} -o ${n.wg}` : `-o ${n.wg}`,
    inIpt: n.lan ? `-i ${n.wg} -o ${n.lan}` : `-i ${n.wg}`,
  };
}

function iptablesAccepts(tool: string, chain: string, n: ForwardNeeds): string[] {
  const base = `${tool} -I ${chain}`;
  const d = directions(n);
  const rules = [
    `${base} ${d.outIpt} -j ACCEPT`,
    `${base} ${d.inIpt} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`,
  ];
  if (n.fromRemote === 'all') rules.push(`${base} ${d.inIpt} -j ACCEPT`);
  else {
    for (const p of n.fromRemote.tcp) rules.push(`${base} ${d.inIpt} -p tcp --dport ${p} -j ACCEPT`);
    for (const p of n.fromRemote.udp) rules.push(`${base} ${d.inIpt} -p udp --dport ${p} -j ACCEPT`);
  }
  return rules;
}

function nftAccepts(at: NonNullable<ForeignBlock['nft']>, n: ForwardNeeds): string[] {
  const base = `nft insert rule ${at.family} ${at.table} ${at.chain}`;
  const d = directions(n);
  const rules = [`${base} ${d.outNft} accept`, `${base} ${d.inNft} ct state established,related accept`];
  if (n.fromRemote === 'all') rules.push(`${base} ${d.inNft} accept`);
  else {
    const { tcp, udp } = n.fromRemote;
    if (tcp.length) rules.push(`${base} ${d.inNft} tcp dport { ${tcp.join(', ')} } accept`);
    if (udp.length) rules.push(`${base} ${d.inNft} udp dport { ${udp.join(', ')} } accept`);
  }
  return rules;
}

function ufwAllows(n: ForwardNeeds): string[] {
  const rules = n.lan
    ? [`ufw route allow in on ${n.lan} out on ${n.wg}`, `ufw route allow in on ${n.wg} out on ${n.lan}`]
    : [`ufw route allow in on ${n.wg}`, `ufw route allow out on ${n.wg}`];
  return n.listenPort ? [...rules, `ufw allow ${n.listenPort}/udp`] : rules;
}

function firewalldCommands(n: ForwardNeeds): string[] {
  return [
    `firewall-cmd --permanent --zone=trusted --add-interface=${n.wg}`,
    ...(n.listenPort ? [`firewall-cmd --permanent --add-port=${n.listenPort}/udp`] : []),
    'firewall-cmd --reload',
  ];
}

/** The commands that let the tunnel's traffic through BLOCK, most important first. */
export function foreignBlockRules(block: ForeignBlock, n: ForwardNeeds): string[] {
  switch (block.kind) {
    case 'firewalld':
      return firewalldCommands(n);
    case 'ufw':
      return ufwAllows(n);
    case 'docker':
      return iptablesAccepts(block.tool ?? 'iptables', 'DOCKER-USER', n);
    case 'iptables':
      return iptablesAccepts(block.tool ?? 'iptables', 'FORWARD', n);
    case 'nft':
      return nftAccepts(block.nft ?? { family: 'inet', table: 'filter', chain: 'forward' }, n);
  }
}

/** A message for one block: what drops our traffic, and the exact rules to add to *its* rules. */
export function foreignBlockMessage(block: ForeignBlock, n: ForwardNeeds): string {
  const add = foreignBlockRules(block, n)
    .map((r) => `    ${r}`)
    .join('\n');
  const at = block.where;
  switch (block.kind) {
    case 'firewalld':
      return `firewalld manages this host's firewall (${at}) and drops forwarded traffic it does not know. Put ${n.wg} in a zone that forwards, e.g.:\n${add}`;
    case 'docker':
      return `Docker's forward rules (${at}) would drop the traffic ${n.wg} forwards. Allow the tunnel in DOCKER-USER:\n${add}`;
    case 'ufw':
      return `ufw filters forwarded traffic (${at}) and would drop the traffic ${n.wg} forwards. Allow it:\n${add}`;
    case 'iptables':
    case 'nft':
      return `${at} (${block.what}) would drop the traffic ${n.wg} forwards. Add accept rules to that chain:\n${add}`;
  }
}

/** The repair on one line, for a check result: the most important command, `…` when there are more. */
export function foreignBlockFix(block: ForeignBlock, n: ForwardNeeds): string {
  const [first, ...rest] = foreignBlockRules(block, n);
  return rest.length ? `${first} …` : (first ?? '');
}
