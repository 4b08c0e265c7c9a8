// Issue 8 §1, the lab half of the hostile-value sweep: every hostile string in every string field of
// gwA's site file (fields derived from the schema) is either refused naming its field, or the files
// planned from it are brought up and down by stock wg-quick on gwA without the canary file appearing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePrivateKey, publicKeyOf } from '../../source/domain/keys.js';
import { planSite, type PlannedFile } from '../../source/domain/plan/plan.js';
import { siteJsonSchema } from '../../source/domain/site/schema.js';
import { checkSite } from '../../source/domain/site/validate.js';
import { hostileCases, withValueAt } from '../fixtures/hostile-values.js';
import { labDown, labExec, labUp, requireLab } from './lab.js';
import { labSiteFile } from './site-files.js';

const PSK_PATH = '/etc/wireguard/wg0-site-b.psk';

async function must(argv: string[], input?: string): Promise<void> {
  const r = await labExec('gwA', argv, { timeoutMs: 60_000, ...(input === undefined ? {} : { input }) });
  assert.equal(r.exitCode, 0, `${argv.join(' ')}: ${r.stderr}`);
}

test('hostile values are refused naming their field, or run under stock wg-quick without touching the canary', async (t) => {
  if (!requireLab(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'wg-site-canary-'));
  const canary = join(dir, 'canary');
  const base = labSiteFile('A', 'masquerade', publicKeyOf(generatePrivateKey()));
  const raw = { $schema: 'https://example.net/wg-site.schema.json', ...base };
  raw.peers[0]!.presharedKeyFile = PSK_PATH;
  const renderings = new Map<string, PlannedFile[]>();
  let refused = 0;
  for (const c of hostileCases(siteJsonSchema(), raw, canary)) {
    const { site, problems } = checkSite(withValueAt(raw, c.path, c.value));
    if (!site) {
      assert.ok(
        problems.some((p) => p.field === c.field),
        `${c.hostile.name} in ${c.field}: no problem names the field`,
      );
      refused++;
      continue;
    }
    const files = planSite(site, { firewallBackend: 'nft', uplinkMtu: 1500 }).files;
    renderings.set(JSON.stringify(files), files);
  }
  assert.ok(refused > 0 && renderings.size > 0, `${refused} refused, ${renderings.size} renderings`);
  await labUp();
  try {
    await must(['sh', '-c', `umask 077; wg genkey > /etc/wireguard/wg0.key; wg genpsk > ${PSK_PATH}`]);
    for (const files of renderings.values()) {
      for (const file of files)
        await must(['sh', '-c', 'umask 077; cat > "$1"', 'sh', file.path], file.content);
      await must(['wg-quick', 'up', 'wg0']);
      await must(['wg-quick', 'down', 'wg0']);
      assert.equal(existsSync(canary), false, 'a hostile value ran as code');
    }
  } finally {
    await labDown();
    rmSync(dir, { recursive: true, force: true });
  }
});
