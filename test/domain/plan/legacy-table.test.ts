import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { planSite } from '../../../source/domain/plan/plan.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';

const site = checkSiteText(
  readFileSync(new URL('../../fixtures/sites/hq-static-route-two-peers.json', import.meta.url), 'utf8'),
).site!;
const facts = { firewallBackend: 'nft' as const };

test('an older file of wg-hq (table wg_site_wg_hq) is migrated: the old PostDown is replaced and the old table reported', () => {
  assert.equal(site.interface, 'wg-hq');
  const older = [
    '[Interface]',
    'ListenPort = 51821',
    'PostUp = wg set %i private-key /etc/wireguard/wg-hq.key',
    'PostUp = nft -f /etc/wireguard/wg-hq.nft',
    "PostDown = nft 'add table inet wg_site_wg_hq; delete table inet wg_site_wg_hq'",
    'PostDown = logger wg-hq went down',
    '',
  ].join('\n');
  const plan = planSite(site, facts, older);
  const conf = plan.files.find((f) => f.path === '/etc/wireguard/wg-hq.conf')!.content;
  assert.doesNotMatch(conf, /wg_site_wg_hq/, 'the old remove line is wg-site’s and is replaced');
  assert.match(
    conf,
    /PostDown = nft 'add table inet wg_site_wg-hq; delete table inet wg_site_wg-hq' # wg-site/,
  );
  assert.match(conf, /PostDown = logger wg-hq went down\n/, 'the admin’s own line stays');
  assert.ok(
    plan.warnings.some((w) => w.includes('nft delete table inet wg_site_wg_hq')),
    plan.warnings.join('\n'),
  );
});

test('a file already on the new names gets no such warning', () => {
  const fresh = planSite(site, facts);
  const again = planSite(site, facts, fresh.files.find((f) => f.path.endsWith('.conf'))!.content);
  assert.ok(!again.warnings.some((w) => w.includes('older wg-site')));
});
