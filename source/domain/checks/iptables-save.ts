/** Reads `iptables-save` / `iptables-legacy-save` output: chain policies and rules per table. */

/** One table's content. */
export interface IptablesTable {
  readonly name: string;
  /** Built-in chain → policy (`ACCEPT`/`DROP`); user chains have `-`. */
  readonly policies: Readonly<Record<string, string>>;
  /** The `-A …` lines, as written. */
  readonly rules: readonly string[];
}

/** All tables of one save. */
export interface IptablesSave {
  readonly tables: readonly IptablesTable[];
}

/** Parse save output (`*table`, `:CHAIN POLICY [p:b]`, `-A …`, `COMMIT`). Comments are skipped. */
export function parseIptablesSave(text: string): IptablesSave {
  const tables: { name: string; policies: Record<string, string>; rules: string[] }[] = [];
  let current: (typeof tables)[number] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      current = { name: line.slice(1), policies: {}, rules: [] };
      tables.push(current);
    } else if (!current) continue;
    else if (line.startsWith(':')) {
      const [chain, policy] = line.slice(1).split(/\s+/);
      if (chain) current.policies[chain] = policy ?? '-';
    } else if (line.startsWith('-A ')) current.rules.push(line);
  }
  return { tables };
}

/** The rules of a table that has any, for "rules nft cannot see". */
export function legacyRuleCount(save: IptablesSave): number {
  return save.tables.reduce((n, t) => n + t.rules.length, 0);
}
