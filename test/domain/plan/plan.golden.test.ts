/**
 * Golden-file tests: each site file in test/fixtures/sites is planned against fixed host facts and
 * every rendered file, plus the plan summary, is compared byte for byte with test/golden/<case>/.
 * Run with UPDATE_GOLDEN=1 to rewrite the golden files, then review the diff by eye.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostFacts } from '../../../source/domain/plan/context.js';
import { planSite, type Plan } from '../../../source/domain/plan/plan.js';
import { summarizePlan } from '../../../source/domain/plan/summary.js';
import { parseSite } from '../../../source/domain/site/validate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sitesDir = join(root, 'fixtures', 'sites');
const goldenDir = join(root, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

interface GoldenCase {
  name: string;
  site: string;
  facts: HostFacts;
}

const eth0 = { uplinkMtu: 1500, uplinkInterface: 'eth0' };

/** Every routing option × IPv4/IPv6 × one/several peers, with both firewall backends. */
const cases: GoldenCase[] = [
  {
    name: 'alpha-default-router-nft',
    site: 'alpha-default-router',
    facts: { firewallBackend: 'nft', ...eth0 },
  },
  {
    name: 'alpha-default-router-iptables',
    site: 'alpha-default-router',
    facts: { firewallBackend: 'iptables', ...eth0 },
  },
  {
    name: 'cabin-masquerade-ipv6-nft',
    site: 'cabin-masquerade-ipv6',
    facts: { firewallBackend: 'nft', uplinkMtu: 1492, uplinkInterface: 'ppp0' },
  },
  {
    name: 'cabin-masquerade-ipv6-iptables',
    site: 'cabin-masquerade-ipv6',
    facts: { firewallBackend: 'iptables', ...eth0 },
  },
  {
    name: 'hq-static-route-two-peers-nft',
    site: 'hq-static-route-two-peers',
    facts: { firewallBackend: 'nft', ...eth0, lanRouter: '10.0.1.1' },
  },
  {
    name: 'hq-static-route-two-peers-iptables',
    site: 'hq-static-route-two-peers',
    facts: { firewallBackend: 'iptables', lanRouter: '10.0.1.1' },
  },
  {
    name: 'hub-masquerade-three-peers-nft',
    site: 'hub-masquerade-three-peers',
    facts: { firewallBackend: 'nft', ...eth0 },
  },
  {
    name: 'hub-masquerade-three-peers-iptables',
    site: 'hub-masquerade-three-peers',
    facts: { firewallBackend: 'iptables', ...eth0 },
  },
  {
    name: 'lab-static-route-ipv6-only-nft',
    site: 'lab-static-route-ipv6-only',
    facts: { firewallBackend: 'nft', ...eth0 },
  },
  {
    name: 'lab-static-route-ipv6-only-iptables',
    site: 'lab-static-route-ipv6-only',
    facts: { firewallBackend: 'iptables', ...eth0 },
  },
  {
    name: 'home-default-router-dual-stack-nft',
    site: 'home-default-router-dual-stack',
    facts: { firewallBackend: 'nft', uplinkMtu: 1500, uplinkInterface: 'br0' },
  },
  {
    name: 'home-default-router-dual-stack-iptables',
    site: 'home-default-router-dual-stack',
    facts: { firewallBackend: 'iptables' },
  },
];

function planFor(c: GoldenCase): Plan {
  const raw: unknown = JSON.parse(readFileSync(join(sitesDir, `${c.site}.json`), 'utf8'));
  return planSite(parseSite(raw), c.facts);
}

/** The rendered output of a plan as golden-relative path → content. */
function rendered(plan: Plan): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of plan.files) out.set(file.path.replace(/^\//, ''), file.content);
  out.set('summary.txt', summarizePlan(plan));
  return out;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('planSite matches the golden files', () => {
  for (const c of cases) {
    test(`${c.name} renders exactly the golden files`, () => {
      const files = rendered(planFor(c));
      const dir = join(goldenDir, c.name);
      if (update) {
        rmSync(dir, { recursive: true, force: true });
        for (const [path, content] of files) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), content);
        }
      }
      assert.deepEqual(
        listFiles(dir),
        [...files.keys()].sort(),
        `golden files of ${c.name} differ; run UPDATE_GOLDEN=1 and review`,
      );
      for (const [path, content] of files) {
        assert.equal(content, readFileSync(join(dir, path), 'utf8'), `${c.name}/${path}`);
      }
    });
  }
});

describe('the golden cases cover what they claim', () => {
  const plans = cases.map((c) => ({ c, plan: planFor(c) }));
  const content = (plan: Plan, part: string) => plan.files.find((f) => f.path.includes(part))?.content;

  test('all three routing options, IPv4 and IPv6, one and several peers, both backends', () => {
    const sites = plans.map(({ plan }) => plan.site);
    for (const option of ['default-router', 'static-route', 'masquerade'] as const)
      assert.ok(
        sites.some((s) => s.routing === option),
        option,
      );
    assert.ok(sites.some((s) => s.peers.length === 1));
    assert.ok(sites.some((s) => s.peers.length >= 3));
    assert.ok(sites.some((s) => s.lan.subnets.every((n) => n.version === 6)));
    assert.ok(sites.some((s) => s.lan.subnets.every((n) => n.version === 4)));
    assert.ok(plans.some(({ plan }) => plan.firewall.backend === 'nft'));
    assert.ok(plans.some(({ plan }) => plan.firewall.backend === 'iptables'));
  });

  test('masquerade rules appear only for the masquerade option', () => {
    for (const { c, plan } of plans) {
      const firewall = content(plan, '.nft') ?? content(plan, '.iptables.sh') ?? '';
      assert.equal(
        /masquerade/i.test(firewall.replace(/^#.*$/gm, '')),
        plan.site.routing === 'masquerade',
        c.name,
      );
    }
  });

  test('IPv6 forwarding is set exactly when IPv6 is in use', () => {
    for (const { c, plan } of plans) {
      const v6 =
        plan.site.lan.subnets.some((s) => s.version === 6) ||
        plan.site.peers.some((p) => p.subnets.some((s) => s.version === 6)) ||
        plan.site.tunnel.address.address.version === 6;
      assert.equal(content(plan, '/sysctl.d/')?.includes('net.ipv6.conf.all.forwarding = 1'), v6, c.name);
    }
  });

  test("each peer's AllowedIPs is its tunnel address and its subnets, never a default route", () => {
    for (const { c, plan } of plans) {
      const conf = plan.files[0]!.content;
      const allowed = [...conf.matchAll(/^AllowedIPs = (.*)$/gm)].map((m) => m[1]);
      assert.deepEqual(
        allowed,
        plan.site.peers.map((p) =>
          [
            `${p.tunnelAddress.text}/${p.tunnelAddress.version === 4 ? 32 : 128}`,
            ...p.subnets.map((s) => s.text),
          ].join(', '),
        ),
        c.name,
      );
      assert.doesNotMatch(conf, /0\.0\.0\.0\/0|::\/0/);
    }
  });

  test('the static-route option prints router entries and a DHCP option 121 line only for IPv4', () => {
    const hq = plans.find(({ c }) => c.name === 'hq-static-route-two-peers-nft')!.plan;
    assert.equal(hq.routing.routerEntries.length, 3);
    assert.ok(
      hq.routing.alternatives.includes(
        'dnsmasq: dhcp-option=121,10.0.2.0/24,10.0.1.2,10.0.3.0/24,10.0.1.2,10.0.4.0/25,10.0.1.2,0.0.0.0/0,10.0.1.1  (hosts that take option 121 ignore the plain router option 3, so the default route is repeated at the end)',
      ),
    );
    const lab = plans.find(({ c }) => c.name === 'lab-static-route-ipv6-only-nft')!.plan;
    assert.deepEqual(
      lab.routing.routerEntries.map((e) => e.nextHop),
      ['fd10:1::2', 'fd10:1::2'],
    );
    assert.ok(!lab.routing.alternatives.some((a) => a.includes('dhcp-option')));
  });

  test('a static route toward an IPv6 subnet never names the IPv4 LAN address as next hop', () => {
    const raw = JSON.parse(readFileSync(join(sitesDir, 'cabin-masquerade-ipv6.json'), 'utf8'));
    raw.routing = 'static-route';
    const plan = planSite(parseSite(raw), { firewallBackend: 'nft' });
    assert.deepEqual(
      plan.routing.routerEntries.map((e) => [e.destination, e.nextHop]),
      [
        ['192.168.60.0', '192.168.50.2'],
        ['fd60:1::', "<this gateway's IPv6 address on eth1>"],
      ],
    );
  });
});
