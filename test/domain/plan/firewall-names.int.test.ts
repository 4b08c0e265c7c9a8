/**
 * Firewall names per interface: distinct interfaces never share an nft table or an iptables chain,
 * existing names (wg0) stay as they were, and the real nft and iptables accept the most awkward
 * names an interface can give (checked in a scratch `unshare --net` when root; skipped otherwise).
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  firewallTableName,
  iptablesChainName,
  MAX_IPTABLES_CHAIN,
  type IptablesChainRole,
} from '../../../source/domain/plan/context.js';
import { renderIptablesScript } from '../../../source/domain/plan/iptables.js';
import { renderNftRuleset } from '../../../source/domain/plan/nft.js';
import { planContext } from '../../../source/domain/plan/plan.js';
import { checkSite } from '../../../source/domain/site/validate.js';
import { isInterfaceName } from '../../../source/domain/names.js';

const ROLES: IptablesChainRole[] = ['IN', 'FWD', 'MSS', 'NAT'];
const ALPHABET = 'aZ09_=+.-';

/** Every interface name of 1–3 characters over a small alphabet that covers each character class. */
function shortNames(): string[] {
  const out: string[] = [];
  const grow = (prefix: string) => {
    if (prefix.length > 0 && isInterfaceName(prefix)) out.push(prefix);
    if (prefix.length < 3) for (const ch of ALPHABET) grow(prefix + ch);
  };
  grow('');
  return out;
}

/** The longest and most awkward names the grammar allows. */
const EXTREME = [
  'a=+.-_=+.-_=+.-',
  'ABCDEFGHIJKLMNO',
  'abcdefghijklmno',
  '0+=+=+=+=+=+=+=',
  'Z..............',
  '_',
];

describe('firewall names', () => {
  test('existing names are kept: wg0 → wg_site_wg0 and WGS-WG0-*, wg_hq → WGS-WG_HQ-*', () => {
    assert.equal(firewallTableName('wg0'), 'wg_site_wg0');
    assert.equal(iptablesChainName('wg0', 'FWD'), 'WGS-WG0-FWD');
    assert.equal(iptablesChainName('wg_hq', 'NAT'), 'WGS-WG_HQ-NAT');
  });

  test('wg-a and wg_a (and wgA, wga, wg.a, wg=a, wg+a) get different tables and chains', () => {
    const names = ['wg-a', 'wg_a', 'wgA', 'wga', 'wg.a', 'wg=a', 'wg+a'];
    assert.equal(new Set(names.map(firewallTableName)).size, names.length);
    assert.equal(new Set(names.map((n) => iptablesChainName(n, 'FWD'))).size, names.length);
  });

  test('no two interfaces (of every name up to 3 characters, and the extremes) share a table or a chain', () => {
    const names = [...shortNames(), ...EXTREME];
    assert.ok(names.length > 500);
    const tables = new Map<string, string>();
    const chains = new Map<string, string>();
    for (const name of names) {
      const table = firewallTableName(name);
      assert.equal(tables.get(table) ?? name, name, `${name} and ${tables.get(table)} share ${table}`);
      tables.set(table, name);
      assert.match(table, /^[A-Za-z_][A-Za-z0-9_./-]*$/, 'an nft identifier');
      for (const role of ROLES) {
        const chain = iptablesChainName(name, role);
        const key = `${name}/${role}`;
        assert.equal(chains.get(chain) ?? key, key, `${key} and ${chains.get(chain)} share ${chain}`);
        chains.set(chain, key);
        assert.ok(chain.length <= MAX_IPTABLES_CHAIN, `${chain} is longer than ${MAX_IPTABLES_CHAIN}`);
      }
    }
  });
});

function namespaceProblem(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root for unshare --net';
  const probe = spawnSync('unshare', ['--net', 'true']);
  return probe.status === 0 ? undefined : 'unshare --net does not work here';
}

function needNamespace(t: TestContext): boolean {
  const problem = namespaceProblem();
  if (problem === undefined) return true;
  if (process.env.CI === 'true') assert.fail(problem);
  t.skip(`skipped: ${problem}`);
  return false;
}

function siteWith(iface: string) {
  const { site, problems } = checkSite({
    interface: iface,
    name: 'alpha',
    lan: { interface: 'a=+.-_=+.-_=+.+', address: '192.168.1.1/24', subnets: ['192.168.1.0/24'] },
    tunnel: { address: '10.0.0.0/31' },
    routing: 'masquerade',
    firewall: { fromRemote: { tcp: [22], udp: [53] } },
    peers: [
      {
        name: 'beta',
        publicKey: 'xTqHAIn5UYtiVmEkpdJN9DxFUBjl6IPAVJ7QY1D99Vg=',
        tunnelAddress: '10.0.0.1',
        subnets: ['192.168.2.0/24', 'fd00:2::/64'],
      },
    ],
  });
  assert.ok(site, problems.map((p) => p.message).join('\n'));
  return planContext(site, { firewallBackend: 'nft' });
}

describe('the real tools accept the most awkward names', () => {
  for (const iface of EXTREME) {
    test(`nft loads and removes the ruleset of ${iface}; iptables runs its script up and down`, (t) => {
      if (!needNamespace(t)) return;
      const ctx = siteWith(iface);
      const dir = mkdtempSync(join(tmpdir(), 'wg-site-names-'));
      try {
        const nft = join(dir, 'rules.nft');
        const sh = join(dir, 'rules.sh');
        writeFileSync(nft, renderNftRuleset(ctx));
        writeFileSync(sh, renderIptablesScript(ctx));
        const table = firewallTableName(iface);
        const script = [
          `nft -f '${nft}'`,
          `nft list table inet '${table}' >/dev/null`,
          `nft 'add table inet ${table}; delete table inet ${table}'`,
          `sh '${sh}' up`,
          `iptables -w -S '${iptablesChainName(iface, 'FWD')}' >/dev/null`,
          `sh '${sh}' down`,
        ].join(' && ');
        const r = spawnSync('unshare', ['--net', 'sh', '-ec', script], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
