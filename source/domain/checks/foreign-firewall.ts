/**
 * The one detector of firewall hooks outside wg-site's own table that can drop the traffic the
 * tunnel forwards: an nft base chain on the forward hook with policy drop or an unconditional drop
 * (iptables-nft's FORWARD, Docker, ufw and firewalld all show up there), and iptables FORWARD
 * policy DROP in a save nft cannot see (iptables-legacy; iptables-nft when nft itself is missing).
 * It also tells whether such a hook already accepts traffic of the tunnel interface, directly or in
 * a chain it jumps to (DOCKER-USER, ufw-user-forward, a firewalld zone). Pure: rulesets in, findings
 * out; preflight and the health checks both use it. Fix wording: foreign-firewall-fix.ts.
 */
import { iptablesChains, type IptablesSave } from './iptables-save.js';
import type { NftChain, NftRule, NftRuleset } from './nft-json.js';

/** The rulesets the detector reads (the check facts have this shape too). */
export interface FirewallRulesets {
  /** `nft -j list ruleset`, undefined when it could not be read. Includes iptables-nft's tables. */
  readonly nft: NftRuleset | undefined;
  /** `iptables-legacy-save`, when legacy tables are loaded. */
  readonly legacy: IptablesSave | undefined;
  /** `iptables-save` of the nf_tables backend, read only when nft itself could not list the ruleset. */
  readonly iptables?: IptablesSave | undefined;
}

/** Which firewall manager owns the hook; decides how the fix is worded. */
export type ForeignKind = 'nft' | 'iptables' | 'docker' | 'ufw' | 'firewalld';

/** One hook that can drop tunnel traffic. */
export interface ForeignBlock {
  readonly kind: ForeignKind;
  /** Where: `nft inet evil forward` or `iptables-legacy filter FORWARD`. */
  readonly where: string;
  /** What it does, in words: `policy drop on the forward hook (Docker)`. */
  readonly what: string;
  /** True when it already accepts some traffic of the tunnel interface (so it may well be fine). */
  readonly mentionsTunnel: boolean;
  /** For `nft` and `firewalld`: the chain to add accept rules to. */
  readonly nft?: { readonly family: string; readonly table: string; readonly chain: string };
  /** For `iptables`, `docker` and `ufw`: the command that changes it (`iptables`, `iptables-legacy`, …). */
  readonly tool?: string;
}

const OWNER_NAMES: Readonly<Record<'docker' | 'ufw' | 'firewalld', string>> = {
  docker: 'Docker',
  ufw: 'ufw',
  firewalld: 'firewalld',
};

function owner(table: string, chains: readonly NftChain[]): 'docker' | 'ufw' | 'firewalld' | undefined {
  if (table === 'firewalld') return 'firewalld';
  if (chains.some((c) => c.name === 'DOCKER-USER' || c.name === 'DOCKER')) return 'docker';
  if (chains.some((c) => c.name.startsWith('ufw-'))) return 'ufw';
  return undefined;
}

const isDrop = (r: NftRule) => r.unconditional && r.verdicts.some((v) => v === 'drop' || v === 'reject');
const acceptsAll = (c: NftChain) => c.rules.some((r) => r.unconditional && r.verdicts.includes('accept'));

/**
 * True when a rule in RULES (or in a chain they jump to) accepts traffic of IFACE: a match on the
 * interface with verdict accept, or a jump/goto on the interface into a chain that accepts everything.
 */
function acceptsTunnel(
  rules: readonly NftRule[],
  chains: readonly NftChain[],
  iface: string,
  seen: Set<string>,
): boolean {
  for (const rule of rules) {
    const mentions = rule.interfaces.includes(iface);
    for (const verdict of rule.verdicts) {
      if (verdict === 'accept' && mentions) return true;
      const target = /^(?:jump|goto) (.+)$/.exec(verdict)?.[1];
      const chain = target === undefined ? undefined : chains.find((c) => c.name === target);
      if (!chain) continue;
      if (mentions && acceptsAll(chain)) return true;
      if (seen.has(chain.name)) continue;
      seen.add(chain.name);
      if (acceptsTunnel(chain.rules, chains, iface, seen)) return true;
    }
  }
  return false;
}

/** How BASE drops everything it does not accept, and whether it accepts IFACE before that. */
function analyse(
  base: NftChain,
  chains: readonly NftChain[],
  iface: string,
  policyWord: string,
): { how: string; mentionsTunnel: boolean } | undefined {
  const dropAt = base.rules.findIndex(isDrop);
  const how =
    base.policy === 'drop' ? `policy ${policyWord}` : dropAt >= 0 ? 'an unconditional drop rule' : undefined;
  if (!how) return undefined;
  const reached = dropAt >= 0 ? base.rules.slice(0, dropAt) : base.rules;
  return { how, mentionsTunnel: acceptsTunnel(reached, chains, iface, new Set([base.name])) };
}

function nftBlocks(ruleset: NftRuleset, iface: string, ownTable: string): ForeignBlock[] {
  const blocks: ForeignBlock[] = [];
  for (const base of ruleset.chains) {
    if (base.hook !== 'forward' || (base.family === 'inet' && base.table === ownTable)) continue;
    const siblings = ruleset.chains.filter((c) => c.family === base.family && c.table === base.table);
    const found = analyse(base, siblings, iface, 'drop');
    if (!found) continue;
    const by = owner(base.table, siblings);
    const iptablesNft = (base.family === 'ip' || base.family === 'ip6') && base.table === 'filter';
    const tool = base.family === 'ip6' ? 'ip6tables' : 'iptables';
    const at = { family: base.family, table: base.table, chain: base.name };
    const kind: ForeignKind = by ?? (iptablesNft && base.name === 'FORWARD' ? 'iptables' : 'nft');
    blocks.push({
      kind,
      where: `nft ${base.family} ${base.table} ${base.name}`,
      what: `${found.how} on the forward hook${by ? ` (${OWNER_NAMES[by]})` : ''}`,
      mentionsTunnel: found.mentionsTunnel,
      ...(kind === 'nft' || kind === 'firewalld' ? { nft: at } : { tool }),
    });
  }
  return blocks;
}

function saveBlocks(save: IptablesSave, iface: string, tool: string, aside: string): ForeignBlock[] {
  const chains = iptablesChains(save, 'filter') ?? [];
  const base = chains.find((c) => c.name === 'FORWARD');
  const found = base && analyse(base, chains, iface, 'DROP');
  if (!found) return [];
  const by = owner('filter', chains);
  return [
    {
      kind: by ?? 'iptables',
      where: `${tool} filter FORWARD`,
      what: `${found.how}${by ? ` (${OWNER_NAMES[by]})` : ''}${aside}`,
      mentionsTunnel: found.mentionsTunnel,
      tool,
    },
  ];
}

/** Find the hooks outside table `inet <ownTable>` that can drop traffic forwarded to or from `iface`. */
export function findForeignBlocks(
  iface: string,
  ownTable: string,
  rulesets: FirewallRulesets,
): ForeignBlock[] {
  return [
    ...(rulesets.nft ? nftBlocks(rulesets.nft, iface, ownTable) : []),
    ...(rulesets.iptables ? saveBlocks(rulesets.iptables, iface, 'iptables', '') : []),
    ...(rulesets.legacy ? saveBlocks(rulesets.legacy, iface, 'iptables-legacy', ', invisible to nft') : []),
  ];
}
