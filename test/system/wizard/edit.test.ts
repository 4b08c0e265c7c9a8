/**
 * Editing a configured gateway: set up with the wizard through the real effects (on a fake
 * gateway), then start the wizard again from the site file it wrote and press Enter through it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathsFor } from '../../../source/domain/plan/context.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';
import { prefillFromSite } from '../../../source/domain/wizard/edit.js';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import type { ApplyRequest } from '../../../source/domain/wizard/services.js';
import type { WizardState } from '../../../source/domain/wizard/types.js';
import { createWizardEffects } from '../../../source/system/wizard/effects.js';
import { reviewPaths, siteText } from '../../../source/ui/wizard/review-lines.js';
import { siteFileFrom } from '../../../source/domain/wizard/site-file.js';
import type { WizardServices } from '../../../source/domain/wizard/services.js';
import { FakeGateway, fakeDeps } from '../apply/fakes.js';
import { keys, nextTo, publicFacts, run, stateAt } from '../../domain/wizard/helpers.js';

const far = keys('high');

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

/** Enter from the current step through review; returns the state on review and the apply request. */
function toReview(state: WizardState): { review: WizardState; request: ApplyRequest } {
  let s = state;
  const steps = [
    'detect',
    'site',
    'keys',
    'far-site',
    'allowed-ips',
    'routing',
    'firewall',
    'review',
  ] as const;
  for (const step of steps.slice(steps.indexOf(s.step as (typeof steps)[number]) + 1)) s = nextTo(s, step);
  const after = transition(s, { type: 'next' });
  const effect = after.effects[0];
  assert.ok(effect?.kind === 'apply');
  return { review: s, request: effect };
}

/** What the review step shows for STATE: the plan apply would make now, and the files on disk. */
function reviewOf(effects: WizardServices, state: WizardState) {
  return effects.review({
    siteFile: siteFileFrom(state),
    previousWgQuick: state.previousWgQuick,
    paths: reviewPaths(state),
  });
}

/** Set up a gateway with the wizard and keep the trial. */
async function configured(presharedKey: boolean) {
  const env = setup();
  const publicKey = await env.effects.generateKey('wg0');
  // The generated key may sort after the far one; the fake gateway's routes expect the lower address.
  let fresh = run(stateAt('review', { privateKey: '', publicKey }, far), {
    type: 'edit',
    field: 'tunnelAddress',
    value: '10.255.255.2/31',
  });
  if (presharedKey)
    fresh = run(fresh, { type: 'goto', step: 'keys' }, { type: 'set-preshared-key', value: true });
  const { request } = toReview(fresh);
  await env.effects.apply(request, () => undefined);
  await env.effects.confirm('wg0');
  const files = env.fake.deps.files;
  const onDisk = await env.effects.readFiles(reviewPaths(fresh));
  return { ...env, publicKey, files, onDisk };
}

describe('editing a configured gateway', () => {
  for (const presharedKey of [false, true]) {
    const what = presharedKey ? 'with a preshared key' : 'without a preshared key';

    test(`${what}: with no edits the review finds every planned file unchanged on disk`, async () => {
      const { effects, publicKey, onDisk } = await configured(presharedKey);
      const p = pathsFor('wg0');
      for (const path of [p.site, p.wgQuick, p.nft, p.sysctl]) assert.ok(onDisk[path], `${path} was written`);
      const checked = checkSiteText(onDisk[p.site]!);
      assert.ok(checked.site, checked.problems.map((x) => x.message).join('; '));

      const edit = prefillFromSite(
        initialState({ ...publicFacts, interface: 'wg0', existingPublicKey: publicKey }),
        checked.site,
        p.site,
      );
      const { review, request } = toReview(edit);
      assert.equal(request.privateKey, 'existing');
      assert.deepEqual(
        request.presharedKey,
        presharedKey ? { path: '/etc/wireguard/wg0-beta.psk', source: 'generate' } : undefined,
      );
      const { onDisk: seen, planned } = await reviewOf(effects, review);
      assert.ok('plan' in planned, 'problems' in planned ? planned.problems.join('; ') : '');
      assert.equal(siteText(review), seen[p.site], 'the site file is unchanged');
      const written = planned.plan.files.map((f) => f.path).sort();
      assert.deepEqual(written, [p.nft, p.sysctl, p.wgQuick].sort());
      for (const file of planned.plan.files)
        assert.equal(file.content, seen[file.path], `${file.path} unchanged`);
    });

    test(`${what}: applying the unedited wizard keeps the site file and the key files`, async () => {
      const { effects, publicKey, files, onDisk } = await configured(presharedKey);
      const p = pathsFor('wg0');
      const psk = '/etc/wireguard/wg0-beta.psk';
      const before = { key: await files.read(p.privateKey), psk: await files.read(psk) };
      assert.ok(before.key);
      assert.equal(before.psk !== undefined, presharedKey);
      const site = checkSiteText(onDisk[p.site]!).site;
      const edit = prefillFromSite(
        initialState({ ...publicFacts, interface: 'wg0', existingPublicKey: publicKey }),
        site,
      );
      await effects.apply(toReview(edit).request, () => undefined);
      assert.equal(await files.read(p.site), onDisk[p.site]);
      assert.equal(await files.read(p.privateKey), before.key);
      assert.equal(await files.read(psk), before.psk);
      assert.equal(await files.read(p.wgQuick), onDisk[p.wgQuick]);
    });
  }

  test('an edit shows up as a change of the files it touches', async () => {
    const { effects, publicKey, onDisk } = await configured(false);
    const p = pathsFor('wg0');
    const site = checkSiteText(onDisk[p.site]!).site;
    let edit = prefillFromSite(
      initialState({ ...publicFacts, interface: 'wg0', existingPublicKey: publicKey }),
      site,
    );
    edit = run(edit, { type: 'edit', field: 'keepalive', value: '15' });
    const { review } = toReview(edit);
    const { onDisk: seen, planned } = await reviewOf(effects, review);
    assert.ok('plan' in planned);
    const wgQuick = planned.plan.files.find((f) => f.path === p.wgQuick)!;
    assert.notEqual(wgQuick.content, seen[p.wgQuick]);
    assert.match(wgQuick.content, /PersistentKeepalive = 15/);
    assert.notEqual(siteText(review), seen[p.site]);
  });
});
