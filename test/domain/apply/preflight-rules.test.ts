import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseIp } from '../../../source/domain/cidr.js';
import { parseProcNetUdp, parseSsUdp } from '../../../source/domain/apply/listeners.js';
import {
  preflightNotes,
  preflightProblems,
  type PreflightFacts,
} from '../../../source/domain/apply/preflight-rules.js';
import { parseNftJson } from '../../../source/domain/checks/nft-json.js';
import { sshClientAddress } from '../../../source/domain/apply/ssh-guard.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';
import { SCENARIOS } from '../checks/firewall-scenarios.js';

const text = readFileSync(new URL('../../fixtures/sites/alpha-default-router.json', import.meta.url), 'utf8');
const site = checkSiteText(text, {}).site!;

const good: PreflightFacts = {
  uid: 0,
  programs: { wg: true, wgQuick: true, wireguardGo: true, nft: true, iptables: true },
  kernelModule: false,
  backend: 'nft',
  listeners: [],
  ownListenPort: undefined,
  firewall: { nft: undefined, legacy: undefined },
  sshClient: undefined,
  sshRouteDevice: undefined,
  keyFiles: [
    { path: '/etc/wireguard/wg0.key', kind: 'private', stat: { mode: 0o600, uid: 0, gid: 0, regular: true } },
  ],
  wgQuickConflicts: [],
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
  {
    name: 'a private key file others can read, owned by nobody',
    facts: {
      keyFiles: [
        {
          path: '/etc/wireguard/wg0.key',
          kind: 'private',
          stat: { mode: 0o666, uid: 65534, gid: 65534, regular: true },
        },
      ],
    },
    code: 'key-file',
    fix: /The private key \/etc\/wireguard\/wg0\.key is owned by uid 65534.*Run: chown root:root \/etc\/wireguard\/wg0\.key && chmod 600 \/etc\/wireguard\/wg0\.key$/,
  },
  {
    name: 'a group-readable preshared key file',
    facts: {
      keyFiles: [
        {
          path: '/etc/wg-site/b.psk',
          kind: 'preshared',
          stat: { mode: 0o640, uid: 0, gid: 0, regular: true },
        },
      ],
    },
    code: 'key-file',
    fix: /preshared key \/etc\/wg-site\/b\.psk is mode 0640.*Run: chmod 600 \/etc\/wg-site\/b\.psk$/,
  },
  {
    name: 'a preshared key file that does not exist',
    facts: { keyFiles: [{ path: '/etc/wg-site/b.psk', kind: 'preshared', stat: undefined }] },
    code: 'key-file',
    fix: /The preshared key file \/etc\/wg-site\/b\.psk does not exist.*umask 077; wg genpsk > \/etc\/wg-site\/b\.psk/,
  },
  {
    name: 'a preshared key path that is a directory',
    facts: {
      keyFiles: [
        {
          path: '/etc/wg-site/b.psk',
          kind: 'preshared',
          stat: { mode: 0o700, uid: 0, gid: 0, regular: false },
        },
      ],
    },
    code: 'key-file',
    fix: /is not a regular file/,
  },
  {
    name: 'Table = off in the existing wg-quick file',
    facts: {
      wgQuickConflicts: [
        {
          field: 'Interface.Table',
          line: 4,
          message: 'Table = off: … Delete the Table line (line 4)',
          refuse: true,
        },
        { field: 'Interface.FwMark', line: 5, message: 'FwMark = 0x1 is kept', refuse: false },
      ],
    },
    code: 'wg-quick-setting',
    fix: /^Table = off: … Delete the Table line \(line 4\)$/,
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

  test('lets warnings about the existing wg-quick file and a missing key file pass', () => {
    const facts: PreflightFacts = {
      ...good,
      keyFiles: [{ path: '/etc/wireguard/wg0.key', kind: 'private', stat: undefined }],
      wgQuickConflicts: [
        { field: 'Interface.FwMark', line: 5, message: 'FwMark = 0x1 is kept', refuse: false },
      ],
    };
    assert.deepEqual(preflightProblems(site, facts, options), []);
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
      firewall: SCENARIOS.find((c) => c.name.startsWith('ufw ('))!.rulesets,
    };
    assert.deepEqual(preflightProblems(site, facts, { ...options, allowForeignFirewall: true }), []);
  });

  test('accepts an SSH client that already arrives through this interface', () => {
    const facts = { ...good, sshClient: parseIp('192.168.2.50'), sshRouteDevice: 'wg0' };
    assert.deepEqual(preflightProblems(site, facts, options), []);
  });
});

describe('preflight on foreign firewalls', () => {
  const lan = { ...options, lanInterface: 'eth-lan' };
  for (const c of SCENARIOS) {
    test(`${c.name}: ${c.blocks.length ? 'refuses with the exact rules' : 'lets apply go ahead'}`, () => {
      const facts = { ...good, firewall: c.rulesets };
      const problems = preflightProblems(site, facts, lan);
      assert.equal(problems.length, c.blocks.length, JSON.stringify(problems, null, 1));
      problems.forEach((p, i) => {
        assert.equal(p.code, 'foreign-firewall');
        assert.match(p.message, c.blocks[i]!);
      });
      assert.equal(preflightNotes(site, facts).length, c.notes);
    });
  }

  test('a note names the hook and asks for both directions', () => {
    const after = SCENARIOS.find((c) => c.name === 'the same chain after the suggested rules were added')!;
    assert.deepEqual(preflightNotes(site, { ...good, firewall: after.rulesets }), [
      'nft inet filter forward: policy drop on the forward hook, but it already accepts wg0 traffic; ' +
        'make sure it accepts both directions (LAN→tunnel, and tunnel→LAN at least for replies).',
    ]);
  });

  test('the suggested rules narrow to the ports the far site may reach', () => {
    const limited = { ...site, firewall: { fromRemote: { tcp: [22, 443], udp: [53] } } };
    const [p] = preflightProblems(limited, { ...good, firewall: SCENARIOS[0]!.rulesets }, options);
    assert.match(
      p!.message,
      /iifname "wg0" oifname "eth0" tcp dport \{ 22, 443 \} accept\n {4}nft insert rule inet filter forward iifname "wg0" oifname "eth0" udp dport \{ 53 \} accept\n/,
    );
    assert.doesNotMatch(p!.message, /oifname "eth0" accept/);
  });

  test("wg-site's own table, whatever its policy, is not foreign", () => {
    const own = JSON.stringify({
      nftables: [
        { chain: { family: 'inet', table: 'wg_site_wg0', name: 'forward', hook: 'forward', policy: 'drop' } },
      ],
    });
    const facts = { ...good, firewall: { nft: parseNftJson(own), legacy: undefined } };
    assert.deepEqual(preflightProblems(site, facts, options), []);
  });
});

describe('host output parsers', () => {
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
