/**
 * The admin's own lines survive a re-plan: every wg-quick file in test/fixtures/wg-config (the seeds'
 * examples, odd formatting, and shapes seen in the wild) is used as the existing file of a site with
 * the same peers; every line wg-site does not manage comes out byte for byte and in order, and
 * planning again over the result changes nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planSite } from '../../../source/domain/plan/plan.js';
import { isOwnHook } from '../../../source/domain/plan/own-hooks.js';
import type { Site } from '../../../source/domain/site/model.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';
import { parseWgConfig, readConfig } from '../../../source/domain/wg-config/index.js';
import { allLines } from '../../../source/domain/wg-config/render.js';
import type { KnownKey } from '../../../source/domain/wg-config/types.js';
import { KEYS, fixture, fixtureNames } from '../wg-config/fixtures.js';

const facts = { firewallBackend: 'nft' as const, uplinkMtu: 1500 };

/** Keys whose lines the plan rewrites from the site file. */
const MANAGED = new Set<KnownKey>([
  'Address',
  'ListenPort',
  'MTU',
  'PrivateKey',
  'SaveConfig',
  'PublicKey',
  'PresharedKey',
  'Endpoint',
  'AllowedIPs',
  'PersistentKeepalive',
]);

/** A site for interface wg0 whose peers are the file's peers (same public keys, same order). */
function siteFor(text: string): Site {
  const settings = readConfig(parseWgConfig(text).document);
  const v6 =
    settings.interface.addresses.length > 0 && settings.interface.addresses.every((a) => a.includes(':'));
  const site = {
    interface: 'wg0',
    name: 'here',
    lan: v6
      ? { interface: 'eth1', address: 'fd10:77::1/64', subnets: ['fd10:77::/64'] }
      : { interface: 'eth1', address: '192.168.77.1/24', subnets: ['192.168.77.0/24'] },
    tunnel: { address: v6 ? 'fd00:77::1/64' : '10.77.0.1/24' },
    routing: 'masquerade',
    peers: (settings.peers.length > 0 ? settings.peers : [{ publicKey: KEYS.publicC }]).map((peer, n) => ({
      name: `site-${n}`,
      publicKey: peer.publicKey,
      tunnelAddress: v6 ? `fd00:77::${n + 2}` : `10.77.0.${n + 2}`,
      subnets: [v6 ? `fd20:${n}::/64` : `10.${100 + n}.0.0/24`],
    })),
  };
  const { site: checked, problems } = checkSiteText(JSON.stringify(site));
  assert.deepEqual(problems, []);
  return checked!;
}

/** The lines of TEXT (with their line endings) that belong to the admin, not to wg-site. */
function adminLines(text: string): string[] {
  return allLines(parseWgConfig(text).document)
    .filter((line) => {
      if (line.kind !== 'entry') return true;
      if (MANAGED.has(line.key!)) return false;
      return !(line.key!.endsWith('Up') || line.key!.endsWith('Down')) || !isOwnHook(line.valueText!, 'wg0');
    })
    .map((line) => line.text + line.eol);
}

/** Assert that NEEDLES appear in HAYSTACK in the same order (other lines may come between). */
function assertSubsequence(needles: string[], haystack: string[], label: string): void {
  let at = 0;
  for (const needle of needles) {
    const found = haystack.indexOf(needle, at);
    assert.ok(found >= 0, `${label}: ${JSON.stringify(needle)} is missing or out of order`);
    at = found + 1;
  }
}

function linesOf(text: string): string[] {
  return allLines(parseWgConfig(text).document).map((line) => line.text + line.eol);
}

describe('re-planning over an existing wg-quick file', () => {
  for (const name of fixtureNames) {
    test(`keeps every admin line of ${name} byte for byte and in order, and is a fixed point`, () => {
      const before = fixture(name);
      const site = siteFor(before);
      const first = planSite(site, facts, before).files[0]!.content;
      assertSubsequence(adminLines(before), linesOf(first), name);
      const second = planSite(site, facts, first).files[0]!.content;
      assert.equal(second, first, `${name}: a second re-plan changes the file`);
    });
  }

  test("keeps the admin's hooks that name wg-site's own files, next to wg-site's hooks", () => {
    const before = fixture('wild-postup-chains.conf');
    const out = planSite(siteFor(before), facts, before).files[0]!.content;
    assert.match(out, /^PostUp = cp \/etc\/wireguard\/wg0\.conf \/root\/wg0\.conf\.bak$/m);
    assert.match(out, /^PostUp = wg set %i private-key \/etc\/wireguard\/wg0\.key # wg-site$/m);
    assert.ok(
      out.indexOf('# wg-site') < out.indexOf('PostUp = cp '),
      "wg-site's hooks go first when the file had none",
    );
  });

  test('migrates a file written before the marker: old lines are replaced, nothing is doubled', () => {
    const site = siteFor(fixture('wild-postup-chains.conf'));
    const withPsk = {
      ...site,
      peers: [{ ...site.peers[0]!, presharedKeyFile: '/etc/wireguard/wg0-laptop.psk' }],
    };
    const fresh = planSite(withPsk, facts).files[0]!.content;
    const admin = 'PostUp = cp /etc/wireguard/wg0.conf /root/wg0.conf.bak\n';
    const legacy = fresh.replaceAll(' # wg-site\n', '\n').replace('PostDown', `${admin}PostDown`);
    assert.notEqual(legacy, fresh);
    const out = planSite(withPsk, facts, legacy).files[0]!.content;
    const names = fresh.split('\n').filter((l) => l.startsWith('# ') && l.endsWith(' # wg-site'));
    let expected = fresh.replace('PostDown', `${admin}PostDown`);
    for (const line of names) expected = expected.replace(line, line.slice(0, -' # wg-site'.length));
    assert.equal(out, expected);
    assert.equal(planSite(withPsk, facts, out).files[0]!.content, out);
  });

  test('puts its hooks back where its old lines were, between the admin’s', () => {
    const site = siteFor(fixture('wild-postup-chains.conf'));
    const previous = [
      '[Interface]',
      'PostUp = echo before',
      'PostUp = nft -f /etc/wireguard/wg0.nft # wg-site',
      'PostUp = echo after',
      '',
    ].join('\n');
    const out = planSite(site, facts, previous).files[0]!.content;
    const hooks = out.split('\n').filter((l) => l.startsWith('PostUp'));
    assert.deepEqual(hooks, [
      'PostUp = echo before',
      'PostUp = wg set %i private-key /etc/wireguard/wg0.key # wg-site',
      'PostUp = nft -f /etc/wireguard/wg0.nft # wg-site',
      'PostUp = echo after',
    ]);
  });
});
