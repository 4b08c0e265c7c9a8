/**
 * Issue 8 §1, the pure half of the sweep: each hostile string in every string field of the site file
 * (fields derived from its JSON Schema) is either refused naming that field, or reaches no hook line,
 * firewall file or sysctl file (the rendered files equal those of the untouched site). The lab half
 * (test/lab/hostile-values.e2e.test.ts) runs stock wg-quick on what is accepted.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NameError } from '../../../source/domain/errors.js';
import { planSite } from '../../../source/domain/plan/plan.js';
import { siteJsonSchema } from '../../../source/domain/site/schema.js';
import { checkSite } from '../../../source/domain/site/validate.js';
import {
  fieldName,
  hasControlCharacter,
  hostileCases,
  stringFieldPaths,
  withValueAt,
} from '../../fixtures/hostile-values.js';

const base = {
  $schema: 'https://example.net/wg-site.schema.json',
  ...(JSON.parse(
    readFileSync(new URL('../../fixtures/sites/alpha-default-router.json', import.meta.url), 'utf8'),
  ) as object),
};
const CANARY = '/tmp/wg-site-canary';
const facts = { firewallBackend: 'nft' as const, uplinkMtu: 1500 };

function rendered(raw: unknown, backend: 'nft' | 'iptables'): string[] {
  const { site } = checkSite(raw);
  assert.ok(site);
  return planSite(site, { ...facts, firewallBackend: backend }).files.map((f) => `${f.path}\n${f.content}`);
}

describe('hostile values in the site file', () => {
  test('the sweep covers every string field of the schema', () => {
    const fields = stringFieldPaths(siteJsonSchema()).map(fieldName);
    for (const expected of [
      '$schema',
      'interface',
      'name',
      'lan.interface',
      'lan.address',
      'lan.subnets[0]',
      'tunnel.address',
      'routing',
      'firewall.fromRemote',
      'peers[0].name',
      'peers[0].publicKey',
      'peers[0].endpoint',
      'peers[0].tunnelAddress',
      'peers[0].subnets[0]',
      'peers[0].presharedKeyFile',
    ])
      assert.ok(fields.includes(expected), `${expected} is not swept`);
  });

  const expected = { nft: rendered(base, 'nft'), iptables: rendered(base, 'iptables') };
  const cases = hostileCases(siteJsonSchema(), base, CANARY);
  for (const field of new Set(cases.map((c) => c.field))) {
    test(`every hostile value in ${field} is refused naming ${field}, or changes no rendered file`, () => {
      for (const c of cases.filter((k) => k.field === field)) {
        const label = `${c.hostile.name} ${JSON.stringify(c.value.slice(0, 60))}`;
        const { site, problems } = checkSite(withValueAt(base, c.path, c.value));
        if (site) {
          for (const backend of ['nft', 'iptables'] as const)
            assert.deepEqual(rendered(withValueAt(base, c.path, c.value), backend), expected[backend], label);
          continue;
        }
        assert.ok(
          problems.some((p) => p.field === field),
          `${label}: no problem names ${field}: ${problems.map((p) => `${p.field}: ${p.message}`).join(' | ')}`,
        );
        for (const p of problems)
          assert.equal(
            hasControlCharacter(p.message),
            false,
            `${label}: the message holds a control character`,
          );
      }
    });
  }
});

describe('a LAN interface detected on the host', () => {
  const { site } = checkSite({ ...base, lan: { subnets: ['192.168.1.0/24'] } });
  // The kernel allows names the grammar refuses (anything but "/", ":" and white space).
  for (const name of ['eth;0', '$(id)', '-eth0', 'eth"0']) {
    test(`${JSON.stringify(name)} is refused naming lan.interface, not written into rules`, () => {
      assert.ok(site);
      assert.throws(
        () => planSite(site, { ...facts, lanInterface: name, lanAddress: '192.168.1.10/24' }),
        (error: unknown) => error instanceof NameError && error.field === 'lan.interface',
      );
    });
  }
});
