import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PEERS, MAX_PORTS, MAX_SUBNETS } from '../../../source/domain/input-limits.js';
import { planSite } from '../../../source/domain/plan/plan.js';
import { siteJsonSchema } from '../../../source/domain/site/schema.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';
import { largeSiteText } from './large-site.js';

const facts = { firewallBackend: 'nft' as const, uplinkMtu: 1500 };

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit raw site JSON */
function edited(text: string, edit: (raw: any) => void): string {
  const raw = JSON.parse(text);
  edit(raw);
  return JSON.stringify(raw);
}

describe('the largest allowed site', () => {
  test(`a site with ${MAX_PEERS} peers is checked and planned in well under a second`, () => {
    const text = largeSiteText(MAX_PEERS, 2);
    // A first small site compiles the schema and the code paths; what is timed is the work itself,
    // as the fastest of three runs, so a busy machine's scheduling does not count as our time.
    planSite(checkSiteText(largeSiteText(2, 1)).site!, facts);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      const { site, problems } = checkSiteText(text);
      assert.deepEqual(
        problems.map((p) => p.message),
        [],
      );
      const plan = planSite(site!, facts);
      times.push(performance.now() - start);
      assert.equal(plan.site.peers.length, MAX_PEERS);
      assert.equal(plan.files[0]!.content.match(/^\[Peer\]$/gm)?.length, MAX_PEERS);
    }
    assert.ok(Math.min(...times) < 1000, `took ${times.map(Math.round).join(', ')} ms`);
  });

  test(`a site with ${MAX_PEERS} peers of ${MAX_SUBNETS} subnets each is checked in seconds, not minutes`, () => {
    const text = largeSiteText(MAX_PEERS, MAX_SUBNETS);
    const times: number[] = [];
    for (let run = 0; run < 2; run++) {
      const start = performance.now();
      assert.ok(checkSiteText(text).site);
      times.push(performance.now() - start);
    }
    assert.ok(Math.min(...times) < 5000, `took ${times.map(Math.round).join(', ')} ms`);
  });

  test('every peer claiming the same subnet gives one problem per peer, quickly', () => {
    const text = edited(largeSiteText(MAX_PEERS, 1), (raw) => {
      for (const peer of raw.peers) peer.subnets = ['172.20.0.0/16'];
    });
    const start = performance.now();
    const { problems } = checkSiteText(text);
    assert.equal(problems.length, MAX_PEERS - 1);
    assert.match(
      problems[0]!.message,
      /peers\[1\]\.subnets\[0\] 172\.20\.0\.0\/16 is already claimed by peer "site0"/,
    );
    assert.ok(performance.now() - start < 5000);
  });
});

describe('lists beyond their limit are refused with one sentence', () => {
  const site = largeSiteText(2, 1);
  const cases: Array<[string, (raw: any) => void, string, RegExp]> = [
    [
      `${MAX_PEERS + 1} peers`,
      (raw) => {
        raw.peers = JSON.parse(largeSiteText(MAX_PEERS + 1, 1)).peers;
      },
      'peers',
      new RegExp(`^peers has ${MAX_PEERS + 1} entries; at most ${MAX_PEERS} are allowed\\.$`),
    ],
    [
      '300 000 empty peers',
      (raw) => {
        raw.peers = Array.from({ length: 300_000 }, () => ({}));
      },
      'peers',
      /^peers has 300000 entries; at most 250 are allowed\.$/,
    ],
    [
      `${MAX_SUBNETS + 1} LAN subnets`,
      (raw) => {
        raw.lan.subnets = Array.from({ length: MAX_SUBNETS + 1 }, (_, i) => `192.168.${i}.0/24`);
      },
      'lan.subnets',
      new RegExp(`lan\\.subnets has ${MAX_SUBNETS + 1} entries; at most ${MAX_SUBNETS} are allowed`),
    ],
    [
      `${MAX_SUBNETS + 1} subnets of one peer`,
      (raw) => {
        raw.peers[1].subnets = Array.from({ length: MAX_SUBNETS + 1 }, (_, i) => `10.9.${i}.0/24`);
      },
      'peers[1].subnets',
      /peers\[1\]\.subnets has 17 entries; at most 16/,
    ],
    [
      `${MAX_PORTS + 1} TCP ports`,
      (raw) => {
        raw.firewall.fromRemote.tcp = Array.from({ length: MAX_PORTS + 1 }, (_, i) => i + 1);
      },
      'firewall.fromRemote.tcp',
      /firewall\.fromRemote\.tcp has 65 entries; at most 64/,
    ],
    [
      'a million numbers in a list of subnets',
      (raw) => {
        raw.peers[0].subnets = Array.from({ length: 1_000_000 }, () => 1);
      },
      'peers[0].subnets',
      /^peers\[0\]\.subnets has 1000000 entries; at most 250 are allowed\.$/,
    ],
  ];
  for (const [name, edit, field, pattern] of cases) {
    test(`${name} are refused at ${field}`, () => {
      const start = performance.now();
      const { site: checked, problems } = checkSiteText(edited(site, edit));
      assert.equal(checked, undefined);
      assert.equal(problems.length, 1, problems.map((p) => p.message).join('\n'));
      assert.equal(problems[0]!.field, field);
      assert.match(problems[0]!.message, pattern);
      assert.ok(performance.now() - start < 5000);
    });
  }
});

test('the JSON Schema states the same limits as maxItems', () => {
  const schema = siteJsonSchema() as any;
  assert.equal(schema.properties.peers.maxItems, MAX_PEERS);
  assert.equal(schema.properties.lan.properties.subnets.maxItems, MAX_SUBNETS);
  const peer = schema.properties.peers.items;
  assert.equal(peer.properties.subnets.maxItems, MAX_SUBNETS);
  const ports = schema.properties.firewall.properties.fromRemote.anyOf.find((s: any) => s.type === 'object');
  assert.equal(ports.properties.tcp.maxItems, MAX_PORTS);
  assert.equal(ports.properties.udp.maxItems, MAX_PORTS);
});
