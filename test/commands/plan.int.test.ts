/**
 * End-to-end: the real CLI (`node --import tsx source/cli.tsx plan --site X --out D`) on every site
 * file in test/fixtures/sites, then the real tools on what it wrote: `wg-quick strip` and `wg` parse
 * the wg-quick file, `nft -f` loads the ruleset (twice: reloading is idempotent), and the iptables
 * script runs `up` twice and `down` once, all inside a scratch network namespace (`unshare --net`).
 * Without root or unshare the namespace tests are skipped with a message, and fail when CI=true.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { firewallTableName, iptablesChainName } from '../../source/domain/plan/context.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realToolsAvailable, wgParseError } from '../domain/wg-config/real-tools.js';

const repo = join(import.meta.dirname, '..', '..');
const sitesDir = join(repo, 'test', 'fixtures', 'sites');
const sites = readdirSync(sitesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function run(file: string, args: string[]) {
  const result = spawnSync(file, args, { encoding: 'utf8', cwd: repo, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Can this process make a network namespace with nft and iptables in it? */
const namespaceProblem = ((): string | undefined => {
  if (process.getuid?.() !== 0) return 'not running as root';
  const probe = run('unshare', ['--net', 'sh', '-c', 'nft list ruleset && iptables-save && ip6tables-save']);
  if (probe.status !== 0) return `unshare --net with nft/iptables failed: ${probe.stderr.trim()}`;
  return undefined;
})();

/** Skip (with a visible reason) when namespaces are unavailable; in CI that is a failure instead. */
function needNamespace(t: TestContext): boolean {
  if (namespaceProblem === undefined) return true;
  assert.notEqual(process.env.CI, 'true', `CI must be able to run this test: ${namespaceProblem}`);
  t.skip(`skipped: ${namespaceProblem}`);
  return false;
}

/** Run the real CLI's plan command and return the output directory and the interface name. */
function planInto(site: string, backend: 'nft' | 'iptables'): { dir: string; iface: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wg-site-plan-'));
  const args = ['--import', 'tsx', 'source/cli.tsx', 'plan', '--site', join(sitesDir, site)];
  const result = run(process.execPath, [...args, '--out', dir, '--backend', backend, '--fresh']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Wrote 3 files below /);
  const raw = JSON.parse(readFileSync(join(sitesDir, site), 'utf8')) as { interface?: string };
  return { dir, iface: raw.interface ?? 'wg0' };
}

/** The tables of an iptables-save / ip6tables-save dump, with their `-A` rules. */
function tableBlocks(dump: string): { name: string; rules: string[] }[] {
  const blocks: { name: string; rules: string[] }[] = [];
  for (const line of dump.split('\n')) {
    if (line.startsWith('*')) blocks.push({ name: line.slice(1), rules: [] });
    else if (line.startsWith('-A ')) blocks.at(-1)?.rules.push(line);
  }
  return blocks;
}

const tableLine = (iface: string) => `table inet ${firewallTableName(iface)} {`;
/** The start every wg-site iptables chain of `iface` has (`WGS-WG0-`, `wgs-wg-hq-`). */
const chainStem = (iface: string) => iptablesChainName(iface, 'IN').slice(0, -'IN'.length);

for (const site of sites) {
  describe(`wg-site plan --site ${site}`, () => {
    test('writes a wg-quick file that wg-quick strip and wg accept', (t) => {
      const { dir, iface } = planInto(site, 'nft');
      try {
        const conf = join(dir, 'etc', 'wireguard', `${iface}.conf`);
        assert.equal(statSync(conf).mode & 0o777, 0o600);
        if (!realToolsAvailable) {
          assert.notEqual(process.env.CI, 'true', 'CI must have wg and wg-quick');
          t.skip('skipped: wg or wg-quick is not installed');
          return;
        }
        const stripped = run('wg-quick', ['strip', conf]);
        assert.equal(stripped.status, 0, stripped.stderr);
        assert.match(stripped.stdout, /^\[Interface\]/m);
        assert.doesNotMatch(stripped.stdout, /^(Address|MTU|PostUp|PostDown)\s*=/im);
        assert.equal(wgParseError(stripped.stdout), undefined);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('writes an nft ruleset that loads in a scratch namespace, and reloads without duplicates', (t) => {
      if (!needNamespace(t)) return;
      const { dir, iface } = planInto(site, 'nft');
      try {
        const ruleset = join(dir, 'etc', 'wireguard', `${iface}.nft`);
        const once = run('unshare', ['--net', 'nft', '-f', ruleset]);
        assert.equal(once.status, 0, once.stderr);
        const list = `nft -f '${ruleset}' && nft list ruleset`;
        const twice = run('unshare', ['--net', 'sh', '-c', `${list} && echo ==== && ${list}`]);
        assert.equal(twice.status, 0, twice.stderr);
        const [first, second] = twice.stdout.split('====\n');
        assert.equal(second, first, 'loading the ruleset again leaves exactly the same ruleset');
        const tables = second!.split('\n').filter((line) => line.startsWith('table '));
        assert.deepEqual(tables, [tableLine(iface)]);
        const masquerade = /masquerade/.test(second!);
        const routing = (JSON.parse(readFileSync(join(sitesDir, site), 'utf8')) as { routing: string })
          .routing;
        assert.equal(masquerade, routing === 'masquerade');
        for (const chain of ['input', 'forward'])
          assert.equal(second!.split(`chain ${chain} {`).length - 1, 1, chain);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('writes an iptables script whose up is idempotent and whose down removes every chain', (t) => {
      if (!needNamespace(t)) return;
      const { dir, iface } = planInto(site, 'iptables');
      try {
        const script = join(dir, 'etc', 'wireguard', `${iface}.iptables.sh`);
        assert.ok(existsSync(script));
        assert.equal(statSync(script).mode & 0o777, 0o700);
        const save = 'iptables-save; ip6tables-save';
        const up = run('unshare', ['--net', 'sh', '-c', `sh '${script}' up && sh '${script}' up && ${save}`]);
        assert.equal(up.status, 0, up.stderr);
        const blocks = tableBlocks(up.stdout);
        const ours = blocks.filter((b) => b.rules.some((r) => r.includes(chainStem(iface))));
        assert.ok(ours.length >= 2, 'filter and mangle (and nat for masquerade) hold our chains');
        for (const block of blocks) {
          assert.equal(new Set(block.rules).size, block.rules.length, `a rule repeats in ${block.name}`);
          const jumps = block.rules.filter((r) => /^-A [A-Z]+ -j /.test(r) && r.includes(chainStem(iface)));
          const builtins = jumps.map((r) => r.split(' ')[1]);
          assert.equal(new Set(builtins).size, builtins.length, `two jumps from one chain in ${block.name}`);
        }
        assert.equal(
          ours.some((b) => b.name === 'nat'),
          /"routing": "masquerade"/.test(readFileSync(join(sitesDir, site), 'utf8')),
          'a nat chain only for masquerade',
        );

        const down = run('unshare', [
          '--net',
          'sh',
          '-c',
          `sh '${script}' up && sh '${script}' down && ${save}`,
        ]);
        assert.equal(down.status, 0, down.stderr);
        assert.equal(down.stdout.includes(chainStem(iface)), false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
