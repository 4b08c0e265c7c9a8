import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSite, checkSite } from '../../../source/domain/site/validate.js';
import { planSite } from '../../../source/domain/plan/plan.js';
import type { RoutingOption } from '../../../source/domain/site/model.js';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { siteFileFrom } from '../../../source/domain/wizard/site-file.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import { routingChoices } from '../../../source/domain/wizard/handoff.js';
import { mtuChoiceOf } from '../../../source/domain/wizard/proposals.js';
import type { WizardState } from '../../../source/domain/wizard/types.js';
import { fillFarSite, keys, natFacts, nextTo, publicFacts, run, toFarSite } from './helpers.js';

const alpha = keys('low');
const beta = keys('high');

/** From the far-site step to review with a routing option and firewall choice. */
function finish(s0: WizardState, routing: RoutingOption, ports = false): WizardState {
  let s = nextTo(s0, 'allowed-ips');
  s = nextTo(s, 'routing');
  s = transition(s, { type: 'choose-routing', value: routing });
  s = nextTo(s, 'firewall');
  if (ports) {
    s = run(
      s,
      { type: 'choose-firewall', value: 'ports' },
      { type: 'edit', field: 'tcpPorts', value: '22, 443' },
      { type: 'edit', field: 'udpPorts', value: '53' },
    );
  }
  return nextTo(s, 'review');
}

describe('initialState', () => {
  test('a public gateway gets its name, LAN, a free /31, an endpoint and the uplink MTU proposed', () => {
    const s = initialState(publicFacts);
    assert.equal(s.step, 'detect');
    assert.equal(s.fields.name, 'alpha');
    assert.equal(s.fields.lanInterface, 'eth1');
    assert.equal(s.fields.lanSubnets, '192.168.1.0/24');
    assert.equal(s.fields.tunnelAddress, '10.255.255.2/31', 'the routed 10.255.255.0/31 is skipped');
    assert.equal(s.fields.farTunnelAddress, '10.255.255.3');
    assert.equal(s.fields.ownEndpoint, '203.0.113.5:51820');
    assert.equal(s.fields.keepalive, '');
    assert.equal(s.fields.mtu, '1420');
    assert.equal(s.choices.keys, 'generate');
    assert.match(mtuChoiceOf(s).reason, /eth0 is 1500/);
  });

  test('a gateway behind NAT gets keepalive 25, no endpoint, and the PPPoE MTU', () => {
    const s = initialState(natFacts);
    assert.equal(s.fields.keepalive, '25');
    assert.equal(s.fields.ownEndpoint, '');
    assert.equal(s.fields.mtu, '1412');
    assert.match(mtuChoiceOf(s).reason, /PPPoE/);
    assert.equal(s.fields.tunnelAddress, '10.255.255.0/31');
  });

  test('an existing key file is proposed to be kept', () => {
    const s = initialState({ ...publicFacts, existingPublicKey: alpha.publicKey });
    assert.equal(s.choices.keys, 'keep');
  });
});

describe('every completed path yields a site file checkSite accepts', () => {
  const variants: Array<{ routing: RoutingOption; ports: boolean; facts: typeof publicFacts }> = [
    { routing: 'default-router', ports: false, facts: publicFacts },
    { routing: 'static-route', ports: true, facts: publicFacts },
    { routing: 'masquerade', ports: false, facts: publicFacts },
    { routing: 'default-router', ports: true, facts: natFacts },
    { routing: 'static-route', ports: false, facts: natFacts },
    { routing: 'masquerade', ports: true, facts: natFacts },
  ];
  for (const { routing, ports, facts } of variants) {
    test(`${routing}, ${ports ? 'chosen ports' : 'all traffic'}, ${facts.hostname}`, () => {
      const farSubnets = facts === natFacts ? '192.168.1.0/24' : '192.168.2.0/24';
      let s = finish(
        fillFarSite(toFarSite(facts, alpha.publicKey), beta.publicKey, farSubnets),
        routing,
        ports,
      );
      const file = siteFileFrom(s);
      assert.deepEqual(checkSite(file, { publicKey: alpha.publicKey }).problems, []);
      assert.equal(file.routing, routing);
      assert.deepEqual(file.firewall, { fromRemote: ports ? { tcp: [22, 443], udp: [53] } : 'all' });
      s = transition(s, { type: 'next' });
      assert.equal(s.step, 'apply');
      assert.equal(s.pending, 'apply');
      assert.deepEqual(s.effects, [
        {
          kind: 'apply',
          interface: 'wg0',
          sitePath: '/etc/wg-site/wg0.json',
          siteFile: file,
          previousWgQuick: undefined,
          privateKey: 'generated',
          presharedKey: undefined,
        },
      ]);
      const site = parseSite(file);
      const plan = planSite(site, { firewallBackend: 'nft', lanInterface: 'eth1' });
      assert.equal(plan.routing.option, routing);
      s = transition(s, { type: 'apply-done' });
      assert.equal(s.step, 'handoff');
      assert.equal(s.applied, true);
      s = transition(s, { type: 'next' });
      assert.equal(s.done, true);
    });
  }

  test('the written site file holds the proposed and typed values', () => {
    const s = finish(
      fillFarSite(toFarSite(natFacts, alpha.publicKey), beta.publicKey, '192.168.1.0/24'),
      'masquerade',
    );
    assert.deepEqual(siteFileFrom(s), {
      interface: 'wg0',
      name: 'beta',
      lan: { interface: 'eth0', address: '192.168.2.1/24', subnets: ['192.168.2.0/24'] },
      tunnel: { address: '10.255.255.0/31', listenPort: 51820, mtu: 1412 },
      routing: 'masquerade',
      firewall: { fromRemote: 'all' },
      peers: [
        {
          name: 'beta',
          publicKey: beta.publicKey,
          endpoint: 'beta.example.org:51820',
          tunnelAddress: '10.255.255.1',
          subnets: ['192.168.1.0/24'],
          persistentKeepalive: 25,
        },
      ],
    });
  });

  test('the routing step offers the consequences of every option from routingAdvice', () => {
    let s = fillFarSite(toFarSite(publicFacts, alpha.publicKey), beta.publicKey);
    s = nextTo(nextTo(s, 'allowed-ips'), 'routing');
    const choices = routingChoices(s);
    assert.deepEqual(
      choices.map((c) => c.option),
      ['default-router', 'static-route', 'masquerade'],
    );
    const staticRoute = choices[1]!;
    assert.deepEqual(staticRoute.routerEntries[0], {
      destination: '192.168.2.0',
      netmask: '255.255.255.0',
      prefix: 24,
      nextHop: '192.168.1.10',
    });
    assert.ok(choices[2]!.consequences.some((c) => /cannot start connections/.test(c)));
  });

  test('next on routing without a choice is refused with the reason', () => {
    let s = fillFarSite(toFarSite(publicFacts, alpha.publicKey), beta.publicKey);
    s = nextTo(nextTo(s, 'allowed-ips'), 'routing');
    s = transition(s, { type: 'next' });
    assert.equal(s.step, 'routing');
    assert.match(s.errors.routing ?? '', /Choose how LAN hosts/);
    assert.equal(s.blockers.length, 1);
  });
});
