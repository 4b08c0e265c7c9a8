/**
 * Reads `nft -j list ruleset` into what the checks need: tables, and chains with their hook, policy
 * and a summary of each rule (verdicts, masquerade, interface matches).
 */

/** One rule, summarised. */
export interface NftRule {
  /** Verdict statements in order: `accept`, `drop`, `reject`, `jump X`, `goto X`, `return`. */
  readonly verdicts: readonly string[];
  readonly masquerade: boolean;
  /** Interface names matched (not negated) by iifname/oifname/iif/oif. */
  readonly interfaces: readonly string[];
  /** True when the rule has no match at all (its verdict applies to every packet). */
  readonly unconditional: boolean;
}

/** One chain. Base chains have a hook. */
export interface NftChain {
  readonly family: string;
  readonly table: string;
  readonly name: string;
  readonly type: string | undefined;
  readonly hook: string | undefined;
  readonly policy: string | undefined;
  readonly rules: readonly NftRule[];
}

/** The ruleset. */
export interface NftRuleset {
  readonly tables: readonly { readonly family: string; readonly name: string }[];
  readonly chains: readonly NftChain[];
}

type Json = Record<string, unknown>;

const VERDICTS = ['accept', 'drop', 'reject', 'return'];

function summarise(expr: readonly Json[]): NftRule {
  const verdicts: string[] = [];
  const interfaces: string[] = [];
  let masquerade = false;
  let matches = 0;
  for (const statement of expr) {
    for (const [key, value] of Object.entries(statement)) {
      if (VERDICTS.includes(key)) verdicts.push(key);
      else if (key === 'jump' || key === 'goto') verdicts.push(`${key} ${String((value as Json)?.target)}`);
      else if (key === 'masquerade') masquerade = true;
      // iptables-nft shows matches nft cannot translate as `xt` statements: still a condition.
      else if (key === 'xt' && (value as Json)?.type === 'match') matches++;
      else if (key === 'match') {
        matches++;
        const m = value as { op?: string; left?: { meta?: { key?: string } }; right?: unknown };
        const metaKey = m.left?.meta?.key;
        if (metaKey && ['iifname', 'oifname', 'iif', 'oif'].includes(metaKey) && m.op !== '!=') {
          const right = m.right;
          if (typeof right === 'string') interfaces.push(right);
          else if (right && typeof right === 'object' && Array.isArray((right as Json).set)) {
            for (const item of (right as { set: unknown[] }).set)
              if (typeof item === 'string') interfaces.push(item);
          }
        }
      }
    }
  }
  return { verdicts, masquerade, interfaces, unconditional: matches === 0 };
}

/** Parse the JSON text of `nft -j list ruleset`. Throws on text that is not its shape. */
export function parseNftJson(text: string): NftRuleset {
  const doc = JSON.parse(text) as { nftables?: Json[] };
  if (!doc || !Array.isArray(doc.nftables)) throw new Error('nft -j output has no "nftables" list');
  const tables: { family: string; name: string }[] = [];
  const chains = new Map<string, { chain: Omit<NftChain, 'rules'>; rules: NftRule[] }>();
  const keyOf = (f: unknown, t: unknown, c: unknown) => `${String(f)}\u0000${String(t)}\u0000${String(c)}`;
  for (const item of doc.nftables) {
    if (item.table) {
      const t = item.table as Json;
      tables.push({ family: String(t.family), name: String(t.name) });
    } else if (item.chain) {
      const c = item.chain as Json;
      chains.set(keyOf(c.family, c.table, c.name), {
        chain: {
          family: String(c.family),
          table: String(c.table),
          name: String(c.name),
          type: typeof c.type === 'string' ? c.type : undefined,
          hook: typeof c.hook === 'string' ? c.hook : undefined,
          policy: typeof c.policy === 'string' ? c.policy : undefined,
        },
        rules: [],
      });
    } else if (item.rule) {
      const r = item.rule as Json;
      const entry = chains.get(keyOf(r.family, r.table, r.chain));
      if (entry) entry.rules.push(summarise(Array.isArray(r.expr) ? (r.expr as Json[]) : []));
    }
  }
  return { tables, chains: [...chains.values()].map((e) => ({ ...e.chain, rules: e.rules })) };
}

/** A chain as declared in an nft script: its hook, policy and how many rules it has. */
export interface NftChainOutline {
  readonly name: string;
  readonly hook: string | undefined;
  readonly policy: string | undefined;
  readonly ruleCount: number;
}

/**
 * Outline of the chains of table `family name` in an nft script as wg-site renders it (one
 * statement a line, `chain x {` … `}` blocks). Used to tell drift without a full nft parser.
 */
export function outlineNftScript(text: string, family: string, name: string): NftChainOutline[] {
  const out: NftChainOutline[] = [];
  let inTable = false;
  let chain: { name: string; hook?: string; policy?: string; ruleCount: number } | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    if (!inTable) {
      if (line === `table ${family} ${name} {`) inTable = true;
      continue;
    }
    const open = /^chain\s+(\S+)\s*\{$/.exec(line);
    if (open) chain = { name: open[1] as string, ruleCount: 0 };
    else if (line === '}') {
      if (!chain) {
        inTable = false;
        continue;
      }
      out.push({ name: chain.name, hook: chain.hook, policy: chain.policy, ruleCount: chain.ruleCount });
      chain = undefined;
    } else if (chain) {
      const base = /^type\s+\S+\s+hook\s+(\S+)\s+priority\s+[^;]+;(?:\s*policy\s+(\w+);)?/.exec(line);
      if (base) {
        chain.hook = base[1];
        chain.policy = base[2] ?? 'accept';
      } else chain.ruleCount++;
    }
  }
  return out;
}
