import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generatePresharedKey, generatePrivateKey } from '../../../source/domain/keys.js';
import { ApplyFailed, ApplyRefused, applyPlan } from '../../../source/system/apply/apply.js';
import { readManifest } from '../../../source/system/apply/backup.js';
import { confirmTrial, NothingToConfirm } from '../../../source/system/apply/confirm.js';
import { downInterface } from '../../../source/system/apply/down.js';
import { InterfaceBusy } from '../../../source/system/apply/lock.js';
import { RollbackRefused, rollbackInterface, watchTrial } from '../../../source/system/apply/rollback.js';
import { readTrial } from '../../../source/system/apply/trial.js';
import { ALPHA_PEER_LINE, FakeGateway, alphaPlan, fakeDeps } from './fakes.js';

const OLD_CONF = '# hand-written, keep me\n[Interface]\nListenPort = 51820\n';
const BACKUP_ID = '20250102T030405.678Z-wg0';

const PRIVATE_KEY = generatePrivateKey();
const PRESHARED_KEY = generatePresharedKey();

function setup(seed = true) {
  const gateway = new FakeGateway(ALPHA_PEER_LINE);
  const fake = fakeDeps(gateway);
  if (seed) {
    mkdirSync(join(fake.root, 'etc/wireguard'), { recursive: true });
    writeFileSync(join(fake.root, 'etc/wireguard/wg0.conf'), OLD_CONF, { mode: 0o640 });
  }
  mkdirSync(join(fake.root, 'etc/wireguard'), { recursive: true });
  writeFileSync(join(fake.root, 'etc/wireguard/wg0.key'), `${PRIVATE_KEY}\n`, { mode: 0o600 });
  writeFileSync(join(fake.root, 'etc/wireguard/wg0-beta.psk'), `${PRESHARED_KEY}\n`, { mode: 0o600 });
  const { plan, text } = alphaPlan();
  return { gateway, ...fake, plan, text, file: (p: string) => join(fake.root, p) };
}

const VERIFY = [
  'ip -j link show dev wg0',
  'wg show wg0 dump',
  'ip -j -4 route show dev wg0',
  'ip -j -6 route show dev wg0',
  'nft -j list tables',
  'sysctl -n net.ipv4.ip_forward',
];

describe('applyPlan', () => {
  test('applies for good with --yes in the documented order of commands', async () => {
    const s = setup();
    const result = await applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    assert.deepEqual(s.gateway.calls, [
      'sysctl -n net.ipv4.ip_forward',
      'nft list table inet wg_site_wg0',
      'ip -j link show dev wg0',
      'sysctl -w net.ipv4.ip_forward=1',
      'nft -f /etc/wireguard/wg0.nft',
      'wg-quick up wg0',
      ...VERIFY,
    ]);
    assert.deepEqual(result.steps, ['files', 'sysctl', 'firewall', 'interface']);
    assert.equal(result.trial, undefined);
    assert.equal(statSync(s.file('etc/wireguard/wg0.conf')).mode & 0o777, 0o600);
    assert.equal(statSync(s.file('etc/sysctl.d/90-wg-site-wg0.conf')).mode & 0o777, 0o644);
    assert.equal(readFileSync(s.file('etc/wg-site/wg0.json'), 'utf8'), s.text);
    assert.equal(existsSync(s.file('run/wg-site/wg0.journal')), false);
    assert.deepEqual((await readManifest(s.deps, BACKUP_ID))?.appliedSteps, result.steps);
  });

  test('records the previous state in the backup manifest', async () => {
    const s = setup();
    s.gateway.table = true;
    const { manifest } = await applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    assert.equal(manifest.id, BACKUP_ID);
    const saved = JSON.parse(
      readFileSync(s.file(`var/lib/wg-site/backups/${BACKUP_ID}/manifest.json`), 'utf8'),
    );
    assert.deepEqual(
      saved.files.map((f: { path: string; existed: boolean; mode?: number }) => [f.path, f.existed, f.mode]),
      [
        ['/etc/wireguard/wg0.conf', true, 0o640],
        ['/etc/wireguard/wg0.nft', false, undefined],
        ['/etc/sysctl.d/90-wg-site-wg0.conf', false, undefined],
        ['/etc/wg-site/wg0.json', false, undefined],
      ],
    );
    assert.equal(readFileSync(s.file(`var/lib/wg-site/backups/${BACKUP_ID}/files/0`), 'utf8'), OLD_CONF);
    assert.deepEqual(saved.sysctl, [{ key: 'net.ipv4.ip_forward', previous: '0' }]);
    assert.equal(saved.interfaceWasUp, false);
    assert.deepEqual(saved.firewall, { backend: 'nft', table: 'wg_site_wg0', previousTable: true });
    assert.match(
      readFileSync(s.file(`var/lib/wg-site/backups/${BACKUP_ID}/nft-previous.nft`), 'utf8'),
      /^table inet wg_site_wg0\ndelete table inet wg_site_wg0\ntable inet wg_site_wg0 \{/,
    );
    assert.equal(saved.systemd, undefined, 'no systemd on this host');
  });

  test('a failing wg-quick up undoes firewall, sysctl and files, in reverse order', async () => {
    const s = setup();
    s.gateway.failing.add('wg-quick up wg0');
    await assert.rejects(
      s.deps && applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined }),
      (error) => {
        assert.ok(error instanceof ApplyFailed);
        assert.equal(error.step, 'interface');
        assert.match(error.message, /wg-quick up wg0 failed: wg-quick: simulated failure/);
        assert.deepEqual(error.undoProblems, []);
        return true;
      },
    );
    const after = s.gateway.calls.slice(s.gateway.calls.indexOf('wg-quick up wg0') + 1);
    assert.deepEqual(after, [
      'ip -j link show dev wg0',
      'nft add table inet wg_site_wg0; delete table inet wg_site_wg0',
      'sysctl -w net.ipv4.ip_forward=0',
    ]);
    assert.equal(readFileSync(s.file('etc/wireguard/wg0.conf'), 'utf8'), OLD_CONF);
    assert.equal(statSync(s.file('etc/wireguard/wg0.conf')).mode & 0o777, 0o640);
    for (const gone of [
      'etc/wireguard/wg0.nft',
      'etc/sysctl.d/90-wg-site-wg0.conf',
      'etc/wg-site/wg0.json',
    ]) {
      assert.equal(existsSync(s.file(gone)), false, `${gone} removed`);
    }
    assert.equal(existsSync(s.file('run/wg-site/wg0.journal')), false);
    assert.equal(s.gateway.sysctl['net.ipv4.ip_forward'], '0');
    assert.ok((await readManifest(s.deps, BACKUP_ID))?.restoredAt);
  });

  test('a failed verification undoes everything, the interface included', async () => {
    const s = setup(false);
    s.gateway.answers.set('wg show wg0 dump', { stdout: 'PRIVATE\tPUBLIC\t51820\toff\n' });
    await assert.rejects(
      applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined, verifyTimeoutMs: 1000 }),
      (e) => {
        assert.ok(e instanceof ApplyFailed);
        assert.match(e.message, /planned peer kJKK.* is missing/);
        return true;
      },
    );
    assert.equal(s.gateway.up, false);
    assert.ok(s.gateway.calls.includes('wg-quick down wg0'));
    assert.equal(s.gateway.table, false);
  });

  test('an apply killed mid-way is undone by the next apply before it starts', async () => {
    const s = setup();
    let hung = false;
    const run = s.gateway.run.bind(s.gateway);
    s.gateway.run = async (file, args) => {
      if (file !== 'wg-quick' || hung) return run(file, args);
      hung = true;
      return new Promise<never>(() => undefined); // the process dies here
    };
    void applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    for (let i = 0; i < 1000 && !hung; i++) await new Promise((r) => setTimeout(r, 1));
    assert.ok(hung);
    const next = { ...s.deps, proc: { ...s.deps.proc, pid: 4343 } };
    s.advance(1000);
    const result = await applyPlan(next, s.plan, s.text, { trialSeconds: undefined });
    assert.deepEqual(result.recovered, ['files', 'sysctl', 'firewall', 'interface']);
    assert.notEqual(result.manifest.id, BACKUP_ID);
    const old = await readManifest(s.deps, BACKUP_ID);
    assert.ok(old?.restoredAt, 'the interrupted backup was restored');
    assert.equal(
      readFileSync(s.file(`var/lib/wg-site/backups/${result.manifest.id}/files/0`), 'utf8'),
      OLD_CONF,
    );
  });

  test('updates an interface that is already up with syncconf (keeping its keys) and route reconciling', async () => {
    const s = setup();
    s.gateway.up = true;
    const keyHolders: string[][] = [];
    s.gateway.duringSyncconf = () => keyHolders.push(filesHolding(s.root, PRIVATE_KEY));
    s.gateway.once.set('ip -j -4 route show dev wg0', {
      stdout: '[{"dst":"10.0.0.0/31","protocol":"kernel"},{"dst":"192.168.9.0/24","protocol":"boot"}]',
    });
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    const start = s.gateway.calls.indexOf('wg-quick strip wg0');
    assert.deepEqual(s.gateway.calls.slice(start, start + 7), [
      'wg-quick strip wg0',
      'sh -c cat | wg syncconf "$1" /dev/stdin wg-site wg0',
      'ip -j -4 route show dev wg0',
      'ip -j -6 route show dev wg0',
      'ip route replace 192.168.2.0/24 dev wg0',
      'ip route delete 192.168.9.0/24 dev wg0',
      ...VERIFY.slice(0, 1),
    ]);
    // syncconf must see the same private and preshared keys, or it would clear them and drop the tunnel.
    assert.match(
      s.gateway.syncconfInput ?? '',
      new RegExp(`PrivateKey = ${PRIVATE_KEY.replace(/[+/]/g, '\\$&')}`),
    );
    assert.match(
      s.gateway.syncconfInput ?? '',
      new RegExp(`PresharedKey = ${PRESHARED_KEY.replace(/[+/]/g, '\\$&')}`),
    );
    assert.equal(s.gateway.calls.includes('wg-quick up wg0'), false);
    // A kill during syncconf leaves the private key nowhere but in its own key file.
    assert.deepEqual(keyHolders, [['etc/wireguard/wg0.key']]);
  });

  test('removes the syncconf files older versions left behind, and nothing else', async () => {
    const s = setup();
    mkdirSync(s.file('run/wg-site'), { recursive: true });
    for (const name of ['wg0.sync-4242.conf', 'wg0.sync-17.conf', 'wg1.sync-9.conf'])
      writeFileSync(s.file(`run/wg-site/${name}`), `[Interface]\nPrivateKey = ${PRIVATE_KEY}\n`, {
        mode: 0o600,
      });
    writeFileSync(s.file('run/wg-site/wg0.sync-notes.txt'), 'keep\n');
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    assert.deepEqual(filesHolding(s.root, PRIVATE_KEY), ['etc/wireguard/wg0.key']);
    assert.equal(existsSync(s.file('run/wg-site/wg0.sync-notes.txt')), true);
  });
});

/** Files below ROOT (relative paths, sorted) whose text contains NEEDLE. */
function filesHolding(root: string, needle: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter(
      (path) =>
        statSync(join(root, path)).isFile() && readFileSync(join(root, path), 'utf8').includes(needle),
    )
    .sort();
}

describe('trials', () => {
  test('a trial arms a detached watchdog and a second apply is refused while it is pending', async () => {
    const s = setup();
    const result = await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 60 });
    assert.deepEqual(s.spawned, [
      [
        '/usr/bin/node',
        '/opt/wg-site/bin/wg-site.js',
        'rollback',
        '--trial',
        '--interface',
        'wg0',
        '--backup',
        BACKUP_ID,
      ],
    ]);
    const trial = await readTrial(s.deps, 'wg0');
    assert.deepEqual(trial?.watchdog, { kind: 'process', pid: 5151 });
    assert.equal(trial?.backupId, BACKUP_ID);
    assert.equal(trial?.deadline, result.trial?.deadline);
    const calls = s.gateway.calls.length;
    await assert.rejects(applyPlan(s.deps, s.plan, s.text, { trialSeconds: 60 }), (e) => {
      assert.ok(e instanceof ApplyRefused);
      assert.match(
        e.message,
        /A trial of wg0 is pending .*wg-site confirm --interface wg0.*wg-site rollback --interface wg0/,
      );
      return true;
    });
    assert.equal(s.gateway.calls.length, calls, 'a refused apply runs no command');
  });

  test('where systemd runs, the revert is a systemd-run timer and the unit gets enabled', async () => {
    const s = setup();
    mkdirSync(s.file('run/systemd/system'), { recursive: true });
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 45 });
    assert.deepEqual(s.spawned, []);
    assert.ok(
      s.gateway.calls.includes(
        `systemd-run --on-active=45s --unit=wg-site-revert-wg0 --description=wg-site: revert wg0 unless confirmed /usr/bin/node /opt/wg-site/bin/wg-site.js rollback --trial --interface wg0 --backup ${BACKUP_ID}`,
      ),
    );
    assert.ok(s.gateway.calls.includes('systemctl enable wg-quick@wg0'));
    await confirmTrial(s.deps, 'wg0');
    assert.equal(
      s.gateway.calls.at(-1),
      'systemctl stop wg-site-revert-wg0.timer wg-site-revert-wg0.service',
    );
  });

  test('confirm stops the watchdog (only when it really is ours) and removes the trial', async () => {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 60 });
    mkdirSync(s.file('proc/5151'), { recursive: true });
    writeFileSync(
      s.file('proc/5151/cmdline'),
      ['node', 'wg-site.js', 'rollback', '--trial', '--backup', BACKUP_ID, ''].join('\0'),
    );
    const trial = await confirmTrial(s.deps, 'wg0');
    assert.equal(trial.backupId, BACKUP_ID);
    assert.deepEqual(s.killed, [5151]);
    assert.equal(await readTrial(s.deps, 'wg0'), undefined);
    await assert.rejects(confirmTrial(s.deps, 'wg0'), /was already confirmed at/);
  });

  test('confirm leaves a reused pid alone', async () => {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 60 });
    mkdirSync(s.file('proc/5151'), { recursive: true });
    writeFileSync(s.file('proc/5151/cmdline'), 'sshd\0');
    await confirmTrial(s.deps, 'wg0');
    assert.deepEqual(s.killed, []);
  });

  test('the watchdog reverts an unconfirmed trial after its deadline', async () => {
    const s = setup();
    const { trial } = await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 5 });
    const outcome = await watchTrial(s.deps, 'wg0', BACKUP_ID);
    assert.equal(outcome, 'reverted');
    assert.ok(s.deps.clock.now() >= trial!.deadline, 'not before the deadline');
    assert.equal(s.gateway.up, false);
    assert.equal(s.gateway.table, false);
    assert.equal(s.gateway.sysctl['net.ipv4.ip_forward'], '0');
    assert.equal(readFileSync(s.file('etc/wireguard/wg0.conf'), 'utf8'), OLD_CONF);
    assert.equal(await readTrial(s.deps, 'wg0'), undefined);
    assert.match(readFileSync(s.file('run/wg-site/wg0.last-revert'), 'utf8'), /"source":"trial"/);
  });

  test('the watchdog does nothing once the trial is confirmed', async () => {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 5 });
    await confirmTrial(s.deps, 'wg0');
    const calls = s.gateway.calls.length;
    assert.equal(await watchTrial(s.deps, 'wg0', BACKUP_ID), 'confirmed');
    assert.equal(s.gateway.calls.length, calls);
    assert.equal(s.gateway.up, true);
  });

  test('rollback on demand restores the last confirmed apply, a previously-up interface comes back', async () => {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    s.advance(1000);
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    const before = s.gateway.calls.length;
    const result = await rollbackInterface(s.deps, 'wg0');
    assert.equal(result.source, 'last apply');
    assert.equal(result.manifest?.id, '20250102T030406.678Z-wg0', 'the newer of the two applies');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(s.gateway.calls.slice(before), [
      'ip -j link show dev wg0',
      'wg-quick down wg0',
      'nft -f /var/lib/wg-site/backups/20250102T030406.678Z-wg0/nft-previous.nft',
      'sysctl -w net.ipv4.ip_forward=1',
      'ip -j link show dev wg0',
      'wg-quick up wg0',
    ]);
  });

  test('a confirm after the trial reverted says so and is refused', async () => {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 5 });
    assert.equal(await watchTrial(s.deps, 'wg0', BACKUP_ID), 'reverted');
    await assert.rejects(
      confirmTrial(s.deps, 'wg0'),
      (error: Error) =>
        error instanceof NothingToConfirm &&
        /was not confirmed by its deadline .* and was reverted at/.test(error.message),
    );
    assert.equal(readFileSync(s.file('etc/wireguard/wg0.conf'), 'utf8'), OLD_CONF, 'still reverted');
  });

  test('a confirm after the deadline, with the watchdog gone, reverts the trial instead of keeping it', async () => {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 5 });
    s.alive.delete(5151); // the watchdog died
    s.advance(14_000);
    await assert.rejects(confirmTrial(s.deps, 'wg0'), /Too late: .* passed its deadline .* 9 s ago/);
    assert.equal(s.gateway.up, false);
    assert.equal(readFileSync(s.file('etc/wireguard/wg0.conf'), 'utf8'), OLD_CONF);
    assert.equal(await readTrial(s.deps, 'wg0'), undefined);
  });

  test('an apply refuses while an unconfirmed trial past its deadline waits for its revert', async () => {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 5 });
    s.advance(6_000);
    await assert.rejects(
      applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined }),
      (e: Error) =>
        e instanceof ApplyRefused && /passed its deadline unconfirmed and is being reverted/.test(e.message),
    );
    assert.ok(await readTrial(s.deps, 'wg0'), 'the watchdog (or rollback) reverts it, not the second apply');
  });
});

describe('rollback names its backup and goes back only once', () => {
  async function twoApplies() {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    s.advance(1000);
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: undefined });
    return s;
  }

  test('a second plain rollback is refused and points at backups and --to', async () => {
    const s = await twoApplies();
    const logged: string[] = [];
    s.deps.log = (text) => void logged.push(text);
    await rollbackInterface(s.deps, 'wg0');
    assert.match(
      logged.join(''),
      /Restoring backup 20250102T030406\.678Z-wg0 \(taken .* before applying site "alpha"\)/,
    );
    const calls = s.gateway.calls.length;
    await assert.rejects(
      rollbackInterface(s.deps, 'wg0'),
      (error: Error) =>
        error instanceof RollbackRefused &&
        /already rolled back/.test(error.message) &&
        /wg-site backups --interface wg0/.test(error.message) &&
        /--to ID/.test(error.message),
    );
    assert.equal(s.gateway.calls.length, calls, 'nothing ran');
  });

  test('--to restores the named backup, and newer applies count as undone', async () => {
    const s = await twoApplies();
    const result = await rollbackInterface(s.deps, 'wg0', { to: BACKUP_ID });
    assert.equal(result.source, 'chosen backup');
    assert.equal(result.manifest?.id, BACKUP_ID);
    assert.equal(
      readFileSync(s.file('etc/wireguard/wg0.conf'), 'utf8'),
      OLD_CONF,
      'the state before the first apply',
    );
    const newer = await readManifest(s.deps, '20250102T030406.678Z-wg0');
    assert.equal(newer?.restoredBy, 'rollback to an older backup');
    await assert.rejects(rollbackInterface(s.deps, 'wg0'), /already rolled back/);
  });

  test('--to refuses an id that is not a backup of this interface', async () => {
    const s = await twoApplies();
    await assert.rejects(
      rollbackInterface(s.deps, 'wg0', { to: '20250102T030405.678Z-wg1' }),
      /There is no backup "20250102T030405\.678Z-wg1" of wg0/,
    );
  });
});

describe('one change at a time', () => {
  test('confirm, rollback and down refuse while another command holds the lock, naming it', async () => {
    const s = setup();
    await applyPlan(s.deps, s.plan, s.text, { trialSeconds: 60 });
    const other = await s.deps.locks.acquire('wg0', 'wg-site apply --site other.json', 0);
    assert.ok('held' in other);
    const named =
      /Another wg-site command is changing wg0: pid 4242, `wg-site apply --site other\.json`, since 2025-01-02T03:04:05\.678Z/;
    await assert.rejects(
      confirmTrial(s.deps, 'wg0'),
      (e: Error) => e instanceof InterfaceBusy && named.test(e.message),
    );
    await assert.rejects(rollbackInterface(s.deps, 'wg0'), InterfaceBusy);
    await assert.rejects(downInterface(s.deps, 'wg0'), InterfaceBusy);
    assert.ok(await readTrial(s.deps, 'wg0'), 'the trial is untouched');
    await other.held.release();
    await confirmTrial(s.deps, 'wg0');
  });
});
