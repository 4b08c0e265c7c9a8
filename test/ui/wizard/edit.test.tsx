/** The wizard on a configured gateway: it edits the existing site file. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathsFor } from '../../../source/domain/plan/context.js';
import { planSite } from '../../../source/domain/plan/plan.js';
import { checkSite } from '../../../source/domain/site/validate.js';
import { startState } from '../../../source/domain/wizard/edit.js';
import type { HostReport } from '../../../source/domain/wizard/services.js';
import { FACTS, planFacts, GATEWAY_PUBLIC, KEY, press, renderWizard, REPORT, shows } from './harness.js';
import { atStep } from './walk.js';

const flat = (text: string) => text.replace(/\s+/g, ' ');
const SITE_PATH = '/etc/wg-site/wg0.json';
const facts = { ...FACTS, existingPublicKey: GATEWAY_PUBLIC };

/**
 * The alpha fixture without its preshared key (planSite duplicates the preshared-key hook of an
 * existing wg-quick file, a bug outside the wizard; test/system/wizard/edit.test.ts tracks it).
 */
const ALPHA_TEXT = readFileSync(
  new URL('../../fixtures/sites/alpha-default-router.json', import.meta.url),
  'utf8',
).replace(/,\s*"presharedKeyFile": "[^"]*"/, '');

function alphaSite(): Record<string, unknown> {
  assert.ok(!ALPHA_TEXT.includes('presharedKeyFile'));
  return JSON.parse(ALPHA_TEXT);
}

/** The files an earlier apply of the site wrote, as the review reads them; the site file as written by hand. */
function filesOnDisk(raw: Record<string, unknown>): Record<string, string> {
  const site = checkSite(raw).site!;
  const plan = planSite(site, planFacts(facts));
  return { [SITE_PATH]: ALPHA_TEXT, ...Object.fromEntries(plan.files.map((f) => [f.path, f.content])) };
}

function editing(raw: Record<string, unknown>) {
  const site = checkSite(raw).site;
  assert.ok(site);
  return startState({ facts, report: REPORT, existingSite: { path: SITE_PATH, site, problems: [] } });
}

describe('editing an existing site file', () => {
  test('step 1 says which file is edited and step 2 starts from it', async () => {
    const w = renderWizard({ state: editing(alphaSite()) });
    const detect = flat(await atStep(w, 1));
    assert.ok(detect.includes('Editing the existing site file /etc/wg-site/wg0.json'), detect);
    await press(w, KEY.enter);
    const site = flat(await atStep(w, 2));
    assert.ok(site.includes('Editing the existing site file /etc/wg-site/wg0.json'), site);
    assert.match(site, /Site name\s+alpha/);
    assert.match(site, /LAN interface\s+eth0/, 'the site file, not the detected eth1');
    assert.match(site, /Tunnel address\s+10\.0\.0\.1\/31/, 'the site file, not a proposed /31');
    w.instance.unmount();
  });

  test('Enter through every step shows no change on disk and applies the same site file', async () => {
    const raw = alphaSite();
    const w = renderWizard({ state: editing(raw), height: 40 });
    w.services.files = filesOnDisk(raw);
    for (let step = 1; step <= 7; step++) {
      await atStep(w, step);
      if (step === 3) assert.match(w.frame(), /keep the existing key file/);
      if (step === 4) assert.match(flat(w.frame()), /Far site name\s+beta/);
      if (step === 6) assert.match(w.frame(), /Routing\s+‹? ?default-router/);
      await press(w, KEY.enter);
    }
    await atStep(w, 8);
    const p = pathsFor('wg0');
    for (const path of [p.wgQuick, p.nft, p.sysctl]) await shows(w, `${path} (unchanged, 0`);
    await shows(w, `${p.site} (same settings, new layout, 0600)`);
    assert.doesNotMatch(w.frame(), /\((new|changed),/);
    await press(w, KEY.enter);
    await shows(w, 'Trial: reverts in 60 s');
    assert.equal(w.services.applied.length, 1);
    const request = w.services.applied[0]!;
    assert.deepEqual(request.siteFile, raw);
    assert.equal(request.privateKey, 'existing');
    assert.ok(!w.services.calls.some((c) => c.startsWith('generateKey')), 'the existing key is kept');
    w.instance.unmount();
  });

  test('a broken site file is shown on step 1 and the wizard starts from the host', async () => {
    const problems = ['/etc/wg-site/wg0.json: peers[0].tunnelAddress: "10.0.0.300": part 4 is 300.'];
    const report: HostReport = {
      ...REPORT,
      problems: [
        {
          message: problems[0]!,
          fix: 'the wizard starts from the host and replaces the file when applied; to keep it, fix it by hand and run wg-site setup again.',
        },
        ...REPORT.problems,
      ],
    };
    const state = startState({
      facts,
      report,
      existingSite: { path: SITE_PATH, site: undefined, problems },
    });
    const w = renderWizard({ state, report, height: 30 });
    const detect = flat(await atStep(w, 1));
    assert.ok(detect.includes('peers[0].tunnelAddress'), detect);
    assert.ok(detect.includes('starts from the host and replaces the file'), detect);
    assert.ok(!detect.includes('Editing the existing site file'));
    await press(w, KEY.enter);
    assert.match(flat(await atStep(w, 2)), /Proposed from the host/);
    w.instance.unmount();
  });
});
