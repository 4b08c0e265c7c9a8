import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { lanSubnetChoices, proposeSiteName, uplinksOf } from '../../../source/domain/wizard/proposals.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import type { WizardHostFacts, WizardState } from '../../../source/domain/wizard/types.js';
import { fillFarSite, keys, publicFacts, toFarSite } from './helpers.js';

describe('the uplink is never proposed as the LAN', () => {
  const cases: Array<{ title: string; facts: WizardHostFacts; lan: [string, string, string] }> = [
    {
      title: 'a LAN interface apart from the uplink is proposed',
      facts: publicFacts,
      lan: ['eth1', '192.168.1.10/24', '192.168.1.0/24'],
    },
    {
      title: 'detection fell back to the IPv4 uplink',
      facts: { ...publicFacts, lanInterface: 'eth0', lanAddress: '198.51.100.1/24' },
      lan: ['', '', ''],
    },
    {
      title: 'the IPv6 default route leaves through the detected LAN interface',
      facts: { ...publicFacts, uplinkInterfaces: ['eth0', 'eth1'] },
      lan: ['', '', ''],
    },
  ];
  for (const c of cases) {
    test(`${c.title}: LAN fields ${JSON.stringify(c.lan)}`, () => {
      const f = initialState(c.facts).fields;
      assert.deepEqual([f.lanInterface, f.lanAddress, f.lanSubnets], c.lan);
    });
  }

  test('subnets on an uplink (IPv4 or IPv6 default route) are no LAN choices', () => {
    const connected = [
      { subnet: '198.51.100.0/24', dev: 'eth-wan' },
      { subnet: '192.168.11.0/24', dev: 'eth-lan' },
      { subnet: '100.64.0.0/24', dev: 'ppp6' },
    ];
    const uplinks = uplinksOf({ uplinkInterface: 'eth-wan', uplinkInterfaces: ['ppp6'] });
    assert.deepEqual(lanSubnetChoices(connected, uplinks), [{ subnet: '192.168.11.0/24', dev: 'eth-lan' }]);
  });
});

describe('the site name comes from the host name', () => {
  const cases: Array<[hostname: string | undefined, lanSubnet: string | undefined, name: string]> = [
    ['gw-berlin.example.org', '192.168.1.0/24', 'gw-berlin'],
    ['Büro Süd', '192.168.1.0/24', 'B-ro-S-d'],
    ['localhost', '192.168.11.0/24', 'lan-192-168-11'],
    ['', '10.1.2.0/24', 'lan-10-1-2'],
    [undefined, undefined, ''],
  ];
  for (const [hostname, subnet, name] of cases) {
    test(`host name ${JSON.stringify(hostname)} with LAN ${subnet} proposes ${JSON.stringify(name)}`, () => {
      assert.equal(proposeSiteName(hostname, subnet), name);
    });
  }

  test('the first state proposes it', () => {
    assert.equal(initialState({ ...publicFacts, hostname: 'gw_a.lab' }).fields.name, 'gw_a');
  });
});

describe('two gateways set up by hand take distinct, matching tunnel addresses', () => {
  /** One gateway's wizard on the far-site step, with the other's public key typed in. */
  function byHand(own: string, far: string, facts = publicFacts): WizardState {
    return fillFarSite(toFarSite(facts, own), far);
  }
  const pairs = [
    { title: 'keys in one order', a: keys('low'), b: keys('high') },
    { title: 'keys in the other order', a: keys('high'), b: keys('low') },
  ];
  for (const { title, a, b } of pairs) {
    test(title, () => {
      const sideA = byHand(a.publicKey, b.publicKey).fields;
      const sideB = byHand(b.publicKey, a.publicKey, { ...publicFacts, hostname: 'beta' }).fields;
      assert.notEqual(sideA.tunnelAddress, sideB.tunnelAddress);
      assert.equal(sideA.tunnelAddress.split('/')[0], sideB.farTunnelAddress);
      assert.equal(sideB.tunnelAddress.split('/')[0], sideA.farTunnelAddress);
      assert.ok(sideA.allowedIps.startsWith(`${sideA.farTunnelAddress}/32`), 'AllowedIPs follow the far end');
    });
  }

  test('an address the admin typed stays as typed when the far key arrives', () => {
    const [a, b] = [keys('high'), keys('low')];
    let s = toFarSite(publicFacts, a.publicKey);
    s = transition(s, { type: 'edit', field: 'tunnelAddress', value: '10.255.255.2/31' });
    s = fillFarSite(s, b.publicKey);
    assert.equal(s.fields.tunnelAddress, '10.255.255.2/31');
    assert.equal(s.fields.farTunnelAddress, '10.255.255.3');
  });

  test("the far end is re-derived when this gateway's key changes after the far key is known", () => {
    const [low, high] = [keys('low'), keys('high')];
    let s = byHand(low.publicKey, high.publicKey);
    const before = s.fields.tunnelAddress;
    s = transition(s, { type: 'key-generated', publicKey: keys('high').publicKey });
    s = transition(s, { type: 'edit', field: 'farPublicKey', value: low.publicKey });
    assert.notEqual(s.fields.tunnelAddress, before);
  });
});
