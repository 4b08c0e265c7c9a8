/** wg-site's own firewall table (present once, as planned), masquerade, and foreign hooks. */
import { firewallTableName, pathsFor } from '../plan/context.js';
import { result } from './common.js';
import { findForeignBlocks } from './foreign-firewall.js';
import { foreignBlockFix, forwardNeedsOf, type ForwardNeeds } from './foreign-firewall-fix.js';
import { legacyRuleCount } from './iptables-save.js';
import { outlineNftScript, type NftChain } from './nft-json.js';
import type { CheckFacts, CheckResult } from './types.js';

function ownChains(facts: CheckFacts): NftChain[] | undefined {
  const table = firewallTableName(facts.iface);
  return facts.nft?.chains.filter((c) => c.family === 'inet' && c.table === table);
}

function driftOf(facts: CheckFacts, chains: NftChain[]): string | undefined {
  if (facts.expectedNft === undefined) return undefined;
  const planned = outlineNftScript(facts.expectedNft, 'inet', firewallTableName(facts.iface));
  for (const want of planned) {
    const have = chains.find((c) => c.name === want.name);
    if (!have) return `chain ${want.name} is missing`;
    if (have.hook !== want.hook || (have.policy ?? 'accept') !== want.policy)
      return `chain ${want.name} hooks ${have.hook ?? 'nothing'} policy ${have.policy ?? '-'}, planned ${want.hook} policy ${want.policy}`;
    if (have.rules.length !== want.ruleCount)
      return `chain ${want.name} has ${have.rules.length} rules, planned ${want.ruleCount}`;
  }
  const extra = chains.find((c) => !planned.some((p) => p.name === c.name));
  return extra ? `chain ${extra.name} is not in the plan` : undefined;
}

/** Table `inet wg_site_<if>` exists exactly once and matches the planned ruleset. */
export function ownTableCheck(facts: CheckFacts): CheckResult {
  const table = firewallTableName(facts.iface);
  const title = `Firewall table ${table}`;
  const load = `nft -f ${pathsFor(facts.iface).nft}`;
  if (!facts.nft)
    return result(
      'firewall-table',
      title,
      'warn',
      `cannot list the nft ruleset: ${facts.nftProblem ?? 'unknown'}`,
    );
  const named = facts.nft.tables.filter((t) => t.name === table);
  const inet = named.filter((t) => t.family === 'inet');
  if (inet.length === 0)
    return result('firewall-table', title, 'fail', `table inet ${table} is not loaded`, load);
  if (named.length > 1)
    return result(
      'firewall-table',
      title,
      'warn',
      `${table} exists in ${named.length} families (${named.map((t) => t.family).join(', ')}): rules apply twice`,
      `nft delete table ${named.find((t) => t.family !== 'inet')!.family} ${table}`,
    );
  const drift = driftOf(facts, ownChains(facts) ?? []);
  if (drift) return result('firewall-table', title, 'warn', `drift from the plan: ${drift}`, load);
  return result(
    'firewall-table',
    title,
    'pass',
    `table inet ${table} loaded once${facts.expectedNft ? ', as planned' : ''}`,
  );
}

/** Masquerade rule present if and only if the site's routing is `masquerade`. */
export function masqueradeCheck(facts: CheckFacts): CheckResult {
  const title = 'Masquerade matches routing';
  if (!facts.site)
    return result(
      'masquerade',
      title,
      'warn',
      `no site file to compare with: ${facts.siteProblem ?? 'missing'}`,
    );
  const chains = ownChains(facts);
  if (!chains)
    return result(
      'masquerade',
      title,
      'warn',
      `cannot list the nft ruleset: ${facts.nftProblem ?? 'unknown'}`,
    );
  const has = chains.some((c) => c.hook === 'postrouting' && c.rules.some((r) => r.masquerade));
  const want = facts.site.routing === 'masquerade';
  const load = `nft -f ${pathsFor(facts.iface).nft}`;
  if (want && !has)
    return result(
      'masquerade',
      title,
      'fail',
      'routing is masquerade but no masquerade rule is loaded: LAN hosts cannot answer the far site',
      load,
    );
  if (!want && has)
    return result(
      'masquerade',
      title,
      'fail',
      `routing is ${facts.site.routing} but a masquerade rule is loaded: far hosts see only this gateway`,
      load,
    );
  return result(
    'masquerade',
    title,
    'pass',
    want
      ? 'masquerade rule loaded (routing is masquerade)'
      : `no masquerade (routing is ${facts.site.routing})`,
  );
}

/**
 * Other firewall hooks that drop forwarded traffic (fail; warn when they already accept some tunnel
 * traffic), and iptables-legacy rules nft cannot see. The fix is the first of the rules apply lists.
 */
export function foreignFirewallCheck(facts: CheckFacts): CheckResult {
  const title = 'No other firewall drops tunnel traffic';
  const blocks = findForeignBlocks(facts.iface, firewallTableName(facts.iface), facts);
  const needs: ForwardNeeds = facts.site
    ? forwardNeedsOf(facts.site)
    : { wg: facts.iface, fromRemote: 'all' };
  const blocking = blocks.filter((b) => !b.mentionsTunnel);
  const more = (n: number) => (n > 1 ? ` (+${n - 1} more)` : '');
  if (blocking.length) {
    const b = blocking[0]!;
    return result(
      'firewall-foreign',
      title,
      'fail',
      `${b.where}: ${b.what} drops forwarded ${facts.iface} traffic${more(blocking.length)}`,
      foreignBlockFix(b, needs),
    );
  }
  if (blocks.length) {
    const b = blocks[0]!;
    return result(
      'firewall-foreign',
      title,
      'warn',
      `${b.where}: ${b.what}; it accepts some ${facts.iface} traffic, check both directions${more(blocks.length)}`,
      foreignBlockFix(b, needs),
    );
  }
  const legacyRules = facts.legacy ? legacyRuleCount(facts.legacy) : 0;
  if (legacyRules > 0)
    return result(
      'firewall-foreign',
      title,
      'warn',
      `iptables-legacy holds ${legacyRules} rules that nft does not show`,
      'iptables-legacy-save',
    );
  if (!facts.nft)
    return result(
      'firewall-foreign',
      title,
      'warn',
      `cannot list the nft ruleset: ${facts.nftProblem ?? 'unknown'}`,
    );
  return result('firewall-foreign', title, 'pass', 'no forward hook outside wg-site drops traffic');
}
