import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { planSite } from '../../../source/domain/plan/plan.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';

const dir = new URL('../../fixtures/sites/', import.meta.url);

for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  test(`re-planning ${name} over its own wg-quick file changes nothing (no hook piles up)`, () => {
    const { site, problems } = checkSiteText(readFileSync(new URL(name, dir), 'utf8'));
    assert.deepEqual(problems, []);
    const facts = { firewallBackend: 'nft' as const, uplinkMtu: 1500 };
    const first = planSite(site!, facts).files[0]!.content;
    const second = planSite(site!, facts, first).files[0]!.content;
    const third = planSite(site!, facts, second).files[0]!.content;
    assert.equal(second, first);
    assert.equal(third, first);
  });
}
