import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseKey, publicKeyOf } from '../../../source/domain/keys.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import type { WizardEffect, WizardState } from '../../../source/domain/wizard/types.js';
import { createWizardEffects } from '../../../source/system/wizard/effects.js';
import { ApplyProblems, type ApplyRequest } from '../../../source/domain/wizard/services.js';
import { FakeGateway, fakeDeps } from '../apply/fakes.js';
import { keys, run, stateAt } from '../../domain/wizard/helpers.js';

const far = keys('high');

/** The apply request the machine makes at the end of the review, with a preshared key to generate. */
function applyRequest(gatewayPublic: string): { state: WizardState; request: ApplyRequest } {
  let state = stateAt('review', { privateKey: '', publicKey: gatewayPublic }, far);
  // The generated key may sort after the far one; the fake gateway's routes expect the lower address.
  state = run(
    state,
    { type: 'edit', field: 'tunnelAddress', value: '10.255.255.2/31' },
    { type: 'goto', step: 'keys' },
    { type: 'set-preshared-key', value: true },
  );
  for (let i = 0; i < 5; i++) state = transition(state, { type: 'next' });
  assert.equal(state.step, 'review');
  const after = transition(state, { type: 'next' });
  const effect = after.effects.find((e: WizardEffect) => e.kind === 'apply');
  assert.ok(effect && effect.kind === 'apply');
  return { state: after, request: effect };
}

function setup() {
  const peerLine = `${far.publicKey}\t(none)\tbeta.example.org:51820\t10.255.255.3/32,192.168.2.0/24\t0\t0\t0\toff`;
  const gateway = new FakeGateway(peerLine);
  gateway.answers.set('nft -j list ruleset', { stdout: '{"nftables":[]}' });
  gateway.answers.set('ip -j -4 route show dev wg0', {
    stdout: '[{"dst":"10.255.255.2/31","protocol":"kernel"},{"dst":"192.168.2.0/24","protocol":"boot"}]',
  });
  const fake = fakeDeps(gateway);
  const effects = createWizardEffects({
    applyDeps: (log) => ({ ...fake.deps, log }),
    hostFacts: async () => ({
      firewallBackend: 'nft',
      lanInterface: 'eth1',
      uplinkMtu: 1500,
      uplinkInterface: 'eth0',
    }),
    trialSeconds: 60,
  });
  return { gateway, fake, effects, path: (p: string) => join(fake.root, p) };
}

describe('generate-key', () => {
  test('creates /etc/wireguard/<if>.key with mode 0600 and answers its public key', async () => {
    const { effects, fake, path } = setup();
    const publicKey = await effects.generateKey('wg0');
    const text = (await fake.deps.files.read('/etc/wireguard/wg0.key'))!;
    assert.equal(publicKeyOf(parseKey(text.trim())), publicKey);
    assert.equal(statSync(path('/etc/wireguard/wg0.key')).mode & 0o777, 0o600);
  });

  test('never overwrites an existing key file', async () => {
    const { effects, fake } = setup();
    await effects.generateKey('wg0');
    const before = await fake.deps.files.read('/etc/wireguard/wg0.key');
    await assert.rejects(effects.generateKey('wg0'), /already exists: choose "keep the existing key"/);
    assert.equal(await fake.deps.files.read('/etc/wireguard/wg0.key'), before);
  });
});

describe('apply', () => {
  test('writes the psk 0600, applies through the engine as a trial, and the engine writes the site file', async () => {
    const { effects, fake, gateway, path } = setup();
    const publicKey = await effects.generateKey('wg0');
    const { request } = applyRequest(publicKey);
    const log: string[] = [];
    const trial = await effects.apply(request, (l) => log.push(l));
    assert.equal(trial.timeoutSeconds, 60);
    assert.equal(trial.watchdog, 'watchdog process');
    assert.ok(trial.deadline >= fake.deps.clock.now() + 59_000);
    const site = JSON.parse((await fake.deps.files.read('/etc/wg-site/wg0.json'))!);
    assert.deepEqual(site, request.siteFile);
    const pskPath = request.presharedKey!.path;
    assert.equal(statSync(path(pskPath)).mode & 0o777, 0o600);
    parseKey((await fake.deps.files.read(pskPath))!.trim());
    const changing = gateway.calls.filter((c) => /^(sysctl -w|nft -f|wg-quick up|wg set)/.test(c));
    assert.deepEqual(changing, [
      'sysctl -w net.ipv4.ip_forward=1',
      'nft -f /etc/wireguard/wg0.nft',
      'wg-quick up wg0',
    ]);
    assert.deepEqual(fake.spawned[0]!.slice(0, 6), [
      '/usr/bin/node',
      '/opt/wg-site/bin/wg-site.js',
      'rollback',
      '--trial',
      '--interface',
      'wg0',
    ]);
    assert.ok(log.some((l) => l.startsWith('Backed up the current state')));
    assert.equal(await effects.trialPending('wg0'), true);
    await effects.confirm('wg0');
    assert.equal(await effects.trialPending('wg0'), false);
  });

  test('a missing key file stops the apply before anything changes', async () => {
    const { effects, gateway } = setup();
    const { request } = applyRequest(keys().publicKey);
    await assert.rejects(
      effects.apply(request, () => undefined),
      (error: unknown) => {
        assert.ok(error instanceof ApplyProblems);
        assert.match(error.problems[0]!, /wg0\.key is missing/);
        return true;
      },
    );
    assert.deepEqual(gateway.calls, []);
  });

  test('preflight problems refuse the apply and nothing is changed', async () => {
    const { effects, gateway } = setup();
    const publicKey = await effects.generateKey('wg0');
    const { request } = applyRequest(publicKey);
    gateway.answers.set('ss -Hlunp', {
      stdout: 'UNCONN 0 0 0.0.0.0:51820 0.0.0.0:* users:(("openvpn",pid=7,fd=5))\n',
    });
    await assert.rejects(
      effects.apply(request, () => undefined),
      ApplyProblems,
    );
    assert.ok(!gateway.calls.some((c) => c.startsWith('wg-quick up')));
  });

  test('revert undoes the trial', async () => {
    const { effects, gateway } = setup();
    const publicKey = await effects.generateKey('wg0');
    await effects.apply(applyRequest(publicKey).request, () => undefined);
    const summary = await effects.revert('wg0');
    assert.match(summary, /Reverted wg0/);
    assert.ok(gateway.calls.includes('wg-quick down wg0'));
    assert.equal(await effects.trialPending('wg0'), false);
  });
});

describe('reading', () => {
  test('the tunnel state carries no key but the peers', async () => {
    const { effects } = setup();
    const view = await effects.tunnelState('wg0');
    assert.equal(view.up, true);
    assert.equal(view.peers[0]!.publicKey, far.publicKey);
    assert.ok(!JSON.stringify(view).includes('PRIVATE'));
  });

  test('isOwnPrivateKey recognises the key file and nothing else', async () => {
    const { effects, fake } = setup();
    await effects.generateKey('wg0');
    const own = (await fake.deps.files.read('/etc/wireguard/wg0.key'))!.trim();
    assert.equal(await effects.isOwnPrivateKey('wg0', own), true);
    assert.equal(await effects.isOwnPrivateKey('wg0', far.publicKey), false);
  });

  test('the QR matrix is square', () => {
    const { effects } = setup();
    const m = effects.qrMatrix('wgsite1.test')!;
    assert.ok(m.length > 20 && m.every((row) => row.length === m.length));
  });
});
