import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checksExitCode, formatCheckLine, runChecks } from '../../../source/domain/checks/run.js';
import type { NftRule } from '../../../source/domain/checks/nft-json.js';
import type { CheckFacts, CheckResult, CheckStatus } from '../../../source/domain/checks/types.js';
import { FAR_KEY, healthy, NOW, OTHER_KEY, ownRuleset, peer } from './facts.js';
import { SCENARIOS } from './firewall-scenarios.js';

interface Case {
  name: string;
  id: string;
  facts: () => CheckFacts;
  status: CheckStatus;
  reason: RegExp;
  fix?: RegExp;
}

function forwardChain(policy: string, rules: NftRule[], table = 'evil', family = 'inet') {
  return { family, table, name: 'fw', type: 'filter', hook: 'forward', policy, rules };
}

const withNft = (f: CheckFacts, extra: NonNullable<CheckFacts['nft']>): CheckFacts => ({
  ...f,
  nft: { tables: [...f.nft!.tables, ...extra.tables], chains: [...f.nft!.chains, ...extra.chains] },
});

const cases: Case[] = [
  {
    name: 'a healthy interface passes',
    id: 'interface',
    facts: healthy,
    status: 'pass',
    reason: /listening on UDP 51820/,
  },
  {
    name: 'a missing interface fails',
    id: 'interface',
    facts: () => ({ ...healthy(), links: [], device: undefined }),
    status: 'fail',
    reason: /wg0 does not exist/,
    fix: /^wg-quick up wg0$/,
  },
  {
    name: 'a down interface fails',
    id: 'interface',
    facts: () => ({ ...healthy(), links: [{ name: 'wg0', up: false, mtu: 1420, addresses: [] }] }),
    status: 'fail',
    reason: /down/,
    fix: /^ip link set wg0 up$/,
  },
  {
    name: 'no listen port fails',
    id: 'interface',
    facts: () => {
      const f = healthy();
      return { ...f, device: { ...f.device!, interface: { ...f.device!.interface, listenPort: 0 } } };
    },
    status: 'fail',
    reason: /no UDP listen port/,
    fix: /listen-port 51820/,
  },
  {
    name: 'another listen port than the site file warns',
    id: 'interface',
    facts: () => {
      const f = healthy();
      return { ...f, device: { ...f.device!, interface: { ...f.device!.interface, listenPort: 4000 } } };
    },
    status: 'warn',
    reason: /4000.*51820/,
  },

  { name: 'forwarding on passes', id: 'forwarding', facts: healthy, status: 'pass', reason: /ip_forward=1/ },
  {
    name: 'forwarding off fails',
    id: 'forwarding',
    facts: () => ({ ...healthy(), sysctl: { ...healthy().sysctl, ipv4Forward: '0' } }),
    status: 'fail',
    reason: /net.ipv4.ip_forward=0/,
    fix: /^sysctl -w net.ipv4.ip_forward=1$/,
  },
  {
    name: 'IPv6 forwarding is needed when live AllowedIPs hold IPv6 and there is no site',
    id: 'forwarding',
    facts: () => {
      const f = healthy();
      return {
        ...f,
        site: undefined,
        device: { ...f.device!, peers: [peer({ allowedIps: ['fd00::1/128'] })] },
      };
    },
    status: 'fail',
    reason: /net.ipv6.conf.all.forwarding=0/,
  },
  {
    name: 'an unreadable forwarding value warns',
    id: 'forwarding',
    facts: () => ({ ...healthy(), sysctl: { ...healthy().sysctl, ipv4Forward: undefined } }),
    status: 'warn',
    reason: /cannot read/,
  },

  {
    name: 'the sysctl file passes',
    id: 'forwarding-persisted',
    facts: healthy,
    status: 'pass',
    reason: /sets net.ipv4.ip_forward/,
  },
  {
    name: 'a missing sysctl file warns',
    id: 'forwarding-persisted',
    facts: () => ({ ...healthy(), sysctlFile: undefined }),
    status: 'warn',
    reason: /90-wg-site-wg0.conf is missing/,
    fix: /> \/etc\/sysctl.d\/90-wg-site-wg0.conf$/,
  },
  {
    name: 'a sysctl file with 0 warns',
    id: 'forwarding-persisted',
    facts: () => ({ ...healthy(), sysctlFile: 'net.ipv4.ip_forward = 0\n' }),
    status: 'warn',
    reason: /does not set net.ipv4.ip_forward = 1/,
  },

  {
    name: 'our table as planned passes',
    id: 'firewall-table',
    facts: healthy,
    status: 'pass',
    reason: /loaded once, as planned/,
  },
  {
    name: 'our table missing fails',
    id: 'firewall-table',
    facts: () => ({ ...healthy(), nft: { tables: [], chains: [] } }),
    status: 'fail',
    reason: /not loaded/,
    fix: /^nft -f \/etc\/wireguard\/wg0.nft$/,
  },
  {
    name: 'our table in two families warns',
    id: 'firewall-table',
    facts: () => withNft(healthy(), { tables: [{ family: 'ip', name: 'wg_site_wg0' }], chains: [] }),
    status: 'warn',
    reason: /2 families/,
    fix: /^nft delete table ip wg_site_wg0$/,
  },
  {
    name: 'a missing rule is drift and warns',
    id: 'firewall-table',
    facts: () => {
      const f = healthy();
      const n = ownRuleset();
      return {
        ...f,
        nft: {
          ...n,
          chains: n.chains.map((c) => (c.name === 'forward' ? { ...c, rules: c.rules.slice(1) } : c)),
        },
      };
    },
    status: 'warn',
    reason: /chain forward has 5 rules, planned 6/,
  },
  {
    name: 'an unlistable ruleset warns',
    id: 'firewall-table',
    facts: () => ({ ...healthy(), nft: undefined, nftProblem: 'nft: command not found' }),
    status: 'warn',
    reason: /command not found/,
  },

  {
    name: 'no foreign hook passes',
    id: 'firewall-foreign',
    facts: healthy,
    status: 'pass',
    reason: /no forward hook/,
  },
  {
    name: 'a foreign forward chain with policy drop fails',
    id: 'firewall-foreign',
    facts: () =>
      withNft(healthy(), { tables: [{ family: 'inet', name: 'evil' }], chains: [forwardChain('drop', [])] }),
    status: 'fail',
    reason: /nft inet evil fw: policy drop/,
    fix: /^nft insert rule inet evil fw iifname "eth-lan" oifname "wg0" accept …$/,
  },
  {
    name: 'without a site file the fix matches only the tunnel interface',
    id: 'firewall-foreign',
    facts: () =>
      withNft(
        { ...healthy(), site: undefined, siteProblem: 'missing' },
        { tables: [{ family: 'inet', name: 'evil' }], chains: [forwardChain('drop', [])] },
      ),
    status: 'fail',
    reason: /nft inet evil fw: policy drop/,
    fix: /^nft insert rule inet evil fw oifname "wg0" accept …$/,
  },
  {
    name: 'an unconditional drop rule fails',
    id: 'firewall-foreign',
    facts: () =>
      withNft(healthy(), {
        tables: [{ family: 'inet', name: 'evil' }],
        chains: [
          forwardChain('accept', [
            { verdicts: ['drop'], masquerade: false, interfaces: [], unconditional: true },
          ]),
        ],
      }),
    status: 'fail',
    reason: /unconditional drop/,
  },
  {
    name: 'a drop chain that accepts the tunnel only warns',
    id: 'firewall-foreign',
    facts: () =>
      withNft(healthy(), {
        tables: [{ family: 'inet', name: 'evil' }],
        chains: [
          forwardChain('drop', [
            { verdicts: ['accept'], masquerade: false, interfaces: ['wg0'], unconditional: false },
          ]),
        ],
      }),
    status: 'warn',
    reason: /accepts some wg0 traffic/,
  },
  {
    name: 'Docker is named and fixed in DOCKER-USER',
    id: 'firewall-foreign',
    facts: () =>
      withNft(healthy(), {
        tables: [{ family: 'ip', name: 'filter' }],
        chains: [
          { ...forwardChain('drop', [], 'filter', 'ip'), name: 'FORWARD' },
          {
            family: 'ip',
            table: 'filter',
            name: 'DOCKER-USER',
            type: undefined,
            hook: undefined,
            policy: undefined,
            rules: [],
          },
        ],
      }),
    status: 'fail',
    reason: /Docker/,
    fix: /^iptables -I DOCKER-USER -i eth-lan -o wg0 -j ACCEPT …$/,
  },
  {
    name: 'ufw is named and fixed with ufw route allow',
    id: 'firewall-foreign',
    facts: () =>
      withNft(healthy(), {
        tables: [{ family: 'ip', name: 'filter' }],
        chains: [
          { ...forwardChain('drop', [], 'filter', 'ip'), name: 'FORWARD' },
          {
            family: 'ip',
            table: 'filter',
            name: 'ufw-before-forward',
            type: undefined,
            hook: undefined,
            policy: undefined,
            rules: [],
          },
        ],
      }),
    status: 'fail',
    reason: /ufw/,
    fix: /^ufw route allow in on eth-lan out on wg0 …$/,
  },
  {
    name: 'iptables-legacy FORWARD DROP fails',
    id: 'firewall-foreign',
    facts: () => ({
      ...healthy(),
      legacy: { tables: [{ name: 'filter', policies: { INPUT: 'ACCEPT', FORWARD: 'DROP' }, rules: [] }] },
    }),
    status: 'fail',
    reason: /iptables-legacy filter FORWARD: policy DROP/,
    fix: /^iptables-legacy -I FORWARD -i eth-lan -o wg0 -j ACCEPT …$/,
  },
  {
    name: 'iptables-legacy rules warn',
    id: 'firewall-foreign',
    facts: () => ({
      ...healthy(),
      legacy: { tables: [{ name: 'nat', policies: {}, rules: ['-A POSTROUTING -j MASQUERADE'] }] },
    }),
    status: 'warn',
    reason: /iptables-legacy holds 1 rules/,
  },

  {
    name: 'masquerade with masquerade routing passes',
    id: 'masquerade',
    facts: healthy,
    status: 'pass',
    reason: /routing is masquerade/,
  },
  {
    name: 'no masquerade with masquerade routing fails',
    id: 'masquerade',
    facts: () => ({ ...healthy(), nft: ownRuleset(false) }),
    status: 'fail',
    reason: /no masquerade rule is loaded/,
    fix: /nft -f/,
  },
  {
    name: 'masquerade with static-route routing fails',
    id: 'masquerade',
    facts: () => ({ ...healthy('static-route'), nft: ownRuleset(true) }),
    status: 'fail',
    reason: /routing is static-route but a masquerade rule/,
  },
  {
    name: 'no masquerade with static-route routing passes',
    id: 'masquerade',
    facts: () => healthy('static-route'),
    status: 'pass',
    reason: /no masquerade/,
  },
  {
    name: 'no site file warns',
    id: 'masquerade',
    facts: () => ({ ...healthy(), site: undefined, siteProblem: '/etc/wg-site/wg0.json is missing' }),
    status: 'warn',
    reason: /wg0.json is missing/,
  },

  {
    name: 'routed prefixes pass (the /32 is covered by the tunnel /31)',
    id: 'routes',
    facts: healthy,
    status: 'pass',
    reason: /2 prefixes routed via wg0/,
  },
  {
    name: 'a missing route fails',
    id: 'routes',
    facts: () => ({ ...healthy(), routes: healthy().routes!.filter((r) => r.dst !== '192.168.12.0/24') }),
    status: 'fail',
    reason: /no route for 192.168.12.0\/24 via wg0/,
    fix: /^ip route add 192.168.12.0\/24 dev wg0$/,
  },
  {
    name: 'a more specific route via another interface fails',
    id: 'routes',
    facts: () => ({
      ...healthy(),
      routes: [
        ...healthy().routes!,
        { dst: '192.168.12.0/25', dev: 'eth-lan', table: 'main', type: 'unicast', metric: 0 },
      ],
    }),
    status: 'fail',
    reason: /route 192.168.12.0\/25 via eth-lan shadows 192.168.12.0\/24 of site-b/,
    fix: /^ip route del 192.168.12.0\/25 dev eth-lan$/,
  },
  {
    name: 'a local address inside a far prefix fails',
    id: 'routes',
    facts: () => ({
      ...healthy(),
      routes: [
        ...healthy().routes!,
        { dst: '192.168.12.5/32', dev: 'eth-lan', table: 'local', type: 'local', metric: 0 },
      ],
    }),
    status: 'fail',
    reason: /local address 192.168.12.5\/32/,
  },
  {
    name: 'unreadable routes warn',
    id: 'routes',
    facts: () => ({ ...healthy(), routes: undefined }),
    status: 'warn',
    reason: /cannot read/,
  },

  {
    name: 'AllowedIPs as configured pass',
    id: 'allowed-ips',
    facts: healthy,
    status: 'pass',
    reason: /no overlap, as in the site file/,
  },
  {
    name: 'overlapping AllowedIPs across live peers fail',
    id: 'allowed-ips',
    facts: () => {
      const f = healthy();
      return {
        ...f,
        device: {
          ...f.device!,
          peers: [peer(), peer({ publicKey: OTHER_KEY, allowedIps: ['192.168.12.128/25'] })],
        },
      };
    },
    status: 'fail',
    reason: /site-b's 192.168.12.0\/24 overlaps dLv6ieFD's 192.168.12.128\/25/,
  },
  {
    name: 'a prefix taken by another peer fails',
    id: 'allowed-ips',
    facts: () => {
      const f = healthy();
      return {
        ...f,
        device: {
          ...f.device!,
          peers: [
            peer({ allowedIps: ['10.99.0.1/32'] }),
            peer({ publicKey: OTHER_KEY, allowedIps: ['192.168.12.0/24'] }),
          ],
        },
      };
    },
    status: 'fail',
    reason: /192.168.12.0\/24 of site-b is held by dLv6ieFD/,
  },
  {
    name: 'a site peer missing from the interface fails',
    id: 'allowed-ips',
    facts: () => {
      const f = healthy();
      return { ...f, device: { ...f.device!, peers: [] } };
    },
    status: 'fail',
    reason: /peer site-b from the site file is not configured/,
    fix: /^wg syncconf wg0/,
  },
  {
    name: 'an extra live prefix warns',
    id: 'allowed-ips',
    facts: () => {
      const f = healthy();
      return {
        ...f,
        device: {
          ...f.device!,
          peers: [peer({ allowedIps: ['10.99.0.1/32', '192.168.12.0/24', '10.1.0.0/16'] })],
        },
      };
    },
    status: 'warn',
    reason: /also has 10.1.0.0\/16/,
  },

  { name: 'loose rp_filter passes', id: 'rp-filter', facts: healthy, status: 'pass', reason: /loose or off/ },
  {
    name: 'strict rp_filter via all warns',
    id: 'rp-filter',
    facts: () => ({
      ...healthy(),
      sysctl: { ...healthy().sysctl, rpFilter: { all: 1, wg0: 0, 'eth-lan': 0 } },
    }),
    status: 'warn',
    reason: /wg0 \(max\(all=1, wg0=0\) = 1\)/,
    fix: /^sysctl -w net.ipv4.conf.all.rp_filter=2/,
  },
  {
    name: 'strict rp_filter on the LAN warns',
    id: 'rp-filter',
    facts: () => ({
      ...healthy(),
      sysctl: { ...healthy().sysctl, rpFilter: { all: 0, wg0: 0, 'eth-lan': 1 } },
    }),
    status: 'warn',
    reason: /eth-lan/,
  },
  {
    name: 'loose all wins over strict interface (max)',
    id: 'rp-filter',
    facts: () => ({
      ...healthy(),
      sysctl: { ...healthy().sysctl, rpFilter: { all: 2, wg0: 1, 'eth-lan': 1 } },
    }),
    status: 'pass',
    reason: /loose/,
  },

  {
    name: 'a synchronised clock passes',
    id: 'clock',
    facts: healthy,
    status: 'pass',
    reason: /synchronised \(timedatectl\)/,
  },
  {
    name: 'an unsynchronised clock warns',
    id: 'clock',
    facts: () => ({ ...healthy(), clock: { synced: false, source: 'timedatectl' } }),
    status: 'warn',
    reason: /not NTP-synchronised/,
    fix: /timedatectl set-ntp true/,
  },
  {
    name: 'an unknown clock state warns',
    id: 'clock',
    facts: () => ({ ...healthy(), clock: { synced: undefined, source: 'unknown' } }),
    status: 'warn',
    reason: /cannot tell/,
  },

  {
    name: 'a fresh handshake passes',
    id: 'handshake:site-b',
    facts: healthy,
    status: 'pass',
    reason: /up: last handshake 20 s ago/,
  },
  {
    name: 'a handshake older than 135 s warns',
    id: 'handshake:site-b',
    facts: () => {
      const f = healthy();
      return { ...f, device: { ...f.device!, peers: [peer({ latestHandshake: NOW / 1000 - 150 })] } };
    },
    status: 'warn',
    reason: /stale: last handshake 150 s ago/,
  },
  {
    name: 'a handshake older than 180 s fails',
    id: 'handshake:site-b',
    facts: () => {
      const f = healthy();
      return { ...f, device: { ...f.device!, peers: [peer({ latestHandshake: NOW / 1000 - 200 })] } };
    },
    status: 'fail',
    reason: /down: last handshake 200 s ago/,
  },
  {
    name: 'no handshake at all fails',
    id: 'handshake:site-b',
    facts: () => {
      const f = healthy();
      return {
        ...f,
        device: { ...f.device!, peers: [peer({ latestHandshake: 0, endpoint: '203.0.113.9:51820' })] },
      };
    },
    status: 'fail',
    reason: /no handshake yet/,
    fix: new RegExp(`^wg set wg0 peer ${FAR_KEY.replace(/[+/]/g, '\\$&')} endpoint 198.51.100.2:51820$`),
  },

  {
    name: 'answered traffic passes',
    id: 'reply:site-b',
    facts: healthy,
    status: 'pass',
    reason: /no unanswered traffic/,
  },
  {
    name: 'tx growing without rx for more than keepalive + 5 s fails',
    id: 'reply:site-b',
    facts: () => ({
      ...healthy(),
      evidence: { [FAR_KEY]: { rxBytes: 1000, txBytes: 1900, rxSeenAt: NOW - 31_000, txAtRxSeen: 1900 } },
    }),
    status: 'fail',
    reason: /^no reply for 31 s \(100 bytes sent meanwhile\)$/,
  },
  {
    name: 'silence within keepalive + 5 s still passes',
    id: 'reply:site-b',
    facts: () => ({
      ...healthy(),
      evidence: { [FAR_KEY]: { rxBytes: 1000, txBytes: 1900, rxSeenAt: NOW - 30_000, txAtRxSeen: 1900 } },
    }),
    status: 'pass',
    reason: /no unanswered/,
  },
  {
    name: 'a long silence with nothing sent passes',
    id: 'reply:site-b',
    facts: () => ({
      ...healthy(),
      evidence: { [FAR_KEY]: { rxBytes: 1000, txBytes: 2000, rxSeenAt: NOW - 300_000, txAtRxSeen: 2000 } },
    }),
    status: 'pass',
    reason: /rx last grew 300 s ago/,
  },

  {
    name: 'full-size pings pass',
    id: 'mtu:site-b',
    facts: healthy,
    status: 'pass',
    reason: /1420-byte packets reach 10.99.0.1/,
  },
  {
    name: 'lost full-size pings fail with the size that fits',
    id: 'mtu:site-b',
    facts: () => ({
      ...healthy(),
      mtu: [
        {
          publicKey: FAR_KEY,
          target: '10.99.0.1',
          tunnelMtu: 1420,
          smallOk: true,
          fullOk: false,
          largestOk: 1220,
        },
      ],
    }),
    status: 'fail',
    reason: /1220 bytes fit/,
    fix: /^ip link set dev wg0 mtu 1220/,
  },
  {
    name: 'no answer at all warns',
    id: 'mtu:site-b',
    facts: () => ({
      ...healthy(),
      mtu: [{ publicKey: FAR_KEY, target: '10.99.0.1', tunnelMtu: 1420, smallOk: false, fullOk: false }],
    }),
    status: 'warn',
    reason: /does not answer ping/,
  },
  {
    name: 'a private key only root can read passes',
    id: 'key-files',
    facts: healthy,
    status: 'pass',
    reason: /wg0\.key: root only/,
  },
  {
    name: 'a world-readable private key owned by nobody fails with the chmod and chown to run',
    id: 'key-files',
    facts: () => ({ ...healthy(), keyFiles: [keyFile('/etc/wireguard/wg0.key', 0o666, 65534)] }),
    status: 'fail',
    reason: /private key \/etc\/wireguard\/wg0\.key is owned by uid 65534, not root and mode 0666/,
    fix: /^chown root:root \/etc\/wireguard\/wg0\.key && chmod 600 \/etc\/wireguard\/wg0\.key$/,
  },
  {
    name: 'a group-readable preshared key fails',
    id: 'key-files',
    facts: () => ({
      ...healthy(),
      keyFiles: [
        keyFile('/etc/wireguard/wg0.key', 0o600, 0),
        { ...keyFile('/etc/wg-site/b.psk', 0o640, 0), kind: 'preshared' as const },
      ],
    }),
    status: 'fail',
    reason: /preshared key \/etc\/wg-site\/b\.psk is mode 0640/,
    fix: /^chmod 600 \/etc\/wg-site\/b\.psk$/,
  },
  {
    name: 'a private key writable by others fails even when nobody else can read it',
    id: 'key-files',
    facts: () => ({ ...healthy(), keyFiles: [keyFile('/etc/wireguard/wg0.key', 0o602, 0)] }),
    status: 'fail',
    reason: /mode 0602/,
    fix: /^chmod 600 /,
  },
  {
    name: 'a key path that is a directory fails',
    id: 'key-files',
    facts: () => ({
      ...healthy(),
      keyFiles: [
        {
          ...keyFile('/etc/wireguard/wg0.key', 0o700, 0),
          stat: { mode: 0o700, uid: 0, gid: 0, regular: false },
        },
      ],
    }),
    status: 'fail',
    reason: /not a regular file/,
  },
  {
    name: 'no key file yet passes (apply creates it)',
    id: 'key-files',
    facts: () => ({
      ...healthy(),
      keyFiles: [{ path: '/etc/wireguard/wg0.key', kind: 'private' as const, stat: undefined }],
    }),
    status: 'pass',
    reason: /no key file yet/,
  },
];

function keyFile(path: string, mode: number, uid: number) {
  return { path, kind: 'private' as const, stat: { mode, uid, gid: uid, regular: true } };
}

// The host firewalls preflight is tested on, as the check sees them next to wg-site's own table.
for (const sc of SCENARIOS) {
  if (!sc.check) continue;
  const { nft, legacy } = sc.rulesets;
  cases.push({
    name: `scenario: ${sc.name}`,
    id: 'firewall-foreign',
    facts: () => ({ ...(nft ? withNft(healthy(), nft) : healthy()), legacy }),
    ...sc.check,
  });
}

describe('health checks', () => {
  for (const c of cases) {
    test(`${c.id}: ${c.name}`, () => {
      const r = runChecks(c.facts()).find((x) => x.id === c.id);
      assert.ok(r, `check ${c.id} is present`);
      assert.equal(r.status, c.status, r.reason);
      assert.match(r.reason, c.reason);
      if (c.fix) assert.match(r.fix ?? '', c.fix);
      if (r.status === 'pass') assert.equal(r.fix, undefined);
      else assert.ok(r.fix === undefined || !r.fix.includes('\n'), 'a fix is one line');
      assert.ok(!r.reason.includes('\n'), 'a reason is one line');
    });
  }

  test('every check passes on a healthy gateway', () => {
    const results = runChecks(healthy());
    assert.deepEqual(
      results.filter((r) => r.status !== 'pass'),
      [],
    );
    assert.equal(checksExitCode(results), 0);
  });

  test('warnings keep exit code 0 and a failure makes it 1', () => {
    const warn: CheckResult = { id: 'a', title: 'A', status: 'warn', reason: 'r' };
    const fail: CheckResult = { id: 'b', title: 'B', status: 'fail', reason: 'r', fix: 'f' };
    assert.equal(checksExitCode([warn]), 0);
    assert.equal(checksExitCode([warn, fail]), 1);
  });

  test('a check line shows the status, title, reason and fix', () => {
    assert.equal(
      formatCheckLine({
        id: 'b',
        title: 'IP forwarding on',
        status: 'fail',
        reason: 'off',
        fix: 'sysctl -w x=1',
      }),
      'FAIL  IP forwarding on: off  — fix: sysctl -w x=1',
    );
  });
});
