// End to end: the real `wg-site setup` wizard, in real 80×24 terminals (tmux), joins the lab's two
// gateways. A's admin enters site B by hand with the public key B's wizard shows, applies and keeps
// the trial; B's admin pastes A's pairing code, applies, sees the handshake during the trial and keeps
// it. Then LAN host A pings LAN host B through the tunnel.
import { test, type TestContext } from 'node:test';
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
import { TmuxServer, tmuxAvailable } from './terminal.js';
import { fieldValue, joinWithWizards } from './wizard-flow.js';

async function wg(node: LabNode, args: string[]): Promise<string> {
  const r = await labExec(node, ['wg', ...args]);
  assert.equal(r.exitCode, 0, `wg ${args.join(' ')} in ${node}: ${r.stderr}`);
  return r.stdout.trim();
}

function requireTmux(t: TestContext): boolean {
  if (tmuxAvailable()) return true;
  if (process.env.CI === 'true') throw new Error('tmux is required in CI for the wizard end-to-end test');
  process.stderr.write('LAB SKIPPED: tmux is not installed\n');
  t.skip('tmux is not installed');
  return false;
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
        // Both LANs route via their gateways; a ping from A during B's trial makes the handshake,
        // which B's trial screen must show before its admin keeps the configuration.
        duringTrialB: async (pane) => {
          await labRouteViaGateway('A');
          await labRouteViaGateway('B');
          assert.ok(await labPingUntil('hostA', LAB_ADDR.hostB, true, 30_000), 'hostA reaches hostB');
          await pane.waitFor(/office · .* · handshake \d+ s ago/, 'the handshake on B’s trial screen');
        },
      });

      assert.deepEqual(result.exitCodes, { A: 0, B: 0 }, 'both wizards end with exit 0');
      assert.match(result.codes.A, /^wgsite1\.[A-Za-z0-9_-]{40,}$/);
      assert.match(result.codes.B, /^wgsite1\.[A-Za-z0-9_-]{40,}$/);

      // The keys the wizards showed are the ones the gateways run with, and each is the other's peer.
      assert.equal(await wg('gwA', ['show', 'wg0', 'public-key']), result.publicKeys.A);
      assert.equal(await wg('gwB', ['show', 'wg0', 'public-key']), result.publicKeys.B);
      assert.equal(await wg('gwA', ['show', 'wg0', 'peers']), result.publicKeys.B);
      assert.equal(await wg('gwB', ['show', 'wg0', 'peers']), result.publicKeys.A);

      // A's pairing code filled B's far-site step with A's values.
      const pasted = result.pastedScreen;
      assert.equal(fieldValue(pasted, 'Far site name'), 'office');
      assert.equal(fieldValue(pasted, 'Far public key'), result.publicKeys.A);
      assert.equal(fieldValue(pasted, 'Far endpoint'), `${LAB_ADDR.gwAWan}:51820`);
      assert.equal(fieldValue(pasted, 'Far LAN subnets'), LAB_ADDR.lanA);

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
