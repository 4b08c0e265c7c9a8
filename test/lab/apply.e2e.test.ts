// wg-site apply / confirm / rollback on the real two-site lab: trials that revert, confirmed trials that
// stay, a trial whose applying session is killed, bad input that changes nothing, idempotence, and a
// failing step that is rolled back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  labAvailable,
  labDown,
  labExec,
  labPingUntil,
  labUp,
  labWaitFor,
  requireLab,
  type LabNode,
} from './lab.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/wg-site.js');
type Gw = Extract<LabNode, 'gwA' | 'gwB'>;

/** Rebuild dist/cli.js when any source file is newer (a clean clone has it from `npm ci`'s prepare). */
function ensureBundle(): void {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  let built = 0;
  try {
    built = statSync(join(ROOT, 'dist/cli.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newest(join(ROOT, 'source'))) return;
  const r = spawnSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run build failed: ${r.stderr}`);
}

async function sh(node: Gw, script: string, input?: string) {
  return labExec(node, ['sh', '-c', script], input === undefined ? {} : { input });
}

async function ok(node: Gw, script: string): Promise<string> {
  const r = await sh(node, script);
  assert.equal(r.exitCode, 0, `${node}: ${script}: ${r.stderr}`);
  return r.stdout;
}

function wgSite(node: Gw, args: string[], timeoutMs = 60_000) {
  return labExec(node, [process.execPath, BIN, ...args], { timeoutMs });
}

/** Everything apply may touch on a gateway, as text: files with modes and hashes, sysctl, nft, links. */
function snapshot(node: Gw): Promise<string> {
  return ok(
    node,
    'for d in /etc/wireguard /etc/wg-site /etc/sysctl.d; do find "$d" -type f -printf "%p %m\\n"; ' +
      'find "$d" -type f -exec sha256sum {} +; done | sort; ' +
      'echo "ip_forward=$(sysctl -n net.ipv4.ip_forward)"; nft list ruleset; ip -br link | cut -d" " -f1 | sort',
  );
}

const exists = async (node: Gw, path: string) => (await sh(node, `test -e ${path}`)).exitCode === 0;
const linkUp = async (node: Gw) => (await labExec(node, ['ip', 'link', 'show', 'wg0'])).exitCode === 0;
const forwarding = async (node: Gw) => (await ok(node, 'sysctl -n net.ipv4.ip_forward')).trim();

/** Put a gateway back to the lab's initial state (keeping its key). */
async function cleanGateway(node: Gw): Promise<void> {
  await ok(
    node,
    'wg-quick down wg0 >/dev/null 2>&1 || ip link delete wg0 2>/dev/null; nft flush ruleset; ' +
      'sysctl -qw net.ipv4.ip_forward=0; ' +
      'find /etc/wireguard -mindepth 1 ! -name wg0.key -delete; ' +
      'rm -rf /etc/wg-site/* /etc/sysctl.d/* /run/wg-site/* /var/lib/wg-site/*; true',
  );
  // A watchdog of an earlier test exits on its own once its trial file is gone.
  assert.ok(
    await labWaitFor(
      async () => (await sh(node, 'pgrep --ns $$ --nslist net -f "rollback --tria[l]"')).exitCode !== 0,
      {
        timeoutMs: 5_000,
      },
    ),
    `${node}: a trial watchdog is still running`,
  );
}

describe('wg-site apply on the lab gateways', { concurrency: false }, () => {
  let dir = '';
  const keys = { gwA: '', gwB: '' };
  const siteFile = { gwA: '', gwB: '' };

  function site(self: Gw, extra: Record<string, unknown> = {}) {
    const a = self === 'gwA';
    return {
      interface: 'wg0',
      name: a ? 'site-a' : 'site-b',
      lan: {
        interface: 'eth-lan',
        address: a ? '192.168.11.2/24' : '192.168.12.2/24',
        subnets: [a ? '192.168.11.0/24' : '192.168.12.0/24'],
      },
      tunnel: { address: a ? '10.99.0.0/31' : '10.99.0.1/31', listenPort: 51820 },
      routing: 'static-route',
      firewall: { fromRemote: 'all' },
      peers: [
        {
          name: a ? 'site-b' : 'site-a',
          publicKey: a ? keys.gwB : keys.gwA,
          endpoint: a ? '198.51.100.2:51820' : '198.51.100.1:51820',
          tunnelAddress: a ? '10.99.0.1' : '10.99.0.0',
          subnets: [a ? '192.168.12.0/24' : '192.168.11.0/24'],
        },
      ],
      ...extra,
    };
  }

  function writeSite(name: string, content: unknown): string {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  }

  before(async () => {
    if (!labAvailable().ok) return;
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), 'wg-site-apply-e2e-'));
    await labUp();
    for (const gw of ['gwA', 'gwB'] as const) {
      const r = await wgSite(gw, ['keygen']);
      assert.equal(r.exitCode, 0, r.stderr);
      const pub = await wgSite(gw, ['pubkey']);
      assert.equal(pub.stdout.trim(), r.stdout.trim());
      keys[gw] = pub.stdout.trim();
    }
    siteFile.gwA = writeSite('site-a.json', site('gwA'));
    siteFile.gwB = writeSite('site-b.json', site('gwB'));
  });

  after(async () => {
    if (!labAvailable().ok) return;
    await labDown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('an unconfirmed trial reverts: tunnel gone, old files byte-identical, forwarding back off', async (t) => {
    if (!requireLab(t)) return;
    const old = [
      '# Written by hand before wg-site; this comment must survive a revert byte for byte.',
      '[Interface]',
      'Address = 10.99.0.0/31   # the old tunnel',
      'ListenPort = 51820',
      '',
      '[Peer]',
      `PublicKey = ${keys.gwB}`,
      'AllowedIPs = 10.99.0.1/32',
      '',
    ].join('\n');
    await ok('gwA', `umask 077; cat > /etc/wireguard/wg0.conf <<'EOF'\n${old}EOF`);
    const before = await snapshot('gwA');
    const r = await wgSite('gwA', ['apply', '--site', siteFile.gwA, '--confirm-timeout', '3']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /Trial applied\. Run `wg-site confirm` within 3 s or everything reverts\./);
    // gwB is not set up: apply's own pings (bounded by the short trial) get no answer and say so.
    assert.match(
      r.stdout,
      /Waking the tunnel: .*\n {2}\S+: The far gateway has not answered yet \(0 of \d+ pings? to 10\.99\.0\.1, no handshake\) — is it set up\? .*wg-site pair/,
    );
    assert.ok(await linkUp('gwA'), 'wg0 is up during the trial');
    assert.equal(await forwarding('gwA'), '1');
    assert.ok(await exists('gwA', '/run/wg-site/wg0.trial'));
    const reverted = await labWaitFor(async () => !(await exists('gwA', '/run/wg-site/wg0.trial')), {
      timeoutMs: 20_000,
    });
    assert.ok(reverted, 'the trial file is gone after the deadline');
    assert.equal(await linkUp('gwA'), false, 'wg0 is gone');
    assert.equal(await snapshot('gwA'), before);
    assert.equal(await ok('gwA', 'cat /etc/wireguard/wg0.conf'), old);
    assert.equal(await forwarding('gwA'), '0');
    assert.match(await ok('gwA', 'cat /run/wg-site/wg0.last-revert'), /"source":"trial"/);
    await cleanGateway('gwA');
  });

  test('a confirmed trial stays after its deadline and carries traffic', async (t) => {
    if (!requireLab(t)) return;
    const b = await wgSite('gwB', ['apply', '--site', siteFile.gwB, '--yes']);
    assert.equal(b.exitCode, 0, b.stderr);
    // Long enough for a confirm to arrive on a busy machine: a confirm after the deadline reverts.
    const r = await wgSite('gwA', ['apply', '--site', siteFile.gwA, '--confirm-timeout', '15', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { status: string; trial: { deadline: string } };
    assert.equal(result.status, 'trial');
    assert.doesNotMatch(r.stdout + r.stderr, /PrivateKey|private-key [A-Za-z0-9+/]{43}=/);
    const c = await wgSite('gwA', ['confirm']);
    assert.equal(c.exitCode, 0, c.stderr);
    assert.match(c.stdout, /Confirmed the trial of wg0/);
    assert.equal(await exists('gwA', '/run/wg-site/wg0.trial'), false);
    const deadline = Date.parse(result.trial.deadline) + 2_000;
    let stayed = true;
    await labWaitFor(
      async () => {
        stayed &&= await linkUp('gwA');
        return Date.now() > deadline;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    assert.ok(stayed && (await linkUp('gwA')), 'wg0 stayed up past the deadline');
    assert.equal(
      (await sh('gwA', 'pgrep --ns $$ --nslist net -f "rollback --tria[l]"')).exitCode,
      1,
      'the watchdog is gone',
    );
    assert.ok(await labPingUntil('gwA', '10.99.0.1', true, 10_000), 'the tunnel carries traffic');
    const again = await wgSite('gwA', ['confirm']);
    assert.equal(again.exitCode, 1);
    assert.match(again.stderr, /was already confirmed at/);
    await cleanGateway('gwA');
    await cleanGateway('gwB');
  });

  test('a trial whose applying session is killed with SIGKILL still reverts', async (t) => {
    if (!requireLab(t)) return;
    const before = await snapshot('gwA');
    const log = join(dir, 'killed-apply.log');
    const started = await ok(
      'gwA',
      `setsid ${process.execPath} ${BIN} apply --site ${siteFile.gwA} --confirm-timeout 3 >${log} 2>&1 </dev/null & echo $!`,
    );
    const sid = Number(started.trim());
    assert.ok(sid > 1);
    const armed = await labWaitFor(async () => exists('gwA', '/run/wg-site/wg0.trial'), {
      timeoutMs: 10_000,
      intervalMs: 20,
    });
    assert.ok(armed, 'the trial was armed');
    await labExec('gwA', ['kill', '-KILL', '--', `-${sid}`]);
    assert.ok(
      await labWaitFor(async () => (await sh('gwA', `kill -0 ${sid}`)).exitCode !== 0, { timeoutMs: 5_000 }),
      'the applying process is dead',
    );
    const reverted = await labWaitFor(
      async () => !(await exists('gwA', '/run/wg-site/wg0.trial')) && !(await linkUp('gwA')),
      { timeoutMs: 20_000 },
    );
    assert.ok(reverted, 'the watchdog reverted the trial');
    assert.equal(await exists('gwA', '/run/wg-site/wg0.journal'), false, 'no journal is left');
    assert.equal(await snapshot('gwA'), before);
    await cleanGateway('gwA');
  });

  test('a bad site file changes nothing on the gateway', async (t) => {
    if (!requireLab(t)) return;
    await ok('gwA', "printf '# keep me\\n' > /etc/wireguard/wg0.conf; chmod 600 /etc/wireguard/wg0.conf");
    const before = await snapshot('gwA');
    const overlapping = site('gwA');
    overlapping.peers[0]!.subnets = ['192.168.11.0/24'];
    const cases = [
      writeSite('overlap.json', overlapping),
      writeSite('broken.json', '{ "interface": "wg0", '),
    ];
    for (const file of cases) {
      const r = await wgSite('gwA', ['apply', '--site', file, '--yes']);
      assert.equal(r.exitCode, 2, `${file}: ${r.stdout}${r.stderr}`);
      assert.equal(await snapshot('gwA'), before, `${file} changed nothing`);
    }
    assert.equal(await exists('gwA', '/var/lib/wg-site/backups'), false, 'not even a backup was taken');
    await cleanGateway('gwA');
  });

  test('preflight lists a foreign drop policy and an SSH client the tunnel would cut off, and changes nothing', async (t) => {
    if (!requireLab(t)) return;
    await ok(
      'gwA',
      "nft 'add table inet filter; add chain inet filter forward { type filter hook forward priority 0; policy drop; }'",
    );
    const before = await snapshot('gwA');
    const r = await labExec('gwA', [process.execPath, BIN, 'apply', '--site', siteFile.gwA, '--yes'], {
      env: { SSH_CONNECTION: '192.168.12.10 50000 192.168.11.2 22' },
    });
    assert.equal(r.exitCode, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /nothing was changed/);
    assert.match(r.stderr, /nft insert rule inet filter forward iifname "eth-lan" oifname "wg0" accept/);
    assert.match(r.stderr, /Your SSH client 192\.168\.12\.10 lies inside 192\.168\.12\.0\/24/);
    assert.equal(await snapshot('gwA'), before);
    const forced = await wgSite('gwA', [
      'apply',
      '--site',
      siteFile.gwA,
      '--yes',
      '--allow-foreign-firewall',
    ]);
    assert.equal(forced.exitCode, 0, forced.stderr);
    await cleanGateway('gwA');
  });

  test('applying the same site file twice leaves the nft ruleset byte-identical', async (t) => {
    if (!requireLab(t)) return;
    const first = await wgSite('gwA', ['apply', '--site', siteFile.gwA, '--yes']);
    assert.equal(first.exitCode, 0, first.stderr);
    const rulesBefore = await ok('gwA', 'nft list ruleset');
    const routesBefore = await ok('gwA', 'ip route show dev wg0');
    const second = await wgSite('gwA', ['apply', '--site', siteFile.gwA, '--yes']);
    assert.equal(second.exitCode, 0, second.stderr);
    assert.equal(await ok('gwA', 'nft list ruleset'), rulesBefore);
    assert.equal(await ok('gwA', 'ip route show dev wg0'), routesBefore);
    assert.match(await ok('gwA', 'wg show wg0 allowed-ips'), /10\.99\.0\.1\/32 192\.168\.12\.0\/24/);
    const rb = await wgSite('gwA', ['rollback']);
    assert.equal(rb.exitCode, 0, rb.stderr);
    assert.ok(await linkUp('gwA'), 'rolling back the second apply keeps the first one (up)');
    await cleanGateway('gwA');
  });

  test('a step that fails mid-way is rolled back completely', async (t) => {
    if (!requireLab(t)) return;
    // The admin's own guard hook refuses to bring the tunnel up while a maintenance lock exists.
    const old = [
      '[Interface]',
      'PreUp = test ! -e /etc/wireguard/maintenance.lock',
      'ListenPort = 51820',
      '',
    ].join('\n');
    await ok(
      'gwA',
      `umask 077; cat > /etc/wireguard/wg0.conf <<'EOF'\n${old}EOF\ntouch /etc/wireguard/maintenance.lock`,
    );
    const before = await snapshot('gwA');
    const r = await wgSite('gwA', ['apply', '--site', siteFile.gwA, '--yes']);
    assert.equal(r.exitCode, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /Step "interface" failed: wg-quick up wg0/);
    assert.match(r.stderr, /Everything was put back as it was/);
    assert.equal(await snapshot('gwA'), before);
    assert.equal(await exists('gwA', '/run/wg-site/wg0.journal'), false);
    await ok('gwA', 'rm /etc/wireguard/maintenance.lock');
    const retry = await wgSite('gwA', ['apply', '--site', siteFile.gwA, '--yes']);
    assert.equal(retry.exitCode, 0, `a retry starts clean: ${retry.stderr}`);
    await cleanGateway('gwA');
  });

  test('twenty rounds of two applies started together: exactly one wins, and its unconfirmed trial reverts byte for byte', async (t) => {
    if (!requireLab(t)) return;
    await cleanGateway('gwA');
    const before = await snapshot('gwA');
    const apply = () => wgSite('gwA', ['apply', '--site', siteFile.gwA, '--confirm-timeout', '2']);
    for (let round = 1; round <= 20; round++) {
      const results = await Promise.all([apply(), apply()]);
      const winners = results.filter((r) => r.exitCode === 0);
      const report = results.map((r) => `exit ${r.exitCode}: ${r.stdout}${r.stderr}`).join('\n---\n');
      assert.equal(winners.length, 1, `round ${round}: exactly one apply wins\n${report}`);
      assert.match(winners[0]!.stdout, /Trial applied/);
      const loser = results.find((r) => r.exitCode !== 0)!;
      assert.ok([1, 2].includes(loser.exitCode), `round ${round}: ${report}`);
      assert.match(
        loser.stderr,
        /Another wg-site command is changing wg0: pid \d+, `wg-site apply [^`]*`, since \S+|A trial of wg0 is pending|The trial of wg0 .* passed its deadline unconfirmed and is being reverted/,
        `round ${round}: the loser says why`,
      );
      const reverted = await labWaitFor(
        async () => !(await exists('gwA', '/run/wg-site/wg0.trial')) && !(await linkUp('gwA')),
        { timeoutMs: 60_000 },
      );
      assert.ok(reverted, `round ${round}: the trial reverted by its deadline`);
      assert.equal(await snapshot('gwA'), before, `round ${round}: everything is back byte for byte`);
    }
    const late = await wgSite('gwA', ['confirm']);
    assert.equal(late.exitCode, 1, late.stdout + late.stderr);
    assert.match(late.stderr, /was not confirmed by its deadline .* and was reverted at/);
    await cleanGateway('gwA');
  });

  test('rollback names the backup it restores, refuses a second one, and --to restores a backup from the list', async (t) => {
    if (!requireLab(t)) return;
    await cleanGateway('gwA');
    await ok(
      'gwA',
      "printf '# before wg-site\\n[Interface]\\nListenPort = 51820\\n' > /etc/wireguard/wg0.conf; chmod 600 /etc/wireguard/wg0.conf",
    );
    const before = await snapshot('gwA');
    const first = await wgSite('gwA', ['apply', '--site', siteFile.gwA, '--yes']);
    assert.equal(first.exitCode, 0, first.stderr);
    const changed = writeSite(
      'site-a-port.json',
      site('gwA', { tunnel: { address: '10.99.0.0/31', listenPort: 51821 } }),
    );
    const second = await wgSite('gwA', ['apply', '--site', changed, '--yes']);
    assert.equal(second.exitCode, 0, second.stderr);
    const listed = await wgSite('gwA', ['backups', '--json']);
    assert.equal(listed.exitCode, 0, listed.stderr);
    const { backups } = JSON.parse(listed.stdout) as {
      backups: { id: string; state: string; next: boolean }[];
    };
    assert.equal(backups.length, 2);
    assert.deepEqual(
      backups.map((b) => [b.state, b.next]),
      [
        ['applied', true],
        ['applied', false],
      ],
    );
    const rb = await wgSite('gwA', ['rollback']);
    assert.equal(rb.exitCode, 0, rb.stderr);
    assert.match(
      rb.stdout,
      new RegExp(`backup ${backups[0]!.id} \\(taken .* before applying site "site-a"\\)`),
    );
    assert.match(await ok('gwA', 'wg show wg0 listen-port'), /^51820/, 'back to the first apply');
    const again = await wgSite('gwA', ['rollback']);
    assert.equal(again.exitCode, 2, again.stdout + again.stderr);
    assert.match(again.stderr, /already rolled back/);
    assert.match(again.stderr, /wg-site rollback --interface wg0 --to ID/);
    const to = await wgSite('gwA', ['rollback', '--to', backups[1]!.id]);
    assert.equal(to.exitCode, 0, to.stderr);
    assert.equal(await snapshot('gwA'), before, 'the state before the first apply, byte for byte');
    await cleanGateway('gwA');
  });
});
