// End to end: the real `wg-site setup` wizard, in real 80×24 terminals (tmux), joins the lab's two
// fresh gateways by pasting pairing codes only: A's admin reads A's code off its far-site step (4);
// B's admin pastes it into B's step 4, applies and keeps the trial, and reads B's code off the
// hand-off; A's admin pastes that into A's step 4, applies, sees the handshake during the trial (made
// by the wizard's own pings: nobody pings by hand) and keeps it. Then the LAN hosts ping each other through the tunnel, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAB_ADDR,
  labDown,
  labExec,
  labPingUntil,
  labRouteViaGateway,
  labUp,
  requireLab,
  type LabNode,
} from './lab.js';
import { requireTmux, TmuxServer } from './terminal.js';
import { fieldValue, joinWithWizards } from './wizard-flow.js';

async function wg(node: LabNode, args: string[]): Promise<string> {
  const r = await labExec(node, ['wg', ...args]);
  assert.equal(r.exitCode, 0, `wg ${args.join(' ')} in ${node}: ${r.stderr}`);
  return r.stdout.trim();
}

test(
  'two admins join the lab sites with the setup wizard in real terminals, and LAN A then reaches LAN B',
  { timeout: 300_000 },
  async (t) => {
    if (!requireLab(t) || !requireTmux(t)) return;
    const server = new TmuxServer(`wgsite-e2e-${process.pid}`);
    await labUp();
    try {
      const result = await joinWithWizards({
        server,
        sessions: { A: `wgsite-e2e-A-${process.pid}`, B: `wgsite-e2e-B-${process.pid}` },
        names: { A: 'office', B: 'depot' },
        routing: { A: 'default-router', B: 'default-router' },
        // B's trial runs while A is not set up: B's wizard pings A's tunnel address by itself, gets
        // no answer and no handshake, and asks whether A is set up, showing B's pairing code.
        duringTrialB: async (pane) => {
          const screen = await pane.waitFor(
            /The far gateway has not answered yet/,
            'B asking whether A is set up',
            60_000,
          );
          assert.match(
            screen.replace(/\s+/g, ' '),
            /is it set up\? .*pairing code into its wizard \(step 4\): wgsite1\./,
          );
          await pane.waitFor(
            /The far side has not answered\. Keep this configuration\?/,
            'B’s keep prompt',
            60_000,
          );
        },
        // A's trial (B is kept already): nobody pings by hand; the wizard's own pings make the
        // handshake, and A's screen says the far side answered before its admin keeps it.
        duringTrialA: async (pane) => {
          await pane.waitFor(/depot · .* · handshake \d+ s ago/, 'the handshake on A’s trial screen', 30_000);
          await pane.waitFor(
            /The far side answered: \d+ of \d+ pings? to 10\./,
            'A’s pings answered',
            30_000,
          );
          await pane.waitFor(/The far side answered\. Keep this configuration\?/, 'A’s keep prompt', 30_000);
        },
      });
      await labRouteViaGateway('A');
      await labRouteViaGateway('B');

      assert.deepEqual(result.exitCodes, { A: 0, B: 0 }, 'both wizards end with exit 0');
      assert.match(result.codes.A, /^wgsite1\.[A-Za-z0-9_-]{40,}$/);
      assert.match(result.codes.B, /^wgsite1\.[A-Za-z0-9_-]{40,}$/);

      // The keys the wizards showed are the ones the gateways run with, and each is the other's peer.
      assert.equal(await wg('gwA', ['show', 'wg0', 'public-key']), result.publicKeys.A);
      assert.equal(await wg('gwB', ['show', 'wg0', 'public-key']), result.publicKeys.B);
      assert.equal(await wg('gwA', ['show', 'wg0', 'peers']), result.publicKeys.B);
      assert.equal(await wg('gwB', ['show', 'wg0', 'peers']), result.publicKeys.A);

      // A's code (from its step 4) filled B's far-site step with A's values, and B's code (from its
      // hand-off) filled A's with B's.
      const pastedB = result.pastedScreens.B;
      assert.equal(fieldValue(pastedB, 'Far site name'), 'office');
      assert.equal(fieldValue(pastedB, 'Far public key'), result.publicKeys.A);
      assert.equal(fieldValue(pastedB, 'Far endpoint'), `${LAB_ADDR.gwAWan}:51820`);
      assert.equal(fieldValue(pastedB, 'Far LAN subnets'), LAB_ADDR.lanA);
      const pastedA = result.pastedScreens.A;
      assert.equal(fieldValue(pastedA, 'Far site name'), 'depot');
      assert.equal(fieldValue(pastedA, 'Far public key'), result.publicKeys.B);
      assert.equal(fieldValue(pastedA, 'Far endpoint'), `${LAB_ADDR.gwBWan}:51820`);
      assert.equal(fieldValue(pastedA, 'Far LAN subnets'), LAB_ADDR.lanB);

      // Kept, not reverted: the tunnel still carries LAN traffic both ways after both wizards ended.
      assert.ok(await labPingUntil('hostA', LAB_ADDR.hostB, true, 20_000), 'hostA reaches hostB');
      assert.ok(await labPingUntil('hostB', LAB_ADDR.hostA, true, 20_000), 'hostB reaches hostA');
      for (const gw of ['gwA', 'gwB'] as const) {
        const trial = await labExec(gw, ['test', '-e', '/run/wg-site/wg0.trial']);
        assert.notEqual(trial.exitCode, 0, `no trial is pending on ${gw}: the wizard confirmed it`);
        const site = await labExec(gw, ['cat', '/etc/wg-site/wg0.json']);
        assert.equal(site.exitCode, 0, `the wizard wrote ${gw}'s site file`);
        assert.equal((JSON.parse(site.stdout) as { name: string }).name, gw === 'gwA' ? 'office' : 'depot');
      }
    } finally {
      await server.kill();
      await labDown();
    }
  },
);
