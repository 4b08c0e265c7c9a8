import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import {
  LAB_ADDR,
  LAB_SH,
  labCtl,
  labCut,
  labDown,
  labExec,
  labPingUntil,
  labResetRoutes,
  labRestore,
  labRouteViaGateway,
  labStaticRoute,
  labUp,
  labWaitFor,
  labWanMtu,
  requireLab,
  requireLabSsh,
  labSshCut,
  labSshRestore,
  type LabNode,
} from './lab.js';

/** This lab's state directory: other labs (other state directories) may run beside it. */
const STATE_DIR = process.env.WG_SITE_LAB_STATE ?? '/run/wg-site-lab';

/** The lab a process belongs to, from the WG_SITE_LAB_STATE its lab.sh gave it (default lab if none). */
function labOf(pid: number): string {
  try {
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return (
      env.find((e) => e.startsWith('WG_SITE_LAB_STATE='))?.slice('WG_SITE_LAB_STATE='.length) ??
      '/run/wg-site-lab'
    );
  } catch {
    return '';
  }
}

/** Pids of live (non-zombie) processes of this lab whose command line matches PATTERN. */
function livePids(pattern: RegExp): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[2]!.startsWith('Z') && pattern.test(m[3]!))
    .map((m) => Number(m[1]))
    .filter((pid) => labOf(pid) === STATE_DIR);
}

const WIREGUARD_GO = /(^|\/)wireguard-go(\s|$)/;
const HOLDER = /^wg-site-lab-node:/;

function hostVeths(): string[] {
  const out = execFileSync('ip', ['-o', 'link', 'show', 'type', 'veth'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(':')[1]!.trim());
}

async function ok(node: LabNode, argv: string[], input?: string): Promise<string> {
  const r = await labExec(node, argv, input === undefined ? {} : { input });
  assert.equal(r.exitCode, 0, `${node}: ${argv.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A wg-quick file for one end of the gwA–gwB test tunnel. */
function wgConf(
  self: { key: string; addr: string },
  peer: { pub: string; addr: string; wan: string; lan: string },
) {
  return [
    '[Interface]',
    `Address = ${self.addr}/31`,
    `PrivateKey = ${self.key}`,
    'ListenPort = 51820',
    '[Peer]',
    `PublicKey = ${peer.pub}`,
    `AllowedIPs = ${peer.addr}/32, ${peer.lan}`,
    `Endpoint = ${peer.wan}:51820`,
    '',
  ].join('\n');
}

async function keyPair(node: LabNode): Promise<{ key: string; pub: string }> {
  const key = (await ok(node, ['wg', 'genkey'])).trim();
  const pub = (await ok(node, ['wg', 'pubkey'], `${key}\n`)).trim();
  return { key, pub };
}

test('the two-site lab carries a wireguard-go tunnel and leaves nothing behind', async (t) => {
  if (!requireLab(t)) return;
  const wgBefore = livePids(WIREGUARD_GO);
  const vethsBefore = hostVeths();
  await labUp();
  try {
    await t.test('hostA reaches its router and its gateway', async () => {
      assert.ok(await labPingUntil('hostA', LAB_ADDR.routerA, true));
      assert.ok(await labPingUntil('hostA', LAB_ADDR.gwALan, true));
      assert.ok(await labPingUntil('hostB', LAB_ADDR.gwBLan, true));
    });

    await t.test('gwA reaches gwB over the WAN', async () => {
      assert.ok(await labPingUntil('gwA', LAB_ADDR.gwBWan, true));
    });

    await t.test('hostA cannot reach hostB while there is no tunnel', async () => {
      const r = await labExec('hostA', ['ping', '-n', '-c1', '-W1', LAB_ADDR.hostB]);
      assert.notEqual(r.exitCode, 0);
      assert.match(r.stdout, /Unreachable/, 'routerA has no route to the far LAN');
    });

    await t.test('gateways start with forwarding off and private config directories', async () => {
      assert.equal((await ok('gwA', ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim(), '0');
      assert.equal((await ok('routerA', ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim(), '1');
      await ok('gwA', ['sh', '-c', 'echo lab > /etc/wg-site/marker && echo lab > /etc/sysctl.d/99-lab.conf']);
      assert.equal(existsSync('/etc/wg-site/marker'), false, 'the host /etc/wg-site stays untouched');
      assert.equal(existsSync('/etc/sysctl.d/99-lab.conf'), false, 'the host /etc/sysctl.d stays untouched');
      assert.equal((await labExec('gwB', ['test', '-e', '/etc/wg-site/marker'])).exitCode, 1);
      assert.equal((await ok('gwA', ['cat', '/etc/wg-site/marker'])).trim(), 'lab');
      const env = await ok('gwA', ['env']);
      assert.match(env, /^WG_QUICK_USERSPACE_IMPLEMENTATION=wireguard-go$/m);
      assert.match(env, /^WG_SITE_LAB=1$/m);
    });

    await t.test('exec passes stdin, stdout, exit code and working directory through', async () => {
      const r = await labExec('hostA', ['sh', '-c', 'cat; pwd; exit 7'], { input: 'hello\n' });
      assert.equal(r.stdout, `hello\n${process.cwd()}\n`);
      assert.equal(r.exitCode, 7);
      assert.deepEqual(await ok('hostA', ['ls', '/sys/class/net']).then((s) => s.split('\n').sort()), [
        '',
        'eth0',
        'lo',
      ]);
    });

    await t.test('wan-mtu drops packets bigger than the path MTU', async () => {
      await labWanMtu(1400);
      const ping = (size: number) =>
        labExec('gwA', ['ping', '-n', '-c1', '-W1', '-M', 'do', '-s', String(size), LAB_ADDR.gwBWan]);
      assert.equal((await ping(1372)).exitCode, 0);
      assert.notEqual((await ping(1373)).exitCode, 0);
      await labWanMtu(1500);
      assert.equal((await ping(1472)).exitCode, 0);
    });

    const a = await keyPair('gwA');
    const b = await keyPair('gwB');
    const confA = wgConf(
      { key: a.key, addr: '10.99.0.0' },
      { pub: b.pub, addr: '10.99.0.1', wan: LAB_ADDR.gwBWan, lan: LAB_ADDR.lanB },
    );
    const confB = wgConf(
      { key: b.key, addr: '10.99.0.1' },
      { pub: a.pub, addr: '10.99.0.0', wan: LAB_ADDR.gwAWan, lan: LAB_ADDR.lanA },
    );
    const writeConf = ['sh', '-c', 'umask 077 && cat > /etc/wireguard/wg0.conf'];

    await t.test('wg-quick brings up a wireguard-go tunnel between the gateways', async () => {
      await ok('gwA', writeConf, confA);
      await ok('gwB', writeConf, confB);
      await ok('gwA', ['wg-quick', 'up', 'wg0']);
      await ok('gwB', ['wg-quick', 'up', 'wg0']);
      assert.ok(await labPingUntil('gwA', '10.99.0.1', true), 'gwA reaches gwB through the tunnel');
      assert.ok(await labPingUntil('gwB', '10.99.0.0', true), 'gwB reaches gwA through the tunnel');
      const hs = await ok('gwA', ['wg', 'show', 'wg0', 'latest-handshakes']);
      assert.match(hs, new RegExp(`^${b.pub.replace(/[+/]/g, '\\$&')}\\t[1-9]\\d*$`, 'm'));
      assert.equal(existsSync('/etc/wireguard/wg0.conf'), false, 'the config stays inside gwA');
      assert.equal(existsSync('/run/wireguard/wg0.sock'), false, 'the UAPI socket stays inside gwA');
    });

    await t.test('hostA reaches hostB through the tunnel in both routing cases', async () => {
      await ok('gwA', ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
      await ok('gwB', ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
      await labRouteViaGateway('A');
      await labRouteViaGateway('B');
      assert.ok(await labPingUntil('hostA', LAB_ADDR.hostB, true), 'default-router case');
      await labResetRoutes('A');
      await labResetRoutes('B');
      assert.ok(await labPingUntil('hostA', LAB_ADDR.hostB, false), 'no route again after reset-routes');
      await labStaticRoute('A');
      await labStaticRoute('B');
      assert.ok(await labPingUntil('hostA', LAB_ADDR.hostB, true), 'static-route case');
      await labResetRoutes('A');
      await labResetRoutes('B');
    });

    await t.test('cutting gwB breaks the tunnel and restoring heals it', async () => {
      await labCut('gwB');
      assert.ok(await labPingUntil('gwA', '10.99.0.1', false), 'tunnel ping fails while cut');
      assert.ok(await labPingUntil('gwA', LAB_ADDR.gwBWan, false), 'WAN ping fails while cut');
      assert.ok(await labPingUntil('gwB', LAB_ADDR.gwBWan, true), "gwB's own interface is untouched");
      assert.match(await labCtl(['status']), /^cut: gwB\s*$/m);
      await labRestore('gwB');
      assert.ok(await labPingUntil('gwA', '10.99.0.1', true), 'tunnel ping works after restore');
      assert.match(await labCtl(['status']), /^cut: none$/m);
    });

    await t.test('wg-quick down removes the interface and stops wireguard-go', async () => {
      await ok('gwA', ['wg-quick', 'down', 'wg0']);
      assert.notEqual((await labExec('gwA', ['ip', 'link', 'show', 'wg0'])).exitCode, 0);
      const gone = await labWaitFor(async () => {
        const r = await labExec('gwA', [
          'sh',
          '-c',
          'for p in /proc/[0-9]*; do [ "$(readlink $p/ns/net)" = "$(readlink /proc/self/ns/net)" ] && cat $p/comm; done',
        ]);
        return !/wireguard-go/.test(r.stdout);
      });
      assert.ok(gone, 'no wireguard-go left in gwA');
    });
  } finally {
    await labDown();
  }

  await t.test('down leaves no process, namespace, veth or directory behind', async () => {
    assert.deepEqual(livePids(HOLDER), []);
    const leaked = livePids(WIREGUARD_GO).filter((pid) => !wgBefore.includes(pid));
    assert.deepEqual(leaked, [], 'gwB still had wg0 up at down: its wireguard-go must be gone');
    assert.deepEqual(hostVeths(), vethsBefore);
    assert.equal(existsSync(STATE_DIR), false);
    assert.notEqual((await labExec('gwA', ['true'])).exitCode, 0);
  });
});

test('a failed up tears down everything it had built', async (t) => {
  if (!requireLab(t)) return;
  for (const failAt of ['node-gwA', 'wan', 'siteB', 'ssh']) {
    const r = spawnSync(LAB_SH, ['up'], {
      env: { ...process.env, WG_SITE_LAB_FAIL_AT: failAt },
      encoding: 'utf8',
    });
    assert.notEqual(r.status, 0, `up must fail at ${failAt}`);
    assert.match(r.stderr, /simulated failure/);
    assert.deepEqual(livePids(HOLDER), [], `no holder left after failing at ${failAt}`);
    assert.deepEqual(livePids(/\/ssh\/gw[AB]\/sshd_config/), [], `no sshd left after failing at ${failAt}`);
    assert.equal(existsSync(STATE_DIR), false);
  }
});

test('down cleans up after an up that was killed half-way', async (t) => {
  if (!requireLab(t)) return;
  const up = spawn(LAB_SH, ['up'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => up.on('exit', resolve));
  const started = await labWaitFor(async () => existsSync(`${STATE_DIR}/gwA.pid`), { intervalMs: 5 });
  up.kill('SIGKILL');
  await exited;
  assert.ok(started, 'up got as far as starting gwA');
  await labDown();
  assert.deepEqual(livePids(HOLDER), []);
  assert.equal(existsSync(STATE_DIR), false);
});

test('up on a running lab replaces it, and status reports it', async (t) => {
  if (!requireLab(t)) return;
  try {
    await labUp();
    const firstPid = (await labCtl(['pid', 'gwA'])).trim();
    await labUp();
    assert.notEqual((await labCtl(['pid', 'gwA'])).trim(), firstPid);
    assert.match(await labCtl(['status']), /^lab: up$/m);
    assert.equal(livePids(HOLDER).length, 7);
  } finally {
    await labDown();
  }
  assert.equal((await labExec('hostA', ['true'])).exitCode, 125);
});

/** `lab.sh ssh [OPTIONS] GW -- CMD` (the admin's ssh from node wan), never throwing. */
function sshTo(gw: 'gwA' | 'gwB', command: string, options: string[] = []) {
  return spawnSync(LAB_SH, ['ssh', '-o', 'ConnectTimeout=3', ...options, gw, '--', command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}

test('the admin reaches each gateway over SSH from node wan with this run’s keys, and ssh-cut drops it', async (t) => {
  if (!requireLabSsh(t)) return;
  const homeSshBefore = existsSync('/root/.ssh');
  const privsepBefore = existsSync('/run/sshd');
  try {
    await labUp();
    assert.match(await labCtl(['status']), /^sshd: gwA gwB\s*$/m);
    for (const [gw, addr] of [
      ['gwA', LAB_ADDR.gwAWan],
      ['gwB', LAB_ADDR.gwBWan],
    ] as const) {
      const r = sshTo(gw, 'echo "$WG_SITE_LAB_NODE $SSH_CONNECTION"');
      assert.equal(r.status, 0, `ssh ${gw}: ${r.stderr}`);
      assert.match(
        r.stdout,
        new RegExp(`^${gw} ${LAB_ADDR.wanRouter} \\d+ ${addr.replace(/\./g, '\\.')} 22$`, 'm'),
      );
    }
    assert.equal(existsSync('/root/.ssh'), homeSshBefore, 'nothing was written to the host’s ~/.ssh');

    await labSshCut('gwA');
    assert.equal(sshTo('gwA', 'true').status, 255, 'gwA is out of reach while cut');
    assert.equal(sshTo('gwB', 'true').status, 0, 'gwB is not cut');
    await labSshRestore('gwA');
    assert.equal(sshTo('gwA', 'true').status, 0, 'gwA is back');
  } finally {
    await labDown();
  }
  assert.deepEqual(livePids(/\/ssh\/gw[AB]\/sshd_config/), [], 'no sshd of this lab is left');
  assert.equal(existsSync('/run/sshd'), privsepBefore, 'the privilege-separation mount point is gone again');
});
