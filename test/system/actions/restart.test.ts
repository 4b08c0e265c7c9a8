import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYNC_THROUGH_PIPE } from '../../../source/system/apply/interface-sync.js';
import { restartActions } from '../../../source/system/actions/restart.js';
import { readTrial } from '../../../source/system/apply/trial.js';
import { alphaGateway, alphaPlan } from '../apply/fakes.js';

const VERIFY = [
  'ip -j link show dev wg0',
  'wg show wg0 dump',
  'ip -j -4 route show dev wg0',
  'ip -j -6 route show dev wg0',
  'nft -j list tables',
  'sysctl -n net.ipv4.ip_forward',
];

/** A gateway where alpha is applied and wg0 is up; the restart plans the stored alpha site. */
function applied() {
  const { gateway, ...fake } = alphaGateway(true);
  const { text } = alphaPlan();
  let reads = 0;
  const actions = restartActions({
    iface: 'wg0',
    apply: fake.deps,
    readSite: async () => (reads++, text),
  });
  return { gateway, ...fake, actions, plans: () => reads };
}

/** The calls after the apply engine's own verification: what the restart itself ran. */
function afterApply(calls: string[]): string[] {
  const firstVerify = calls.lastIndexOf('wg-quick strip wg0');
  const rest = calls.slice(firstVerify);
  return rest.slice(rest.indexOf('sysctl -n net.ipv4.ip_forward') + 1);
}

describe('restart as a trial', () => {
  test('applies the stored site as a 60 s trial, then takes wg0 down and up and verifies again', async () => {
    const s = applied();
    const result = await s.actions.restart();
    assert.equal(result, 'restarted as a trial: press C within 60 s to keep it');
    assert.deepEqual(afterApply(s.gateway.calls), ['wg-quick down wg0', 'wg-quick up wg0', ...VERIFY]);
    assert.ok(s.gateway.calls.includes(`sh -c ${SYNC_THROUGH_PIPE} wg-site wg0`), 'the apply engine ran');
    const trial = await readTrial(s.deps, 'wg0');
    assert.equal(trial?.timeoutSeconds, 60);
    assert.equal(trial?.deadline, s.deps.clock.now() + 60_000, 'the window starts after the re-up');
    assert.deepEqual(s.spawned[0]?.slice(-6), [
      'rollback',
      '--trial',
      '--interface',
      'wg0',
      '--backup',
      trial!.backupId,
    ]);
  });

  test('C keeps the trial: the watchdog is stopped and the trial file removed', async () => {
    const s = applied();
    await s.actions.restart();
    const backup = (await readTrial(s.deps, 'wg0'))!.backupId;
    mkdirSync(join(s.root, 'proc/5151'), { recursive: true });
    writeFileSync(
      join(s.root, 'proc/5151/cmdline'),
      ['node', 'wg-site.js', 'rollback', '--trial', '--backup', backup, ''].join('\0'),
    );
    assert.equal(await s.actions.confirm(), `kept: the trial of wg0 is confirmed (backup ${backup})`);
    assert.equal(await readTrial(s.deps, 'wg0'), undefined);
    assert.deepEqual(s.killed, [5151]);
    assert.match(await s.actions.confirm(), /^no restart trial from this panel is waiting/);
  });

  test('C before any restart, or while the restart runs, confirms nothing', async () => {
    const s = applied();
    assert.match(
      await s.actions.confirm(),
      /^no restart trial from this panel is waiting \(for other trials: wg-site confirm --interface wg0\)$/,
    );
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    s.gateway.answers.set('wg-quick down wg0', {}); // keep `up` true; the gate holds the restart here
    const original = s.gateway.run.bind(s.gateway);
    s.gateway.run = async (file, args) => {
      if (file === 'wg-quick' && args[0] === 'down') await gate;
      return original(file, args);
    };
    const restarting = s.actions.restart();
    for (let i = 0; i < 200 && !s.gateway.calls.includes('wg-quick down wg0'); i++)
      await new Promise((r) => setImmediate(r));
    assert.match(await s.actions.confirm(), /^the restart is still running/);
    assert.equal(await s.actions.restart(), 'a restart is already running');
    release();
    await restarting;
    assert.ok(await readTrial(s.deps, 'wg0'), 'the trial is still pending: C pressed early did not count');
  });

  test('a failing wg-quick up is reverted at once: the interface comes back with the previous configuration', async () => {
    const s = applied();
    s.gateway.once.set('wg-quick up wg0', { exitCode: 1, stderr: 'RTNETLINK answers: Address in use' });
    await assert.rejects(s.actions.restart(), {
      message: 'wg-quick up wg0 failed: RTNETLINK answers: Address in use; reverted to the previous state',
    });
    assert.equal(await readTrial(s.deps, 'wg0'), undefined, 'no trial is left pending');
    assert.equal(s.gateway.calls.at(-1), 'wg-quick up wg0', 'the revert brought wg0 back up');
    assert.equal(s.gateway.up, true);
    assert.match(await s.actions.confirm(), /^no restart trial/);
  });

  test('a second restart while the trial is pending is refused by the apply engine', async () => {
    const s = applied();
    await s.actions.restart();
    await assert.rejects(s.actions.restart(), /A trial of wg0 is pending .*wg-site confirm/);
  });

  test('a preflight problem refuses before anything changes', async () => {
    const s = applied();
    s.gateway.answers.set('sh -c command -v wg-quick', { exitCode: 1 });
    await assert.rejects(s.actions.restart(), { message: /^refused: wg-quick not found/ });
    assert.ok(!s.gateway.calls.some((c) => c.startsWith('wg-quick')), 'nothing was run');
    assert.ok(!existsSync(join(s.root, 'run/wg-site/wg0.trial')));
  });
});
