import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePresharedKey, generatePrivateKey, publicKeyOf } from '../../../source/domain/keys.js';
import {
  decodePairingCode,
  encodePairingCode,
  type PairingInfo,
} from '../../../source/domain/pairing/code.js';
import {
  presharedKeyPath,
  siteFileBetween,
  siteFromPairing,
  type PairingLocalSide,
} from '../../../source/domain/pairing/site-from-pairing.js';
import { checkSite } from '../../../source/domain/site/validate.js';

const alphaKey = publicKeyOf(generatePrivateKey());
const betaKey = publicKeyOf(generatePrivateKey());

const alphaCode: PairingInfo = {
  siteName: 'alpha',
  publicKey: alphaKey,
  endpoint: 'vpn.alpha.example.net:51820',
  tunnelAddress: '10.255.255.0/31',
  peerTunnelAddress: '10.255.255.1/31',
  subnets: ['192.168.1.0/24'],
  listenPort: 51820,
};

const beta: PairingLocalSide = {
  siteName: 'beta',
  publicKey: betaKey,
  subnets: ['192.168.2.0/24', '10.2.0.0/16'],
  listenPort: 51821,
  interface: 'wg1',
  behindNat: true,
};

function problemsOf(raw: unknown, own: { publicKey?: string } = {}): string[] {
  return checkSite(raw, own).problems.map((p) => `${p.field}: ${p.message}`);
}

describe('siteFromPairing', () => {
  const result = siteFromPairing(beta, decodePairingCode(encodePairingCode(alphaCode)));

  test('the peer entry describes the code maker as the site file expects it', () => {
    assert.deepEqual(result.peer, {
      name: 'alpha',
      publicKey: alphaKey,
      endpoint: 'vpn.alpha.example.net:51820',
      tunnelAddress: '10.255.255.0',
      subnets: ['192.168.1.0/24'],
      persistentKeepalive: 25,
    });
    assert.equal(result.tunnelAddress, '10.255.255.1/31');
  });

  test('a site file with that peer and the given tunnel address passes checkSite', () => {
    const own = {
      interface: 'wg1',
      name: 'beta',
      lan: { subnets: beta.subnets },
      tunnel: { address: result.tunnelAddress, listenPort: 51821 },
      routing: 'masquerade',
      peers: [result.peer],
    };
    assert.deepEqual(problemsOf(own, { publicKey: betaKey }), []);
  });

  test("the far site's matching file mirrors this side and passes checkSite", () => {
    assert.deepEqual(problemsOf(result.farSite, { publicKey: alphaKey }), []);
    assert.equal(result.farSite.name, 'alpha');
    assert.equal(result.farSite.tunnel.address, '10.255.255.0/31');
    assert.equal(result.farSite.tunnel.listenPort, 51820);
    assert.deepEqual(result.farSite.lan.subnets, ['192.168.1.0/24']);
    assert.deepEqual(result.farSite.peers[0], {
      name: 'beta',
      publicKey: betaKey,
      tunnelAddress: '10.255.255.1',
      subnets: ['192.168.2.0/24', '10.2.0.0/16'],
    });
  });

  test('the far site file uses masquerade and says the far admin should choose', () => {
    assert.equal(result.farSite.routing, 'masquerade');
    assert.ok(result.warnings.some((w) => /far admin should choose/.test(w)));
    const chosen = siteFromPairing({ ...beta, farRouting: 'static-route' }, alphaCode);
    assert.equal(chosen.farSite.routing, 'static-route');
    assert.ok(!chosen.warnings.some((w) => /far admin/.test(w)));
  });

  test('when neither side has an endpoint the admin is warned that nobody can dial', () => {
    const both = siteFromPairing(beta, { ...alphaCode, endpoint: undefined });
    assert.ok(both.warnings.some((w) => /Neither gateway has an endpoint/.test(w)));
    assert.equal(both.farSite.peers[0]!.persistentKeepalive, 25);
  });

  test('a public side with an endpoint gets no keepalive toward a reachable far side', () => {
    const open = siteFromPairing(
      { ...beta, behindNat: false, endpoint: 'beta.example.org:51821' },
      alphaCode,
    );
    assert.equal(open.peer.persistentKeepalive, undefined);
    assert.equal(open.farSite.peers[0]!.endpoint, 'beta.example.org:51821');
    assert.equal(open.warnings.filter((w) => /Neither/.test(w)).length, 0);
  });

  test('a preshared key in the code gives both files a preshared key file', () => {
    const withPsk = siteFromPairing(beta, { ...alphaCode, presharedKey: generatePresharedKey() });
    assert.equal(withPsk.peer.presharedKeyFile, presharedKeyPath('wg1', 'alpha'));
    assert.equal(withPsk.farSite.peers[0]!.presharedKeyFile, '/etc/wireguard/wg0-beta.psk');
    assert.equal(siteFromPairing(beta, alphaCode).peer.presharedKeyFile, undefined);
  });
});

describe('siteFileBetween', () => {
  test('optional site values are written only when given', () => {
    const file = siteFileBetween(
      {
        siteName: 'a',
        publicKey: alphaKey,
        tunnelAddress: '10.0.0.0/31',
        subnets: ['192.168.1.0/24'],
        listenPort: 1,
      },
      {
        siteName: 'b',
        publicKey: betaKey,
        tunnelAddress: '10.0.0.1/31',
        subnets: ['192.168.2.0/24'],
        listenPort: 2,
      },
      {
        routing: 'default-router',
        lan: { interface: 'eth1', address: '192.168.1.1/24' },
        mtu: 1400,
        fromRemote: { tcp: [22], udp: [] },
      },
    );
    assert.deepEqual(file.lan, { subnets: ['192.168.1.0/24'], interface: 'eth1', address: '192.168.1.1/24' });
    assert.deepEqual(file.tunnel, { address: '10.0.0.0/31', listenPort: 1, mtu: 1400 });
    assert.deepEqual(file.firewall, { fromRemote: { tcp: [22], udp: [] } });
    assert.deepEqual(problemsOf(file), []);
  });
});
