import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { allowedIpsOf } from '../../../source/domain/wizard/prefill.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import { keys, nextTo, publicFacts, run, stateAt } from './helpers.js';

const alpha = keys('low');
describe('automatic proposals', () => {
  test('a new LAN address proposes its subnet and a tunnel outside it', () => {
    const s = transition(stateAt('site'), { type: 'edit', field: 'lanAddress', value: '10.255.255.9/24' });
    assert.equal(s.fields.lanSubnets, '10.255.255.0/24');
    assert.equal(s.fields.tunnelAddress, '172.31.255.0/31');
    assert.equal(s.fields.farTunnelAddress, '172.31.255.1');
  });

  test('a tunnel address the admin typed is never replaced by a proposal', () => {
    const s = run(
      stateAt('site'),
      { type: 'edit', field: 'tunnelAddress', value: '10.99.0.5/30' },
      { type: 'edit', field: 'lanSubnets', value: '192.168.7.0/24' },
    );
    assert.equal(s.fields.tunnelAddress, '10.99.0.5/30');
    assert.equal(s.fields.farTunnelAddress, '10.99.0.6');
  });

  test('a new listen port follows into the proposed endpoint', () => {
    const s = transition(stateAt('site'), { type: 'edit', field: 'listenPort', value: '443' });
    assert.equal(s.fields.ownEndpoint, '203.0.113.5:443');
  });
});

describe('allowed IPs', () => {
  test('they are computed from the far tunnel address and subnets', () => {
    const s = stateAt('allowed-ips');
    assert.equal(s.fields.allowedIps, '10.255.255.3/32, 192.168.2.0/24');
    assert.equal(allowedIpsOf(s), s.fields.allowedIps);
  });

  test('editing them changes the far subnets, and they are re-validated against the site', () => {
    let s = transition(stateAt('allowed-ips'), {
      type: 'edit',
      field: 'allowedIps',
      value: '10.255.255.3/32, 192.168.2.0/24, 10.30.0.0/16',
    });
    assert.equal(s.fields.farSubnets, '192.168.2.0/24, 10.30.0.0/16');
    assert.equal(nextTo(s, 'routing').step, 'routing');
    s = run(
      s,
      { type: 'edit', field: 'allowedIps', value: '10.255.255.3/32, 192.168.1.0/24' },
      { type: 'next' },
    );
    assert.equal(s.step, 'allowed-ips');
    assert.match(s.errors.allowedIps ?? '', /overlaps this site's LAN subnet/);
  });
});

describe('keys', () => {
  test('keeping the existing key file needs no effect', () => {
    let s = initialState({ ...publicFacts, existingPublicKey: alpha.publicKey });
    s = nextTo(nextTo(s, 'site'), 'keys');
    s = transition(s, { type: 'next' });
    assert.equal(s.step, 'far-site');
    assert.deepEqual(s.effects, []);
  });

  test('"keep" without a key file is refused', () => {
    let s = stateAt('keys');
    s = run(s, { type: 'choose-keys', value: 'keep' }, { type: 'next' });
    assert.equal(s.step, 'keys');
    assert.match(s.errors.keys ?? '', /no key to keep/);
  });

  test('next waits while the key is being generated, and a second key is never asked for', () => {
    let s = run(stateAt('keys'), { type: 'next' });
    assert.equal(s.pending, 'generate-key');
    s = transition(s, { type: 'next' });
    assert.match(s.blockers[0] ?? '', /wait/);
    assert.deepEqual(s.effects, []);
    s = run(s, { type: 'key-generated', publicKey: alpha.publicKey }, { type: 'back' }, { type: 'next' });
    assert.equal(s.step, 'far-site');
    assert.deepEqual(s.effects, []);
  });

  test('a failed key generation is shown and can be retried', () => {
    let s = run(stateAt('keys'), { type: 'next' }, { type: 'key-failed', message: 'disk full' });
    assert.equal(s.errors.keys, 'disk full');
    assert.equal(s.pending, undefined);
    s = transition(s, { type: 'next' });
    assert.equal(s.effects[0]?.kind, 'generate-key');
  });

  test('a malformed generated key is refused', () => {
    const s = run(stateAt('keys'), { type: 'next' }, { type: 'key-generated', publicKey: 'nope' });
    assert.equal(s.step, 'keys');
    assert.match(s.errors.keys ?? '', /44/);
  });

  test('opting into a preshared key asks apply to generate its 0600 file', () => {
    let s = stateAt('review');
    s = run(s, { type: 'goto', step: 'keys' }, { type: 'set-preshared-key', value: true });
    for (const step of ['far-site', 'allowed-ips', 'routing', 'firewall', 'review'] as const)
      s = nextTo(s, step);
    s = transition(s, { type: 'next' });
    const effect = s.effects[0];
    assert.equal(effect?.kind, 'apply');
    if (effect?.kind !== 'apply') return;
    assert.deepEqual(effect.presharedKey, { path: '/etc/wireguard/wg0-beta.psk', source: 'generate' });
    assert.equal(effect.siteFile.peers[0]!.presharedKeyFile, '/etc/wireguard/wg0-beta.psk');
  });
});

describe('apply', () => {
  test('a failure is shown, next retries, and the retry clears the message', () => {
    let s = transition(stateAt('apply'), { type: 'apply-failed', message: 'nft: syntax error' });
    assert.equal(s.step, 'apply');
    assert.equal(s.errors.apply, 'nft: syntax error');
    s = transition(s, { type: 'next' });
    assert.equal(s.pending, 'apply');
    assert.equal(s.effects[0]?.kind, 'apply');
    assert.equal(s.errors.apply, undefined);
  });

  test('next while applying is refused without a second apply', () => {
    const s = transition(stateAt('apply'), { type: 'next' });
    assert.deepEqual(s.effects, []);
    assert.match(s.blockers[0] ?? '', /Applying/);
  });

  test('review refuses to apply while any step has a problem', () => {
    const s = run(stateAt('review'), { type: 'edit', field: 'name', value: '' }, { type: 'next' });
    assert.equal(s.step, 'review');
    assert.ok(s.blockers.length > 0);
    assert.deepEqual(s.effects, []);
  });
});
