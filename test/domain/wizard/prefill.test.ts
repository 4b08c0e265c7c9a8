import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePresharedKey } from '../../../source/domain/keys.js';
import { decodePairingCode, encodePairingCode } from '../../../source/domain/pairing/code.js';
import { planSite } from '../../../source/domain/plan/plan.js';
import { checkSite, parseSite } from '../../../source/domain/site/validate.js';
import { farSiteFileFrom, farSiteHandoff, pairingCodeFrom } from '../../../source/domain/wizard/handoff.js';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { siteFileFrom } from '../../../source/domain/wizard/site-file.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import type { WizardState } from '../../../source/domain/wizard/types.js';
import { fillFarSite, keys, natFacts, nextTo, publicFacts, toFarSite } from './helpers.js';

const alpha = keys('low');
const beta = keys('high');

/** From far-site to the handoff step, choosing masquerade. */
function complete(s0: WizardState): WizardState {
  let s = nextTo(nextTo(s0, 'allowed-ips'), 'routing');
  s = transition(s, { type: 'choose-routing', value: 'masquerade' });
  s = nextTo(nextTo(s, 'firewall'), 'review');
  s = transition(s, { type: 'next' });
  assert.equal(s.step, 'apply');
  return transition(s, { type: 'apply-done' });
}

describe('pasting a pairing code', () => {
  const alphaAtFar = toFarSite(publicFacts, alpha.publicKey);
  const alphaCode = pairingCodeFrom(alphaAtFar);

  test('the code from the end of the keys step describes this gateway', () => {
    assert.deepEqual(decodePairingCode(alphaCode), {
      siteName: 'alpha',
      publicKey: alpha.publicKey,
      endpoint: '203.0.113.5:51820',
      tunnelAddress: '10.255.255.2/31',
      peerTunnelAddress: '10.255.255.3/31',
      subnets: ['192.168.1.0/24'],
      listenPort: 51820,
    });
  });

  test('it fills the far site and takes the tunnel address the code asks for', () => {
    const b = transition(toFarSite(natFacts, beta.publicKey), {
      type: 'paste-pairing-code',
      text: `\n${alphaCode}\n`,
    });
    assert.equal(b.errors.pairingCode, undefined);
    assert.equal(b.fields.farName, 'alpha');
    assert.equal(b.fields.farPublicKey, alpha.publicKey);
    assert.equal(b.fields.farEndpoint, '203.0.113.5:51820');
    assert.equal(b.fields.farTunnelAddress, '10.255.255.2');
    assert.equal(b.fields.farSubnets, '192.168.1.0/24');
    assert.equal(b.fields.tunnelAddress, '10.255.255.3/31');
    assert.equal(b.fields.keepalive, '25', 'beta is behind NAT');
    assert.ok(b.notices.some((n) => /tunnel address is now 10\.255\.255\.3\/31/.test(n)));
    assert.equal(nextTo(b, 'allowed-ips').fields.allowedIps, '10.255.255.2/32, 192.168.1.0/24');
  });

  test('both gateways end with mirror-image site files that checkSite accepts', () => {
    const b = complete(
      transition(toFarSite(natFacts, beta.publicKey), { type: 'paste-pairing-code', text: alphaCode }),
    );
    const betaCode = pairingCodeFrom(b);
    const a = complete(transition(alphaAtFar, { type: 'paste-pairing-code', text: betaCode }));
    const fileA = siteFileFrom(a);
    const fileB = siteFileFrom(b);
    assert.deepEqual(checkSite(fileA, { publicKey: alpha.publicKey }).problems, []);
    assert.deepEqual(checkSite(fileB, { publicKey: beta.publicKey }).problems, []);
    assert.equal(fileA.peers[0]!.publicKey, beta.publicKey);
    assert.equal(fileB.peers[0]!.publicKey, alpha.publicKey);
    assert.equal(fileA.peers[0]!.tunnelAddress, '10.255.255.3');
    assert.equal(fileB.peers[0]!.tunnelAddress, '10.255.255.2');
    assert.deepEqual(fileA.peers[0]!.subnets, fileB.lan.subnets);
    assert.deepEqual(fileB.peers[0]!.subnets, fileA.lan.subnets);
    assert.equal(fileA.peers[0]!.endpoint, undefined, 'beta is behind NAT and dials in');
    assert.equal(fileB.peers[0]!.persistentKeepalive, 25);
  });

  test("the far site's matching file agrees with what the far wizard makes", () => {
    const a = complete(fillFarSite(alphaAtFar, beta.publicKey));
    const far = farSiteFileFrom(a);
    assert.ok(!('routing' in far), "the far side's routing is not known here, so none is invented");
    assert.deepEqual(
      checkSite({ ...far, routing: 'default-router' }, { publicKey: beta.publicKey }).problems,
      [],
    );
    assert.equal(far.name, 'beta');
    assert.equal(far.tunnel.address, '10.255.255.3/31');
    assert.deepEqual(far.peers[0], {
      name: 'alpha',
      publicKey: alpha.publicKey,
      endpoint: '203.0.113.5:51820',
      tunnelAddress: '10.255.255.2',
      subnets: ['192.168.1.0/24'],
    });
  });

  test('the hand-off never contradicts the far gateway: one that made a code gets no site file', () => {
    // beta sets itself up first, choosing default-router, and hands alpha its code.
    let b = complete(
      transition(toFarSite(natFacts, beta.publicKey), { type: 'paste-pairing-code', text: alphaCode }),
    );
    b = transition(b, { type: 'choose-routing', value: 'default-router' });
    const a = complete(transition(alphaAtFar, { type: 'paste-pairing-code', text: pairingCodeFrom(b) }));
    const offer = farSiteHandoff(a);
    assert.equal(offer.kind, 'own');
    assert.match(
      offer.note,
      /beta made the pairing code pasted here, so it has its own site file and its own routing choice/,
    );
    assert.doesNotMatch(JSON.stringify(offer), /masquerade/);
    // Typing another far key by hand makes the far side one that has no file yet.
    const typed = transition(a, { type: 'edit', field: 'farPublicKey', value: keys('high').publicKey });
    const file = farSiteHandoff(typed);
    assert.equal(file.kind, 'file');
    assert.ok(file.kind === 'file' && !('routing' in file.file));
    assert.match(file.note, /"routing" is left out: only the far admin knows the far LAN/);
  });

  test("this gateway's own code is refused as self-pairing and changes nothing", () => {
    const s = transition(alphaAtFar, { type: 'paste-pairing-code', text: alphaCode });
    assert.match(s.errors.pairingCode ?? '', /made on this gateway/);
    assert.deepEqual(s.fields, alphaAtFar.fields);
  });

  test('a damaged code is refused with its reason, and a good paste clears it', () => {
    const b0 = toFarSite(natFacts, beta.publicKey);
    const bad = transition(b0, { type: 'paste-pairing-code', text: alphaCode.slice(0, -6) });
    assert.match(bad.errors.pairingCode ?? '', /cut off/);
    const good = transition(bad, { type: 'paste-pairing-code', text: alphaCode });
    assert.equal(good.errors.pairingCode, undefined);
  });

  test('a preshared key in the code is carried to apply, never into the site file', () => {
    const psk = generatePresharedKey();
    const info = { ...decodePairingCode(alphaCode), presharedKey: psk };
    const code = encodePairingCode(info, { includePresharedKey: true });
    let b = transition(toFarSite(natFacts, beta.publicKey), { type: 'paste-pairing-code', text: code });
    assert.equal(b.choices.presharedKey, true);
    b = nextTo(nextTo(b, 'allowed-ips'), 'routing');
    b = nextTo(transition(b, { type: 'choose-routing', value: 'default-router' }), 'firewall');
    b = transition(nextTo(b, 'review'), { type: 'next' });
    const effect = b.effects[0];
    assert.ok(effect?.kind === 'apply');
    assert.deepEqual(effect.presharedKey, {
      path: '/etc/wireguard/wg0-alpha.psk',
      source: 'pairing-code',
      value: psk,
    });
    assert.ok(!JSON.stringify(effect.siteFile).includes(psk));
    assert.equal(b.secretPresharedKey?.value, psk);
    assert.equal(transition(b, { type: 'set-preshared-key', value: false }).secretPresharedKey, undefined);
  });

  test('the preshared key enters the handoff code only when asked for', () => {
    const psk = generatePresharedKey();
    assert.equal(
      decodePairingCode(pairingCodeFrom(alphaAtFar, { presharedKey: psk })).presharedKey,
      undefined,
    );
    assert.equal(
      decodePairingCode(pairingCodeFrom(alphaAtFar, { presharedKey: psk, includePresharedKey: true }))
        .presharedKey,
      psk,
    );
  });
});

describe('importing an existing wg-quick file', () => {
  const psk = generatePresharedKey();
  const config = [
    '# Office tunnel, set up by hand in 2021',
    '[Interface]',
    'Address = 10.9.0.1/30',
    'ListenPort = 51000',
    `PrivateKey = ${alpha.privateKey}`,
    'MTU = 1400',
    'PostUp = logger "wg0 is up"  # our own hook',
    '',
    '[Peer]',
    '# beta',
    `PublicKey = ${beta.publicKey}`,
    `PresharedKey = ${psk}`,
    'Endpoint = beta.example.org:51000',
    'AllowedIPs = 192.168.2.0/24, 10.9.0.2/32',
    'PersistentKeepalive = 25',
    '',
  ].join('\n');

  test('it prefills the tunnel, port, MTU, key and the far site', () => {
    const s = transition(initialState(publicFacts), { type: 'import-config', text: config });
    assert.equal(s.errors.importConfig, undefined);
    assert.equal(s.fields.tunnelAddress, '10.9.0.1/30');
    assert.equal(s.fields.listenPort, '51000');
    assert.equal(s.fields.mtu, '1400');
    assert.equal(s.choices.keys, 'imported');
    assert.equal(s.importedPublicKey, alpha.publicKey);
    assert.equal(s.fields.farName, 'beta');
    assert.equal(s.fields.farPublicKey, beta.publicKey);
    assert.equal(s.fields.farEndpoint, 'beta.example.org:51000');
    assert.equal(s.fields.farTunnelAddress, '10.9.0.2');
    assert.equal(s.fields.farSubnets, '192.168.2.0/24');
    assert.equal(s.fields.keepalive, '25');
    assert.equal(s.choices.presharedKey, true);
    assert.deepEqual(s.secretPresharedKey, { value: psk, source: 'imported-config' });
    assert.equal(s.previousWgQuick, config);
    assert.ok(!JSON.stringify(s.fields).includes(alpha.privateKey));
  });

  test('the imported path applies with the old file, and planSite keeps its comments and hooks', () => {
    let s = transition(initialState(publicFacts), { type: 'import-config', text: config });
    s = nextTo(nextTo(s, 'site'), 'keys');
    s = nextTo(s, 'far-site');
    s = nextTo(nextTo(s, 'allowed-ips'), 'routing');
    s = nextTo(transition(s, { type: 'choose-routing', value: 'static-route' }), 'firewall');
    s = transition(nextTo(s, 'review'), { type: 'next' });
    const effect = s.effects[0];
    assert.ok(effect?.kind === 'apply');
    assert.equal(effect.privateKey, 'imported-config');
    assert.equal(effect.previousWgQuick, config);
    assert.deepEqual(effect.presharedKey, {
      path: '/etc/wireguard/wg0-beta.psk',
      source: 'imported-config',
      value: psk,
    });
    const plan = planSite(parseSite(effect.siteFile), { firewallBackend: 'nft' }, effect.previousWgQuick);
    const wgQuick = plan.files.find((f) => f.path === '/etc/wireguard/wg0.conf')!.content;
    assert.match(wgQuick, /# Office tunnel, set up by hand in 2021/);
    assert.match(wgQuick, /logger "wg0 is up"/);
    assert.doesNotMatch(wgQuick, /PrivateKey/);
  });

  test('a file with several peers imports the first and says what happens to the rest', () => {
    const two = `${config}\n[Peer]\nPublicKey = ${keys().publicKey}\nAllowedIPs = 10.9.0.6/32\n`;
    const s = transition(initialState(publicFacts), { type: 'import-config', text: two });
    assert.equal(s.fields.farName, 'beta');
    assert.ok(s.notices.some((n) => /2 peers/.test(n) && /remove the others/.test(n)));
  });

  test('a file wg would refuse is not imported and the reason is shown', () => {
    const before = initialState(publicFacts);
    const s = transition(before, { type: 'import-config', text: '[Interface]\nListenPort = 99999\n' });
    assert.match(s.errors.importConfig ?? '', /cannot be imported: .*ListenPort/);
    assert.deepEqual(s.fields, before.fields);
    assert.equal(s.previousWgQuick, undefined);
  });
});
