/**
 * Firewall hooks outside wg-site's own table that can drop forwarded tunnel traffic: an nft base
 * chain on the forward hook with policy drop (or an unconditional drop), iptables FORWARD policy
 * DROP (iptables-nft shows up in nft, iptables-legacy only in its own save), Docker and ufw.
 * A pure probe: facts in, findings out.
 */
import type { IptablesSave } from './iptables-save.js';
import type { NftChain, NftRuleset } from './nft-json.js';

/** One hook that can drop tunnel traffic. */
export interface ForeignBlock {
  /** Where: `nft inet evil forward` or `iptables-legacy filter FORWARD`. */
  readonly where: string;
  /** What it does, in words. */
  readonly what: string;
  /** True when it explicitly accepts some traffic of the tunnel interface (so it may be fine). */
  readonly mentionsTunnel: boolean;
  /** The one-line repair. */
  readonly fix: string;
}

function owner(chainNames: readonly string[]): 'docker' | 'ufw' | undefined {
  if (chainNames.some((n) => n === 'DOCKER-USER' || n === 'DOCKER')) return 'docker';
  if (chainNames.some((n) => n.startsWith('ufw-'))) return 'ufw';
  return undefined;
}

function fixFor(
  kind: 'docker' | 'ufw' | undefined,
  iface: string,
  generic: string,
  ipt = 'iptables',
): string {
  if (kind === 'docker')
    return `${ipt} -I DOCKER-USER -i ${iface} -j ACCEPT && ${ipt} -I DOCKER-USER -o ${iface} -j ACCEPT`;
  if (kind === 'ufw') return `ufw route allow in on ${iface} && ufw route allow out on ${iface}`;
  return generic;
}

function dropsAll(chain: NftChain): string | undefined {
  if (chain.policy === 'drop') return 'policy drop';
  const rule = chain.rules.find(
    (r) => r.unconditional && r.verdicts.some((v) => v === 'drop' || v === 'reject'),
  );
  return rule ? 'an unconditional drop rule' : undefined;
}

/** Find the hooks outside table `inet <ownTable>` that can drop traffic forwarded to or from `iface`. */
export function findForeignBlocks(
  iface: string,
  ownTable: string,
  nft: NftRuleset | undefined,
  legacy: IptablesSave | undefined,
): ForeignBlock[] {
  const blocks: ForeignBlock[] = [];
  if (nft) {
    for (const chain of nft.chains) {
      if (chain.hook !== 'forward' || (chain.family === 'inet' && chain.table === ownTable)) continue;
      const how = dropsAll(chain);
      if (!how) continue;
      const siblings = nft.chains
        .filter((c) => c.family === chain.family && c.table === chain.table)
        .map((c) => c.name);
      const kind = owner(siblings);
      const tool = chain.family === 'ip6' ? 'ip6tables' : 'iptables';
      const generic = `nft insert rule ${chain.family} ${chain.table} ${chain.name} iifname "${iface}" accept && nft insert rule ${chain.family} ${chain.table} ${chain.name} oifname "${iface}" accept`;
      blocks.push({
        where: `nft ${chain.family} ${chain.table} ${chain.name}`,
        what: `${how} on the forward hook${kind ? ` (${kind === 'docker' ? 'Docker' : 'ufw'})` : ''}`,
        mentionsTunnel: chain.rules.some(
          (r) => r.interfaces.includes(iface) && r.verdicts.includes('accept'),
        ),
        fix: fixFor(kind, iface, generic, tool),
      });
    }
  }
  for (const table of legacy?.tables ?? []) {
    if (table.name !== 'filter' || table.policies.FORWARD !== 'DROP') continue;
    const kind = owner(Object.keys(table.policies));
    blocks.push({
      where: 'iptables-legacy filter FORWARD',
      what: `policy DROP${kind ? ` (${kind === 'docker' ? 'Docker' : 'ufw'})` : ''}, invisible to nft`,
      mentionsTunnel: table.rules.some((r) =>
        new RegExp(`-[io] ${iface.replace(/[.+]/g, '\\$&')}\\b.*-j ACCEPT`).test(r),
      ),
      fix: fixFor(
        kind,
        iface,
        `iptables-legacy -I FORWARD -i ${iface} -j ACCEPT && iptables-legacy -I FORWARD -o ${iface} -j ACCEPT`,
        'iptables-legacy',
      ),
    });
  }
  return blocks;
}
