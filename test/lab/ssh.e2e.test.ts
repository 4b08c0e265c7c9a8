// End to end over a real SSH session: the admin's `ssh -tt` (in the lab's wan node, inside a tmux
// window) runs the wizard on each gateway's own sshd. Both gateways are set up that way; then a trial
// whose SSH connection is lost — the client killed, or the TCP connection silently dropped — must
// revert by itself at its deadline, leaving the wg-quick file and the interface exactly as they were;
// and the panel over SSH must survive the window shrinking and growing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAB_ADDR,
  labDown,
  labExec,
  labPingUntil,
  labRouteViaGateway,
  labSshArgv,
  labSshCut,
  labSshRestore,
  labUp,
  labWaitFor,
  requireLabSsh,
} from './lab.js';
import { checkResizes } from './resize-check.js';
import { EXIT_MARK, requireTmux, TmuxServer, type TmuxPane } from './terminal.js';
import { joinWithWizards, labEnv, wgSiteCommand, WizardDriver, type LabGateway } from './wizard-flow.js';

/** Seconds of the trial that is cut off (the wizard's minimum is 10). */
const TRIAL_SECONDS = 15;

/** `wg-site ARGS...` on GW over the admin's `ssh -tt`. */
const overSsh = (gw: LabGateway, ...args: string[]) => labSshArgv(gw, wgSiteCommand(...args), ['-tt']);

/**
 * What a revert must give back byte for byte: the wg-quick file, WireGuard's configuration, the
 * interface's link and addresses, its routes and the firewall. A revert may re-create the interface,
 * so its index and its kernel-made IPv6 link-local address (fe80::) are left out.
 */
async function tunnelState(gw: LabGateway): Promise<string> {
  const parts: string[] = [];
  for (const argv of [
    ['cat', '/etc/wireguard/wg0.conf'],
    ['wg', 'showconf', 'wg0'],
    ['ip', '-o', 'link', 'show', 'dev', 'wg0'],
    ['ip', '-o', 'addr', 'show', 'dev', 'wg0'],
    ['ip', 'route', 'show', 'table', 'all', 'dev', 'wg0'],
    ['nft', 'list', 'ruleset'],
  ]) {
    const r = await labExec(gw, argv);
    assert.equal(r.exitCode, 0, `${gw}: ${argv.join(' ')}: ${r.stderr}`);
    const stable = r.stdout
      .split('\n')
      .filter((line) => !line.includes('fe80:'))
      .map((line) => line.replace(/^\d+: /, ''))
      .join('\n');
    parts.push(`$ ${argv.join(' ')}\n${stable}`);
  }
  return parts.join('\n');
}

async function trialPending(gw: LabGateway): Promise<boolean> {
  return (await labExec(gw, ['test', '-e', '/run/wg-site/wg0.trial'])).exitCode === 0;
}

/**
 * Runs the wizard over SSH on a configured GW with a short trial, changes the tunnel MTU (so the trial
 * really changes the interface and its wg-quick file) and waits at the keep prompt; returns the pane.
 */
async function trialAtKeepPrompt(server: TmuxServer, gw: LabGateway, session: string): Promise<TmuxPane> {
  const pane = await server.open(session, overSsh(gw, 'setup', '--confirm-timeout', String(TRIAL_SECONDS)), {
    env: labEnv(),
  });
  const w = new WizardDriver(pane, gw === 'gwA' ? 'A' : 'B');
  await w.start();
  await w.next(2, 'This site');
  await w.next(3, 'Keys');
  await w.next(4, 'Far site');
  await w.next(5, 'AllowedIPs');
  await w.next(6, 'Routing');
  await w.next(7, 'Firewall & MTU');
  await w.setField('MTU', '1380');
  await w.next(8, 'Review');
  await pane.waitFor('/etc/wg-site/wg0.json', 'the review of the files to write');
  await w.next(9, 'Apply (trial)');
  await w.keepPrompt();
  return pane;
}

/** Waits (generously past the deadline) until the trial is gone and GW is back to BEFORE. */
async function assertRevertedTo(gw: LabGateway, before: string): Promise<void> {
  let now = '';
  const reverted = await labWaitFor(
    async () => {
      if (await trialPending(gw)) return false;
      now = await tunnelState(gw);
      return now === before;
    },
    { timeoutMs: (TRIAL_SECONDS + 90) * 1000, intervalMs: 500 },
  );
  assert.equal(now, before, `${gw} is back to its kept configuration byte for byte`);
  assert.ok(reverted, `${gw}: the trial reverted by itself`);
}

test(
  'over SSH: the wizard sets up both gateways, a trial whose session is lost reverts, the panel survives resizes',
  { timeout: 1_200_000 },
  async (t) => {
    if (!requireLabSsh(t) || !requireTmux(t)) return;
    const server = new TmuxServer(`wgsite-ssh-${process.pid}`);
    const session = (name: string) => `wgsite-ssh-${name}-${process.pid}`;
    await labUp();
    try {
      await t.test(
        'two admins join the sites with the wizard over ssh -tt and keep both trials',
        async () => {
          const result = await joinWithWizards({
            server,
            launch: (gw) => overSsh(gw, 'setup'),
            sessions: { A: session('A'), B: session('B') },
            names: { A: 'office', B: 'depot' },
            routing: { A: 'default-router', B: 'default-router' },
          });
          // Both LANs route via their gateways (the routing both admins chose).
          await labRouteViaGateway('A');
          await labRouteViaGateway('B');
          assert.deepEqual(result.exitCodes, { A: 0, B: 0 }, 'both wizards (and so both ssh clients) exit 0');
          for (const gw of ['gwA', 'gwB'] as const) {
            assert.equal(await trialPending(gw), false, `no trial is pending on ${gw}: the wizard kept it`);
          }
          assert.ok(await labPingUntil('hostA', LAB_ADDR.hostB, true, 20_000), 'hostA reaches hostB');
          assert.ok(await labPingUntil('hostB', LAB_ADDR.hostA, true, 20_000), 'hostB reaches hostA');
        },
      );

      await t.test('a trial reverts at its deadline after the ssh client is killed', async () => {
        const before = await tunnelState('gwA');
        const pane = await trialAtKeepPrompt(server, 'gwA', session('kill'));
        assert.notEqual(await tunnelState('gwA'), before, 'the trial changed gwA');
        process.kill(await pane.commandPid('ssh'), 'SIGKILL');
        await pane.waitFor(EXIT_MARK, 'the ssh client to be gone');
        await assertRevertedTo('gwA', before);
        assert.ok(
          await labPingUntil('hostA', LAB_ADDR.hostB, true, 30_000),
          'the kept tunnel carries LAN A→B',
        );
      });

      await t.test('a trial reverts at its deadline after the TCP connection is dropped', async () => {
        const before = await tunnelState('gwB');
        const pane = await trialAtKeepPrompt(server, 'gwB', session('drop'));
        assert.notEqual(await tunnelState('gwB'), before, 'the trial changed gwB');
        await labSshCut('gwB');
        try {
          await assertRevertedTo('gwB', before);
        } finally {
          await server.tmux(['kill-session', '-t', pane.name]);
          await labSshRestore('gwB');
        }
        assert.ok(
          await labPingUntil('hostB', LAB_ADDR.hostA, true, 30_000),
          'the kept tunnel carries LAN B→A',
        );
      });

      await t.test(
        'the panel over SSH shows one clean frame after the window shrinks and grows',
        async () => {
          await checkResizes({
            server,
            name: session('panel'),
            argv: overSsh('gwA', 'panel', '--interface', 'wg0'),
            env: labEnv(),
            title: /^wg-site wg0 /,
            ready: (s) => /^CHECKS .*pass/m.test(s) && /depot/.test(s),
          });
        },
      );
    } finally {
      await server.kill();
      await labDown();
    }
  },
);
