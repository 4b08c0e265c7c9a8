import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generatePrivateKey, publicKeyOf } from '../../../source/domain/keys.js';
import type { CommandResult, CommandRunner } from '../../../source/system/command-runner.js';
import { detectWizardHost } from '../../../source/system/wizard/detect.js';
import { MemoryFiles } from '../../commands/fake-io.js';

const ALPHA = readFileSync(
  new URL('../../fixtures/sites/alpha-default-router.json', import.meta.url),
  'utf8',
);
const HOST_FILES = { '/sys/module/wireguard': '', '/proc/sys/net/ipv4/ip_forward': '1\n' };
const deps = (files: MemoryFiles) => ({ runner: runner(['nft', 'wg', 'wg-quick']), files, env: {}, uid: 0 });

const LINKS = [
  {
    ifname: 'lo',
    mtu: 65536,
    link_type: 'loopback',
    operstate: 'UNKNOWN',
    addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host' }],
  },
  {
    ifname: 'eth0',
    mtu: 1500,
    link_type: 'ether',
    operstate: 'UP',
    addr_info: [
      { family: 'inet6', local: 'fe80::1', prefixlen: 64, scope: 'link' },
      { family: 'inet', local: '203.0.113.5', prefixlen: 24, scope: 'global' },
    ],
  },
  {
    ifname: 'eth1',
    mtu: 1500,
    link_type: 'ether',
    operstate: 'UP',
    addr_info: [{ family: 'inet', local: '192.168.1.10', prefixlen: 24, scope: 'global' }],
  },
];
const ROUTES = [
  { dst: 'default', gateway: '203.0.113.1', dev: 'eth0', protocol: 'static' },
  { dst: '203.0.113.0/24', dev: 'eth0', protocol: 'kernel', scope: 'link', prefsrc: '203.0.113.5' },
  { dst: '192.168.1.0/24', dev: 'eth1', protocol: 'kernel', scope: 'link', prefsrc: '192.168.1.10' },
  { dst: '10.9.0.0/16', gateway: '192.168.1.1', dev: 'eth1' },
  { dst: '100.64.7.0/24', dev: 'wan6', protocol: 'kernel', scope: 'link', prefsrc: '100.64.7.2' },
];
/** The IPv6 default route leaves through another interface than the IPv4 one: both are the uplink. */
const ROUTES6 = [{ dst: 'default', gateway: 'fe80::1', dev: 'wan6', protocol: 'ra' }];

/** Answers the detection commands; PROGRAMS are the ones `command -v` finds. */
function runner(programs: string[]): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
  return {
    calls,
    async run(file, args) {
      const line = [file, ...args].join(' ');
      calls.push(line);
      if (line === 'ip -j route show default') return ok(JSON.stringify(ROUTES.slice(0, 1)));
      if (line === 'ip -j route show') return ok(JSON.stringify(ROUTES));
      if (line === 'ip -j -6 route show default') return ok(JSON.stringify(ROUTES6));
      if (line === 'ip -j addr show') return ok(JSON.stringify(LINKS));
      const probe = /^sh -c command -v (\S+)$/.exec(line);
      if (probe)
        return programs.includes(probe[1]!)
          ? ok(`/usr/bin/${probe[1]}\n`)
          : { stdout: '', stderr: '', exitCode: 1 };
      assert.fail(`unexpected command: ${line}`);
    },
  };
}

describe('detectWizardHost', () => {
  test('gathers the facts the machine proposes from and a report of the host', async () => {
    const key = generatePrivateKey();
    const files = new MemoryFiles({
      '/sys/module/wireguard': '',
      '/proc/sys/net/ipv4/ip_forward': '0\n',
      '/proc/sys/kernel/hostname': 'alpha\n',
      '/etc/wireguard/wg0.key': `${key}\n`,
      '/etc/wireguard/wg0.conf': '[Interface]\n',
      '/etc/wireguard/office.conf': '[Interface]\n',
    });
    const host = await detectWizardHost(
      {
        runner: runner(['nft', 'wg', 'wg-quick', 'iptables']),
        files,
        env: { SSH_CONNECTION: '192.168.1.50 50000 192.168.1.10 22' },
        uid: 0,
      },
      'wg0',
    );
    assert.deepEqual(host.facts, {
      interface: 'wg0',
      hostname: 'alpha',
      lanInterface: 'eth1',
      lanAddress: '192.168.1.10/24',
      uplinkInterface: 'eth0',
      uplinkInterfaces: ['eth0', 'wan6'],
      uplinkMtu: 1500,
      uplinkAddress: '203.0.113.5',
      routes: ['203.0.113.0/24', '192.168.1.0/24', '10.9.0.0/16', '100.64.7.0/24'],
      existingPublicKey: publicKeyOf(key),
      firewallBackend: 'nft',
    });
    const r = host.report;
    assert.deepEqual(
      r.interfaces.map((i) => [i.name, i.state, i.addresses]),
      [
        ['eth0', 'up', ['203.0.113.5/24']],
        ['eth1', 'up', ['192.168.1.10/24']],
      ],
    );
    assert.deepEqual(r.defaultRoute, { gateway: '203.0.113.1', dev: 'eth0' });
    // The uplinks' subnets (IPv4 default route on eth0, IPv6 default route on wan6) are no LAN choices.
    assert.deepEqual(r.connected, [{ subnet: '192.168.1.0/24', dev: 'eth1' }]);
    assert.equal(r.wireguard, 'kernel');
    assert.equal(r.backend, 'nft');
    assert.equal(r.forwarding, false);
    assert.deepEqual(r.configs, ['/etc/wireguard/office.conf', '/etc/wireguard/wg0.conf']);
    assert.equal(r.sshClient, '192.168.1.50');
    assert.deepEqual(
      r.problems.map((p) => p.message),
      ['IPv4 forwarding is off (net.ipv4.ip_forward = 0): nothing would pass the gateway.'],
    );
  });

  test('names each missing piece with its fix', async () => {
    const host = await detectWizardHost({ runner: runner([]), files: new MemoryFiles(), env: {}, uid: 1000 });
    const r = host.report;
    assert.equal(r.wireguard, 'missing');
    assert.equal(r.backend, 'none');
    assert.deepEqual(
      r.problems.map((p) => p.fix),
      [
        'run the wizard with sudo (sudo wg-site setup).',
        'apt install wireguard (kernel module) or wireguard-go for a userspace tunnel.',
        'apt install wireguard-tools.',
        'apt install nftables.',
      ],
    );
    assert.equal(host.facts.existingPublicKey, undefined);
    assert.equal(host.existingSite, undefined, 'no site file: the wizard starts from the host');
  });

  test('wireguard-go counts as an implementation when the module is absent', async () => {
    const host = await detectWizardHost({
      runner: runner(['wireguard-go', 'wg', 'wg-quick', 'nft']),
      files: new MemoryFiles(),
      env: {},
      uid: 0,
    });
    assert.equal(host.report.wireguard, 'wireguard-go');
  });

  test('reads and checks the site file of the interface, which the wizard then edits', async () => {
    const files = new MemoryFiles({ ...HOST_FILES, '/etc/wg-site/wg0.json': ALPHA });
    const host = await detectWizardHost(deps(files), 'wg0');
    assert.equal(host.existingSite?.path, '/etc/wg-site/wg0.json');
    assert.equal(host.existingSite?.site?.name, 'alpha');
    assert.deepEqual(host.existingSite?.problems, []);
    assert.deepEqual(host.report.problems, []);
  });

  test("only the interface's own site file counts", async () => {
    const files = new MemoryFiles({ ...HOST_FILES, '/etc/wg-site/wg0.json': ALPHA });
    assert.equal((await detectWizardHost(deps(files), 'wg1')).existingSite, undefined);
  });

  test('a broken site file is reported on the detect step with what happens to it', async () => {
    const broken = ALPHA.replace('"10.0.0.0"', '"10.0.0.300"');
    const files = new MemoryFiles({ ...HOST_FILES, '/etc/wg-site/wg0.json': broken });
    const host = await detectWizardHost(deps(files), 'wg0');
    assert.equal(host.existingSite?.site, undefined);
    assert.equal(host.existingSite?.problems.length, 1);
    const [problem] = host.report.problems;
    assert.match(problem!.message, /^\/etc\/wg-site\/wg0\.json: peers\[0\]\.tunnelAddress/);
    assert.match(problem!.fix, /starts from the host and replaces the file when applied/);
  });

  test('a site file that is not JSON names the syntax error', async () => {
    const files = new MemoryFiles({ ...HOST_FILES, '/etc/wg-site/wg0.json': '{"name": ' });
    const host = await detectWizardHost(deps(files), 'wg0');
    assert.match(host.report.problems[0]!.message, /not valid JSON/);
  });

  test("a peer that repeats this gateway's own public key makes the site file unusable", async () => {
    const key = generatePrivateKey();
    const own = ALPHA.replace('kJKKbI3SCtlyP5eBEEtyzV/Pu7plgg+vQ31whA9jaWI=', publicKeyOf(key));
    const files = new MemoryFiles({
      ...HOST_FILES,
      '/etc/wg-site/wg0.json': own,
      '/etc/wireguard/wg0.key': `${key}\n`,
    });
    const host = await detectWizardHost(deps(files), 'wg0');
    assert.equal(host.existingSite?.site, undefined);
    assert.match(host.report.problems[0]!.message, /own public key/);
  });
});
