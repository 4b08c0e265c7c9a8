import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidrList, parseInterfaceAddress, parseIp } from '../../../source/domain/cidr.js';
import { parseEndpoint, parsePort } from '../../../source/domain/endpoint.js';
import { parsePublicKey } from '../../../source/domain/keys.js';
import { parseInterfaceName, parseSiteName } from '../../../source/domain/names.js';
import { FIELD_STEP } from '../../../source/domain/wizard/fields.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import { STEPS, type FieldId, type StepId } from '../../../source/domain/wizard/types.js';
import { keys, run, stateAt } from './helpers.js';
const alpha = keys('low');

/** The message a core parser gives for `text`. */
function messageOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the parser accepted the text');
}

describe('back', () => {
  const expected: Array<[StepId, StepId]> = [
    ['detect', 'detect'],
    ['site', 'detect'],
    ['keys', 'site'],
    ['far-site', 'keys'],
    ['allowed-ips', 'far-site'],
    ['routing', 'allowed-ips'],
    ['firewall', 'routing'],
    ['review', 'firewall'],
    ['apply', 'review'],
    ['handoff', 'review'],
  ];
  for (const [from, to] of expected) {
    test(`back from ${from} goes to ${to} and keeps every value`, () => {
      const s = stateAt(from);
      assert.equal(s.step, from);
      const after = transition(s, { type: 'back' });
      assert.equal(after.step, to);
      assert.deepEqual(after.fields, s.fields);
      assert.deepEqual(after.effects, []);
    });
  }

  test('back is allowed even while the current step has errors', () => {
    const s = run(stateAt('site'), { type: 'edit', field: 'name', value: '' }, { type: 'back' });
    assert.equal(s.step, 'detect');
    assert.equal(s.fields.name, '');
  });

  test('goto jumps back from review to an earlier step but never forward', () => {
    const review = stateAt('review');
    assert.equal(transition(review, { type: 'goto', step: 'site' }).step, 'site');
    assert.equal(transition(stateAt('site'), { type: 'goto', step: 'review' }).step, 'site');
  });

  test('the steps are walked in the documented order', () => {
    assert.deepEqual(
      [...STEPS],
      [
        'detect',
        'site',
        'keys',
        'far-site',
        'allowed-ips',
        'routing',
        'firewall',
        'review',
        'apply',
        'handoff',
      ],
    );
  });
});

describe('invalid input on every field', () => {
  const cases: Array<{ field: FieldId; value: string; expected: string }> = [
    { field: 'interface', value: 'wg 0', expected: messageOf(() => parseInterfaceName('wg 0')) },
    { field: 'name', value: '-alpha', expected: messageOf(() => parseSiteName('-alpha')) },
    {
      field: 'lanInterface',
      value: 'an-interface-name-too-long',
      expected: messageOf(() => parseInterfaceName('an-interface-name-too-long')),
    },
    {
      field: 'lanAddress',
      value: '192.168.1.300/24',
      expected: messageOf(() => parseInterfaceAddress('192.168.1.300/24')),
    },
    {
      field: 'lanSubnets',
      value: '192.168.1.1/24',
      expected: messageOf(() => parseCidrList('192.168.1.1/24', 'lan.subnets')),
    },
    {
      field: 'lanSubnets',
      value: '',
      expected: 'LAN subnets is empty; give at least one subnet, e.g. 192.168.1.0/24.',
    },
    {
      field: 'tunnelAddress',
      value: '10.0.0.1/33',
      expected: messageOf(() => parseInterfaceAddress('10.0.0.1/33')),
    },
    { field: 'listenPort', value: '70000', expected: messageOf(() => parsePort('70000')) },
    {
      field: 'ownEndpoint',
      value: 'vpn.example.com',
      expected: messageOf(() => parseEndpoint('vpn.example.com')),
    },
    { field: 'farName', value: 'beta site', expected: messageOf(() => parseSiteName('beta site')) },
    { field: 'farPublicKey', value: 'abc', expected: messageOf(() => parsePublicKey('abc')) },
    {
      field: 'farPublicKey',
      value: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      expected: messageOf(() => parsePublicKey('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')),
    },
    {
      field: 'farPublicKey',
      value: alpha.publicKey,
      expected: "This is this gateway's own public key; paste the far gateway's public key instead.",
    },
    {
      field: 'farEndpoint',
      value: '2001:db8::1:51820',
      expected: messageOf(() => parseEndpoint('2001:db8::1:51820')),
    },
    {
      field: 'farTunnelAddress',
      value: '10.255.255.3/31',
      expected: messageOf(() => parseIp('10.255.255.3/31')),
    },
    {
      field: 'farSubnets',
      value: '192.168.2.0/24,,',
      expected: messageOf(() => parseCidrList('192.168.2.0/24,,', 'peers[0].subnets')),
    },
    {
      field: 'keepalive',
      value: 'often',
      expected:
        'Keepalive "often" must be seconds from 1 to 65535 (25 keeps a NAT mapping open), or empty for off.',
    },
    {
      field: 'allowedIps',
      value: '192.168.2.0/24',
      expected:
        "AllowedIPs must keep 10.255.255.3/32, the far gateway's tunnel address; the rest are the far LAN subnets.",
    },
    {
      field: 'allowedIps',
      value: '10.255.255.3/32',
      expected: 'AllowedIPs needs at least one far LAN subnet besides 10.255.255.3/32.',
    },
    { field: 'tcpPorts', value: '22, 0', expected: messageOf(() => parsePort('0')) },
    { field: 'udpPorts', value: 'dns', expected: messageOf(() => parsePort('dns')) },
    {
      field: 'mtu',
      value: '14x0',
      expected: 'MTU "14x0" must be a whole number, usually 1420; leave it empty to derive it.',
    },
  ];
  for (const { field, value, expected } of cases) {
    test(`${field} = "${value}" shows the core's message and blocks next on ${FIELD_STEP[field]}`, () => {
      const s = transition(stateAt(FIELD_STEP[field], alpha), { type: 'edit', field, value });
      assert.equal(s.errors[field], expected);
      const refused = transition(s, { type: 'next' });
      assert.equal(refused.step, FIELD_STEP[field]);
      assert.ok(refused.blockers.includes(expected), refused.blockers.join('\n'));
      assert.deepEqual(refused.effects, []);
    });
  }

  test('fixing the field clears its error and next goes on', () => {
    let s = run(stateAt('site'), { type: 'edit', field: 'listenPort', value: 'x' }, { type: 'next' });
    assert.equal(s.step, 'site');
    s = transition(s, { type: 'edit', field: 'listenPort', value: '51821' });
    assert.equal(s.errors.listenPort, undefined);
    assert.deepEqual(s.blockers, []);
    assert.equal(transition(s, { type: 'next' }).step, 'keys');
  });

  test("a cross-field problem (far LAN overlapping this LAN) blocks far-site with checkSite's message", () => {
    const s = run(
      stateAt('far-site'),
      { type: 'edit', field: 'farSubnets', value: '192.168.1.0/25' },
      { type: 'next' },
    );
    assert.equal(s.step, 'far-site');
    assert.match(s.errors.farSubnets ?? '', /overlaps this site's LAN subnet 192\.168\.1\.0\/24/);
    assert.ok(s.blockers.some((b) => /peers\[0\]\.subnets\[0\] 192\.168\.1\.0\/25 overlaps/.test(b)));
  });

  test('a tunnel address inside the LAN blocks the site step', () => {
    const s = run(
      stateAt('site'),
      { type: 'edit', field: 'tunnelAddress', value: '192.168.1.200/31' },
      { type: 'next' },
    );
    assert.equal(s.step, 'site');
    assert.match(s.errors.tunnelAddress ?? '', /overlaps the LAN subnet/);
  });

  test('a problem of a later step does not block an earlier one', () => {
    const s = run(stateAt('site'), { type: 'edit', field: 'farSubnets', value: '192.168.1.0/24' });
    assert.equal(transition(s, { type: 'next' }).step, 'keys');
  });

  test('ports are not checked while the firewall lets everything through', () => {
    const s = run(
      stateAt('firewall'),
      { type: 'edit', field: 'tcpPorts', value: 'x' },
      { type: 'choose-firewall', value: 'all' },
    );
    assert.equal(s.errors.tcpPorts, undefined);
    assert.equal(transition(s, { type: 'next' }).step, 'review');
  });
});
