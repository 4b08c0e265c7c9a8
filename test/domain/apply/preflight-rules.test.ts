import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseIp } from '../../../source/domain/cidr.js';
import { iptablesForeignBlocks, nftForeignBlocks } from '../../../source/domain/apply/foreign-firewall.js';
import { parseProcNetUdp, parseSsUdp } from '../../../source/domain/apply/listeners.js';
import { preflightProblems, type PreflightFacts } from '../../../source/domain/apply/preflight-rules.js';
import { sshClientAddress } from '../../../source/domain/apply/ssh-guard.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';

const text = readFileSync(new URL('../../fixtures/sites/alpha-default-router.json', import.meta.url), 'utf8');
const site = checkSiteText(text, {}).site!;

const good: PreflightFacts = {
  uid: 0,
  programs: { wg: true, wgQuick: true, wireguardGo: true, nft: true, iptables: true },
  kernelModule: false,
  backend: 'nft',
  listeners: [],
  ownListenPort: undefined,
  foreign: [],
  sshClient: undefined,
  sshRouteDevice: undefined,
};

const options = { allowForeignFirewall: false, lanInterface: 'eth0' };

const cases: Array<{ name: string; facts: Partial<PreflightFacts>; code: string; fix: RegExp }> = [
  { name: 'not root', facts: { uid: 1000 }, code: 'not-root', fix: /run it as root/ },
  {
    name: 'wg-quick missing',
    facts: { programs: { ...good.programs, wgQuick: false } },
    code: 'no-wg-tools',
    fix: /wg-quick not found\. Install them: apt install wireguard-tools/,
  },
  {
    name: 'no module and no wireguard-go',
    facts: { programs: { ...good.programs, wireguardGo: false } },
    code: 'no-wireguard',
    fix: /apt install wireguard-go/,
  },
  {
    name: 'neither nft nor iptables',
    facts: { programs: { ...good.programs, nft: false, iptables: false } },
    code: 'no-firewall-tool',
    fix: /apt install nftables/,
  },
  {
    name: 'port taken by another program',
    facts: { listeners: [{ port: 51820, address: '0.0.0.0', program: 'openvpn', pid: 77 }] },
    code: 'port-in-use',
    fix: /UDP port 51820 is already in use by openvpn \(pid 77\).*tunnel\.listenPort/,
  },
  {
    name: 'nft forward chain with policy drop',
    facts: {
      foreign: [
        {
          kind: 'nft',
          where: 'table inet filter chain forward',
          nft: { family: 'inet', table: 'filter', chain: 'forward' },
        },
      ],
    },
    code: 'foreign-firewall',
    fix: /nft insert rule inet filter forward iifname "eth0" oifname "wg0" accept[\s\S]*--allow-foreign-firewall/,
  },
  {
    name: 'docker',
    facts: { foreign: [{ kind: 'docker', where: 'iptables FORWARD → DOCKER-USER', tool: 'iptables' }] },
    code: 'foreign-firewall',
    fix: /iptables -I DOCKER-USER -i eth0 -o wg0 -j ACCEPT/,
  },
  {
    name: 'ufw',
    facts: { foreign: [{ kind: 'ufw', where: 'iptables FORWARD → ufw chains', tool: 'iptables' }] },
    code: 'foreign-firewall',
    fix: /ufw route allow in on eth0 out on wg0/,
  },
  {
    name: 'firewalld',
    facts: { foreign: [{ kind: 'firewalld', where: 'table inet firewalld' }] },
    code: 'foreign-firewall',
    fix: /firewall-cmd --permanent --zone=trusted --add-interface=wg0/,
  },
  {
    name: 'iptables-legacy FORWARD drop',
    facts: {
      foreign: [{ kind: 'iptables', where: 'iptables-legacy FORWARD policy DROP', tool: 'iptables-legacy' }],
    },
    code: 'foreign-firewall',
    fix: /iptables-legacy -I FORWARD -i eth0 -o wg0 -j ACCEPT/,
  },
  {
    name: 'SSH client inside a far subnet',
    facts: { sshClient: parseIp('192.168.2.50'), sshRouteDevice: 'eth0' },
    code: 'ssh-lockout',
    fix: /Your SSH client 192\.168\.2\.50 lies inside 192\.168\.2\.0\/24 \(peers\[0\]\.subnets\[0\]\)/,
  },
  {
    name: 'SSH client inside the tunnel subnet',
    facts: { sshClient: parseIp('10.0.0.0'), sshRouteDevice: 'eth0' },
    code: 'ssh-lockout',
    fix: /10\.0\.0\.0\/31 \(tunnel\.address\)/,
  },
];

describe('preflightProblems', () => {
  for (const c of cases) {
    test(`reports ${c.name} with its fix`, () => {
      const problems = preflightProblems(site, { ...good, ...c.facts }, options);
      assert.equal(problems.length >= 1, true);
      const hit = problems.find((p) => p.code === c.code);
      assert.ok(hit, `no ${c.code} in ${JSON.stringify(problems)}`);
      assert.match(hit.message, c.fix);
    });
  }

  test('passes a healthy host', () => {
    assert.deepEqual(preflightProblems(site, good, options), []);
  });

  test('lists every problem at once', () => {
    const facts = { ...good, uid: 1000, programs: { ...good.programs, wg: false, wireguardGo: false } };
    assert.deepEqual(
      preflightProblems(site, facts, options).map((p) => p.code),
      ['not-root', 'no-wg-tools', 'no-wireguard'],
    );
  });

  test('accepts the port when this interface holds it, and foreign rules when overridden', () => {
    const facts: PreflightFacts = {
      ...good,
      ownListenPort: 51820,
      listeners: [{ port: 51820, address: '0.0.0.0', program: 'wireguard-go', pid: 9 }],
      foreign: [{ kind: 'ufw', where: 'x', tool: 'iptables' }],
    };
    assert.deepEqual(preflightProblems(site, facts, { ...options, allowForeignFirewall: true }), []);
  });

  test('accepts an SSH client that already arrives through this interface', () => {
    const facts = { ...good, sshClient: parseIp('192.168.2.50'), sshRouteDevice: 'wg0' };
    assert.deepEqual(preflightProblems(site, facts, options), []);
  });
});

describe('host output parsers', () => {
  test('nftForeignBlocks finds forward drop chains in other tables only', () => {
    const json = JSON.stringify({
      nftables: [
        { metainfo: {} },
        { chain: { family: 'inet', table: 'filter', name: 'forward', hook: 'forward', policy: 'drop' } },
        { chain: { family: 'inet', table: 'wg_site_wg0', name: 'forward', hook: 'forward', policy: 'drop' } },
        { chain: { family: 'inet', table: 'other', name: 'fwd', hook: 'forward', policy: 'accept' } },
        { chain: { family: 'ip', table: 'filter', name: 'FORWARD', hook: 'forward', policy: 'drop' } },
        { table: { family: 'inet', name: 'firewalld' } },
      ],
    });
    assert.deepEqual(
      nftForeignBlocks(json, 'wg_site_wg0').map((b) => [b.kind, b.where]),
      [
        ['nft', 'table inet filter chain forward'],
        ['firewalld', 'table inet firewalld'],
      ],
    );
  });

  test('iptablesForeignBlocks names Docker, ufw and a bare DROP policy', () => {
    const table: Array<[string, string[]]> = [
      ['-P FORWARD DROP\n-A FORWARD -j DOCKER-USER\n', ['docker']],
      ['-P FORWARD DROP\n-A FORWARD -j ufw-before-forward\n', ['ufw']],
      ['-P FORWARD DROP\n', ['iptables']],
      ['-P FORWARD ACCEPT\n', []],
    ];
    for (const [out, kinds] of table) {
      assert.deepEqual(
        iptablesForeignBlocks(out, 'iptables').map((b) => b.kind),
        kinds,
        out,
      );
    }
  });

  test('parseSsUdp and parseProcNetUdp read the bound ports', () => {
    const ss =
      'UNCONN 0 0 0.0.0.0:51820 0.0.0.0:* users:(("wireguard-go",pid=12,fd=7))\nUNCONN 0 0 [::]:53 [::]:*\n';
    assert.deepEqual(parseSsUdp(ss), [
      { port: 51820, address: '0.0.0.0', program: 'wireguard-go', pid: 12 },
      { port: 53, address: '[::]' },
    ]);
    const proc =
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
      '  12: 00000000:CAFC 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1 2\n';
    assert.deepEqual(parseProcNetUdp(proc), [{ port: 51964, address: '00000000' }]);
  });

  test('sshClientAddress reads $SSH_CONNECTION', () => {
    assert.equal(
      sshClientAddress({ SSH_CONNECTION: '192.168.2.50 50000 192.168.1.10 22' })?.text,
      '192.168.2.50',
    );
    assert.equal(sshClientAddress({ SSH_CONNECTION: 'fe80::1%eth0 50000 fe80::2 22' })?.text, 'fe80::1');
    assert.equal(sshClientAddress({}), undefined);
  });
});
