import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressError, OverlapError } from '../../source/domain/errors.js';
import { cidrsOverlap, parseCidr } from '../../source/domain/cidr.js';
import {
  otherTunnelEnd,
  proposeTunnelAddresses,
  sameTunnelSubnet,
  tunnelEndByKeys,
  tunnelSubnetOf,
} from '../../source/domain/tunnel-addressing.js';
import type { TunnelShape } from '../../source/domain/tunnel-addressing.js';

const cidrs = (...texts: string[]) => texts.map((t) => parseCidr(t));

describe('proposeTunnelAddresses', () => {
  const cases: Array<{
    title: string;
    taken: string[];
    shape?: TunnelShape;
    pool?: string[];
    expect: [subnet: string, local: string, remote: string, localIf: string, remoteIf: string];
  }> = [
    {
      title: 'nothing taken gives the first /31 of the first pool',
      taken: [],
      expect: ['10.255.255.0/31', '10.255.255.0', '10.255.255.1', '10.255.255.0/31', '10.255.255.1/31'],
    },
    {
      title: 'a taken /31 is skipped',
      taken: ['10.255.255.0/31', '192.168.1.0/24'],
      expect: ['10.255.255.2/31', '10.255.255.2', '10.255.255.3', '10.255.255.2/31', '10.255.255.3/31'],
    },
    {
      title: 'a taken single host blocks its /31',
      taken: ['10.255.255.1/32'],
      expect: ['10.255.255.2/31', '10.255.255.2', '10.255.255.3', '10.255.255.2/31', '10.255.255.3/31'],
    },
    {
      title: 'a LAN over the whole of 10/8 moves to the 172.31.255.0/24 pool',
      taken: ['10.0.0.0/8'],
      expect: ['172.31.255.0/31', '172.31.255.0', '172.31.255.1', '172.31.255.0/31', '172.31.255.1/31'],
    },
    {
      title: 'a /30 uses the two usable hosts',
      taken: [],
      shape: '/30',
      expect: ['10.255.255.0/30', '10.255.255.1', '10.255.255.2', '10.255.255.1/30', '10.255.255.2/30'],
    },
    {
      title: 'a /30 skips a block that a taken /31 touches',
      taken: ['10.255.255.2/31'],
      shape: '/30',
      expect: ['10.255.255.4/30', '10.255.255.5', '10.255.255.6', '10.255.255.5/30', '10.255.255.6/30'],
    },
    {
      title: 'a /32 pair reports the /31 that holds both',
      taken: ['10.255.255.0/25'],
      shape: '/32',
      expect: [
        '10.255.255.128/31',
        '10.255.255.128',
        '10.255.255.129',
        '10.255.255.128/32',
        '10.255.255.129/32',
      ],
    },
    {
      title: 'a custom pool is used and IPv6 taken prefixes are ignored',
      taken: ['192.0.2.0/31', '::/0'],
      pool: ['192.0.2.0/29'],
      expect: ['192.0.2.2/31', '192.0.2.2', '192.0.2.3', '192.0.2.2/31', '192.0.2.3/31'],
    },
    {
      title: 'every default /24 pool taken falls through to 10.254.0.0/16',
      taken: ['10.255.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '10.254.0.0/24'],
      expect: ['10.254.1.0/31', '10.254.1.0', '10.254.1.1', '10.254.1.0/31', '10.254.1.1/31'],
    },
  ];
  for (const c of cases) {
    test(c.title, () => {
      const taken = cidrs(...c.taken);
      const p = proposeTunnelAddresses(taken, {
        ...(c.shape ? { shape: c.shape } : {}),
        ...(c.pool ? { pool: cidrs(...c.pool) } : {}),
      });
      assert.deepEqual(
        [p.subnet.text, p.local.text, p.remote.text, p.localInterfaceAddress, p.remoteInterfaceAddress],
        c.expect,
      );
      assert.equal(p.shape, c.shape ?? '/31');
      for (const t of taken) assert.ok(!cidrsOverlap(t, p.subnet), `${p.subnet.text} must avoid ${t.text}`);
    });
  }

  test('repeated proposals with the previous ones taken never collide', () => {
    const taken = cidrs('10.255.255.0/28');
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const p = proposeTunnelAddresses(taken, { shape: i % 2 ? '/30' : '/31' });
      assert.ok(!seen.has(p.subnet.text));
      seen.add(p.subnet.text);
      taken.push(p.subnet);
    }
  });

  test('a full pool throws OverlapError on the tunnelSubnet field', () => {
    assert.throws(
      () => proposeTunnelAddresses(cidrs('192.0.2.0/30'), { pool: cidrs('192.0.2.0/30') }),
      (err: unknown) =>
        err instanceof OverlapError &&
        err.field === 'tunnelSubnet' &&
        /No free \/31 tunnel block/.test(err.message),
    );
  });

  const badPools: Array<[string, TunnelShape]> = [
    ['2001:db8::/64', '/31'],
    ['192.0.2.0/31', '/30'],
    ['192.0.2.1/32', '/31'],
  ];
  for (const [pool, shape] of badPools) {
    test(`a pool ${pool} for shape ${shape} throws AddressError on pool[0]`, () => {
      assert.throws(
        () => proposeTunnelAddresses([], { shape, pool: cidrs(pool) }),
        (err: unknown) => err instanceof AddressError && err.field === 'pool[0]',
      );
    });
  }
});

describe('tunnel subnet relationships', () => {
  const same: Array<[string, string, boolean]> = [
    ['10.0.0.0/31', '10.0.0.1', true],
    ['10.0.0.1/31', '10.0.0.2', false],
    ['10.0.0.1/30', '10.0.0.2/30', true],
    ['10.0.0.1/32', '10.0.0.2', false],
    ['fd00::1/127', 'fd00::', true],
    ['10.0.0.1/24', 'fd00::1', false],
  ];
  for (const [local, remote, expected] of same) {
    test(`${remote} is ${expected ? '' : 'not '}in the tunnel subnet of ${local}`, () => {
      assert.equal(sameTunnelSubnet(local, remote), expected);
    });
  }

  test('tunnelSubnetOf gives the network of an interface address', () => {
    assert.equal(tunnelSubnetOf('10.0.0.1/31').text, '10.0.0.0/31');
    assert.equal(tunnelSubnetOf('10.9.8.7/30').text, '10.9.8.4/30');
  });

  const ends: Array<[string, string | undefined]> = [
    ['10.0.0.0/31', '10.0.0.1'],
    ['10.0.0.1/31', '10.0.0.0'],
    ['10.0.0.1/30', '10.0.0.2'],
    ['10.0.0.2/30', '10.0.0.1'],
    ['10.0.0.0/30', undefined],
    ['10.0.0.3/30', undefined],
    ['10.0.0.1/24', undefined],
    ['fd00::1/127', undefined],
  ];
  for (const [local, expected] of ends) {
    test(`the other end of ${local} is ${expected ?? 'unknown'}`, () => {
      assert.equal(otherTunnelEnd(local)?.text, expected);
    });
  }

  test('a bad interface address throws AddressError with the given field', () => {
    assert.throws(
      () => tunnelSubnetOf('10.0.0.1/33', 'tunnel.local'),
      (err: unknown) => err instanceof AddressError && err.field === 'tunnel.local',
    );
  });
});

describe('tunnelEndByKeys', () => {
  const A = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  const B = 'kJKKbI3SCtlyP5eBEEtyzV/Pu7plgg+vQ31whA9jaWI=';
  const C = 'kJKKbI3SCtlyP5eBEEtyzV/Pu7plgg+vQ31whA9jaWA=';
  // [title, keys of A and B, the address each starts from, which of A (0) or B (1) ends lower]
  const cases: Array<[string, [string, string], [string, string], 0 | 1]> = [
    ['both start from the same /31 end', [A, B], ['10.255.255.0/31', '10.255.255.0/31'], 0],
    ['the keys the other way round', [B, A], ['10.255.255.0/31', '10.255.255.0/31'], 1],
    ['keys that differ only at the end', [B, C], ['172.31.255.4/31', '172.31.255.4/31'], 1],
    ['each starts from a different end', [A, B], ['10.255.255.1/31', '10.255.255.0/31'], 0],
    ['a /30 pair', [C, A], ['192.168.255.1/30', '192.168.255.1/30'], 1],
  ];
  for (const [title, [keyA, keyB], starts, lower] of cases) {
    test(`${title}: both ends compute distinct, matching addresses`, () => {
      const a = tunnelEndByKeys(starts[0], keyA, keyB)!;
      const b = tunnelEndByKeys(starts[1], keyB, keyA)!;
      assert.ok(a && b);
      assert.notEqual(a.local, b.local, 'the two gateways never take the same address');
      assert.equal(a.local.split('/')[0], b.remote, "A's address is what B expects of A");
      assert.equal(b.local.split('/')[0], a.remote, "B's address is what A expects of B");
      const low = [a, b][lower]!;
      const high = [a, b][1 - lower]!;
      const value = (t: string) =>
        t
          .split('/')[0]!
          .split('.')
          .reduce((n, o) => n * 256 + Number(o), 0);
      assert.ok(value(low.local) < value(high.local), 'the lower key takes the lower address');
    });
  }

  test('equal keys or an address that is not one end of a pair give no answer', () => {
    assert.equal(tunnelEndByKeys('10.255.255.0/31', A, A), undefined);
    assert.equal(tunnelEndByKeys('10.255.255.0/24', A, B), undefined);
  });
});
