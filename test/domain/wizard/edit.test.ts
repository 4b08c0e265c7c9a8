import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkSite, parseSite } from '../../../source/domain/site/validate.js';
import { prefillFromSite, startState } from '../../../source/domain/wizard/edit.js';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { siteFileFrom } from '../../../source/domain/wizard/site-file.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import type { HostReport } from '../../../source/domain/wizard/services.js';
import type { WizardEffect, WizardHostFacts, WizardState } from '../../../source/domain/wizard/types.js';
import { CASES } from './edit-cases.js';
import { keys, nextTo, publicFacts, run } from './helpers.js';

const gateway = keys('low');
const facts: WizardHostFacts = { ...publicFacts, existingPublicKey: gateway.publicKey };

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/sites/${name}.json`, import.meta.url), 'utf8'));
}

function prefilled(name: string, from = facts): WizardState {
  return prefillFromSite(initialState(from), fixture(name));
}

/** From the detect step through review with Enter only; returns the apply effect. */
function enterThrough(state: WizardState): Extract<WizardEffect, { kind: 'apply' }> {
  let s = state;
  for (const step of ['site', 'keys', 'far-site', 'allowed-ips', 'routing', 'firewall', 'review'] as const)
    s = nextTo(s, step);
  s = transition(s, { type: 'next' });
  assert.equal(s.step, 'apply');
  const effect = s.effects[0];
  assert.ok(effect?.kind === 'apply');
  return effect;
}

describe('prefillFromSite fills every step from the site file', () => {
  for (const [name, expected] of Object.entries(CASES)) {
    test(`${name}: fields, choices and the peers kept aside`, () => {
      const s = prefilled(name);
      const { ownEndpoint: _proposed, ...fields } = s.fields;
      assert.deepEqual(fields, expected.fields);
      assert.deepEqual(s.choices, { ...expected.choices, keys: 'keep' });
      assert.deepEqual(
        s.editing?.otherPeers.map((p) => p.name),
        expected.others,
      );
      assert.equal(s.editing?.presharedKeyFile, expected.psk);
      assert.equal(s.editing?.path, `/etc/wg-site/${expected.fields.interface}.json`);
      assert.deepEqual(s.errors, {});
      assert.equal(s.step, 'detect');
    });
  }
});

describe('the round trip', () => {
  for (const name of Object.keys(CASES)) {
    test(`${name}: siteFileFrom of the prefilled state checks to the same Site as the file`, () => {
      const original = checkSite(fixture(name));
      assert.deepEqual(original.problems, []);
      const fromRaw = checkSite(siteFileFrom(prefilled(name)));
      assert.deepEqual(fromRaw.problems, []);
      assert.deepEqual(fromRaw.site, original.site);
      const fromSite = checkSite(siteFileFrom(prefillFromSite(initialState(facts), original.site)));
      assert.deepEqual(fromSite.site, original.site);
    });

    test(`${name}: Enter through every step asks to apply the same site file with the existing key`, () => {
      const effect = enterThrough(prefilled(name));
      assert.deepEqual(checkSite(effect.siteFile).site, checkSite(fixture(name)).site);
      assert.equal(effect.privateKey, 'existing');
      assert.equal(effect.previousWgQuick, undefined, 'apply keeps the wg-quick file on disk');
      const psk = CASES[name]!.psk;
      assert.deepEqual(
        effect.presharedKey,
        psk === undefined ? undefined : { path: psk, source: 'generate' },
      );
    });
  }
});

describe('editing', () => {
  test('without a key file the keys step proposes a new key and says what that means', () => {
    const s = prefilled('alpha-default-router', publicFacts);
    assert.equal(s.choices.keys, 'generate');
    assert.ok(s.notices.some((n) => /no key file \/etc\/wireguard\/wg0\.key.*new public key/.test(n)));
  });

  test('a site with several peers says which one the wizard edits', () => {
    const s = prefilled('hub-masquerade-three-peers');
    assert.ok(
      s.notices.some((n) =>
        n.includes('3 peers: the wizard edits the first (shop-1) and keeps shop-2, warehouse as they are'),
      ),
    );
  });

  test('an edit to the first peer keeps the other peers as they were', () => {
    let s = prefilled('hub-masquerade-three-peers');
    s = run(s, { type: 'edit', field: 'farSubnets', value: '192.168.10.0/24, 192.168.11.0/24' });
    const file = siteFileFrom(s);
    assert.deepEqual(file.peers[0]!.subnets, ['192.168.10.0/24', '192.168.11.0/24']);
    assert.deepEqual(
      file.peers.slice(1),
      (fixture('hub-masquerade-three-peers').peers as unknown[]).slice(1),
    );
    assert.deepEqual(checkSite(file).problems, []);
  });

  test('a LAN subnet that clashes with a kept peer blocks the site step with the reason', () => {
    let s = nextTo(prefilled('hub-masquerade-three-peers'), 'site');
    s = run(
      s,
      { type: 'edit', field: 'lanSubnets', value: '172.16.0.0/24, 192.168.30.0/24' },
      { type: 'next' },
    );
    assert.equal(s.step, 'site');
    assert.ok(
      s.blockers.some((b) => b.includes('192.168.30.0/24')),
      s.blockers.join('\n'),
    );
  });

  test("the preshared key file named in the site file stays when the peer's name changes", () => {
    const s = run(prefilled('alpha-default-router'), { type: 'edit', field: 'farName', value: 'bravo' });
    assert.equal(siteFileFrom(s).peers[0]!.presharedKeyFile, '/etc/wireguard/wg0-beta.psk');
  });

  test('prefilled values are kept when a field they would follow changes', () => {
    const s = run(prefilled('alpha-default-router'), {
      type: 'edit',
      field: 'lanAddress',
      value: '192.168.1.2/24',
    });
    assert.equal(s.fields.lanSubnets, '192.168.1.0/24');
    assert.equal(s.fields.tunnelAddress, '10.0.0.1/31');
  });

  test('a site file without lan.interface gets the detected one', () => {
    const raw = fixture('alpha-default-router');
    delete (raw.lan as Record<string, unknown>).interface;
    const s = prefillFromSite(initialState(facts), raw);
    assert.equal(s.fields.lanInterface, 'eth1');
    assert.equal(siteFileFrom(s).lan.interface, 'eth1');
  });

  test('an invalid site file leaves the fresh state and names its problem', () => {
    const raw = { ...fixture('alpha-default-router'), routing: 'bridge' };
    const fresh = initialState(facts);
    const s = prefillFromSite(fresh, raw, '/etc/wg-site/wg0.json');
    assert.deepEqual(s.fields, fresh.fields);
    assert.equal(s.editing, undefined);
    assert.equal(s.notices.length, 1);
    assert.match(
      s.notices[0]!,
      /^\/etc\/wg-site\/wg0\.json cannot be edited, starting from the host: .*routing/,
    );
  });

  test("a peer with this gateway's own public key is refused", () => {
    const raw = fixture('alpha-default-router');
    (raw.peers as Array<Record<string, unknown>>)[0]!.publicKey = gateway.publicKey;
    const s = prefillFromSite(initialState(facts), raw);
    assert.equal(s.editing, undefined);
    assert.match(s.notices[0]!, /own public key/);
  });
});

describe('startState', () => {
  const report = {} as HostReport;
  test('edits the site file detection found sound', () => {
    const site = parseSite(fixture('alpha-default-router'));
    const s = startState({
      facts,
      report,
      existingSite: { path: '/etc/wg-site/wg0.json', site, problems: [] },
    });
    assert.equal(s.editing?.path, '/etc/wg-site/wg0.json');
    assert.equal(s.fields.name, 'alpha');
  });

  test('starts from the host without a site file, or with a broken one', () => {
    const fresh = initialState(facts);
    assert.deepEqual(startState({ facts, report }), fresh);
    const broken = { path: '/etc/wg-site/wg0.json', site: undefined, problems: ['name is missing'] };
    assert.deepEqual(startState({ facts, report, existingSite: broken }), fresh);
  });
});
