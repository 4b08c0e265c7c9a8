/**
 * Finding firewall rules outside wg-site's own table that would drop the traffic the tunnel forwards,
 * from `nft -j list ruleset` and `iptables -S FORWARD`. Pure: the caller runs the tools.
 */

/** Which firewall manager owns the blocking rules; decides how the fix is worded. */
export type ForeignKind = 'nft' | 'iptables' | 'docker' | 'ufw' | 'firewalld';

/** One place outside wg-site that drops (or may drop) forwarded tunnel traffic. */
export interface ForeignBlock {
  kind: ForeignKind;
  /** Where, as an admin would name it: `table inet filter chain forward`, `iptables-legacy FORWARD`. */
  where: string;
  /** For nft: family, table and chain, to word the exact rules to add. */
  nft?: { family: string; table: string; chain: string };
  /** For iptables: the command that lists/changes it (`iptables` or `iptables-legacy`). */
  tool?: string;
}

interface NftChain {
  family?: string;
  table?: string;
  name?: string;
  hook?: string;
  policy?: string;
}

interface NftItem {
  table?: { family?: string; name?: string };
  chain?: NftChain;
}

/** Tables that iptables-nft creates; their FORWARD chain is reported through the iptables check. */
function isIptablesNftChain(chain: NftChain): boolean {
  return (
    (chain.family === 'ip' || chain.family === 'ip6') && chain.table === 'filter' && chain.name === 'FORWARD'
  );
}

/**
 * Blocks in an `nft -j list ruleset` document: base chains hooked on forward with policy drop in any
 * table other than `ownTable`, and the tables that firewalld and Docker manage.
 */
export function nftForeignBlocks(json: string, ownTable: string): ForeignBlock[] {
  let items: NftItem[];
  try {
    items = (JSON.parse(json) as { nftables?: NftItem[] }).nftables ?? [];
  } catch {
    return [];
  }
  const blocks: ForeignBlock[] = [];
  for (const item of items) {
    const chain = item.chain;
    if (!chain || chain.table === ownTable) continue;
    if (chain.hook !== 'forward' || chain.policy !== 'drop' || isIptablesNftChain(chain)) continue;
    const nft = { family: chain.family ?? 'inet', table: chain.table ?? '?', chain: chain.name ?? '?' };
    const kind: ForeignKind = chain.table === 'firewalld' ? 'firewalld' : 'nft';
    blocks.push({ kind, where: `table ${nft.family} ${nft.table} chain ${nft.chain}`, nft });
  }
  const hasFirewalld = items.some((i) => i.table?.name === 'firewalld');
  if (hasFirewalld && !blocks.some((b) => b.kind === 'firewalld')) {
    blocks.push({ kind: 'firewalld', where: 'table inet firewalld' });
  }
  return blocks;
}

/**
 * Blocks in `iptables -S FORWARD` output (`tool` is the command that produced it): a DROP policy,
 * and jumps into Docker's or ufw's chains, which drop what they do not know.
 */
export function iptablesForeignBlocks(text: string, tool: string): ForeignBlock[] {
  const lines = text.split('\n').map((l) => l.trim());
  const blocks: ForeignBlock[] = [];
  const jumps = lines.filter((l) => l.startsWith('-A FORWARD ')).map((l) => /-j (\S+)/.exec(l)?.[1] ?? '');
  if (jumps.some((j) => j.startsWith('DOCKER')))
    blocks.push({ kind: 'docker', where: `${tool} FORWARD → DOCKER-USER`, tool });
  if (jumps.some((j) => j.startsWith('ufw-')))
    blocks.push({ kind: 'ufw', where: `${tool} FORWARD → ufw chains`, tool });
  if (blocks.length === 0 && lines.includes('-P FORWARD DROP')) {
    blocks.push({ kind: 'iptables', where: `${tool} FORWARD policy DROP`, tool });
  }
  return blocks;
}

/** What the tunnel forwards, to word the accept rules: interface names and the remote service policy. */
export interface ForwardNeeds {
  wg: string;
  lan: string;
  listenPort: number;
  /** 'all', or the TCP/UDP ports the far site may reach. */
  fromRemote: 'all' | { tcp: number[]; udp: number[] };
}

function iptablesAccepts(tool: string, chain: string, n: ForwardNeeds): string[] {
  const base = `${tool} -I ${chain}`;
  const rules = [
    `${base} -i ${n.lan} -o ${n.wg} -j ACCEPT`,
    `${base} -i ${n.wg} -o ${n.lan} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`,
  ];
  if (n.fromRemote === 'all') rules.push(`${base} -i ${n.wg} -o ${n.lan} -j ACCEPT`);
  else {
    for (const p of n.fromRemote.tcp)
      rules.push(`${base} -i ${n.wg} -o ${n.lan} -p tcp --dport ${p} -j ACCEPT`);
    for (const p of n.fromRemote.udp)
      rules.push(`${base} -i ${n.wg} -o ${n.lan} -p udp --dport ${p} -j ACCEPT`);
  }
  return rules;
}

function nftAccepts(at: { family: string; table: string; chain: string }, n: ForwardNeeds): string[] {
  const base = `nft insert rule ${at.family} ${at.table} ${at.chain}`;
  const rules = [
    `${base} iifname "${n.lan}" oifname "${n.wg}" accept`,
    `${base} iifname "${n.wg}" oifname "${n.lan}" ct state established,related accept`,
  ];
  if (n.fromRemote === 'all') rules.push(`${base} iifname "${n.wg}" oifname "${n.lan}" accept`);
  else {
    if (n.fromRemote.tcp.length)
      rules.push(
        `${base} iifname "${n.wg}" oifname "${n.lan}" tcp dport { ${n.fromRemote.tcp.join(', ')} } accept`,
      );
    if (n.fromRemote.udp.length)
      rules.push(
        `${base} iifname "${n.wg}" oifname "${n.lan}" udp dport { ${n.fromRemote.udp.join(', ')} } accept`,
      );
  }
  return rules;
}

/** A message for one block: what drops our traffic, and the exact rules to add to *their* rules. */
export function foreignBlockMessage(block: ForeignBlock, n: ForwardNeeds): string {
  const add = (rules: string[]) => rules.map((r) => `    ${r}`).join('\n');
  switch (block.kind) {
    case 'nft':
      return (
        `${block.where} has policy drop and would drop the traffic ${n.wg} forwards. ` +
        `Add accept rules to that chain:\n${add(nftAccepts(block.nft!, n))}`
      );
    case 'firewalld':
      return (
        `firewalld manages this host's firewall and drops forwarded traffic it does not know. ` +
        `Put the tunnel in a zone that forwards, e.g.:\n` +
        add([
          `firewall-cmd --permanent --zone=trusted --add-interface=${n.wg}`,
          `firewall-cmd --permanent --add-port=${n.listenPort}/udp`,
          'firewall-cmd --reload',
        ])
      );
    case 'docker':
      return (
        `Docker sets the FORWARD policy to DROP (${block.where}). Allow the tunnel in DOCKER-USER:\n` +
        add(iptablesAccepts(block.tool ?? 'iptables', 'DOCKER-USER', n))
      );
    case 'ufw':
      return (
        `ufw filters forwarded traffic (${block.where}) and would drop the tunnel's. Allow it:\n` +
        add([
          `ufw route allow in on ${n.lan} out on ${n.wg}`,
          `ufw route allow in on ${n.wg} out on ${n.lan}`,
          `ufw allow ${n.listenPort}/udp`,
        ])
      );
    case 'iptables':
      return (
        `${block.where} would drop the traffic ${n.wg} forwards. Add accept rules:\n` +
        add(iptablesAccepts(block.tool ?? 'iptables', 'FORWARD', n))
      );
  }
}
