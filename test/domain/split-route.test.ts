import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr } from '../../source/domain/cidr.js';
import {
  connectedConflict,
  halvesOf,
  suggestSplitRoute,
  supernetOf,
} from '../../source/domain/split-route.js';

const c = (t: string) => parseCidr(t);

describe('suggestSplitRoute', () => {
  const cases: Array<{
    title: string;
    far: string;
    connected: string[];
    expect: { conflict: string; halves: [string, string]; cover: string | undefined; words: RegExp[] };
  }> = [
    {
      title: 'a laptop on 192.168.1.0/24 reaching a far site with the same /24 gets two /25s or a /23',
      far: '192.168.1.0/24',
      connected: ['10.8.0.0/16', '192.168.1.0/24'],
      expect: {
        conflict: '192.168.1.0/24',
        halves: ['192.168.1.0/25', '192.168.1.128/25'],
        cover: '192.168.0.0/23',
        words: [/more specific they win/, /less specific it loses/, /192\.168\.0\.0\/23/],
      },
    },
    {
      title: 'an odd /24 gets the /23 below it as cover',
      far: '10.0.3.0/24',
      connected: ['10.0.3.0/24'],
      expect: {
        conflict: '10.0.3.0/24',
        halves: ['10.0.3.0/25', '10.0.3.128/25'],
        cover: '10.0.2.0/23',
        words: [/10\.0\.3\.0\/25 and 10\.0\.3\.128\/25/],
      },
    },
    {
      title: 'a far /16 containing the local /24: split the /24, no cover',
      far: '10.1.0.0/16',
      connected: ['10.1.5.0/24'],
      expect: {
        conflict: '10.1.5.0/24',
        halves: ['10.1.5.0/25', '10.1.5.128/25'],
        cover: undefined,
        words: [/contains 10\.1\.5\.0\/24/, /connected route is more specific and wins/],
      },
    },
    {
      title: 'a far /25 inside the local /24 already wins; cover is the /23',
      far: '192.168.1.128/25',
      connected: ['192.168.1.0/24'],
      expect: {
        conflict: '192.168.1.0/24',
        halves: ['192.168.1.128/26', '192.168.1.192/26'],
        cover: '192.168.0.0/23',
        words: [/lies inside/, /local hosts in 192\.168\.1\.128\/25 become unreachable/, /Renumbering/],
      },
    },
    {
      title: 'IPv6 prefixes split the same way',
      far: '2001:db8:1::/64',
      connected: ['2001:db8:1::/64'],
      expect: {
        conflict: '2001:db8:1::/64',
        halves: ['2001:db8:1::/65', '2001:db8:1:0:8000::/65'],
        cover: '2001:db8:1::/63',
        words: [/same as/],
      },
    },
  ];
  for (const k of cases) {
    test(k.title, () => {
      const s = suggestSplitRoute(c(k.far), k.connected.map(c));
      assert.ok(s, 'a suggestion is expected');
      assert.equal(s.conflict.text, k.expect.conflict);
      assert.deepEqual(
        s.halves.map((h) => h.text),
        k.expect.halves,
      );
      assert.equal(s.cover?.text, k.expect.cover);
      for (const w of k.expect.words) assert.match(s.explanation, w);
    });
  }

  const none: Array<[string, string, string[]]> = [
    ['no connected subnets', '192.168.1.0/24', []],
    ['disjoint subnets', '192.168.2.0/24', ['192.168.1.0/24', '10.0.0.0/8']],
    ['adjacent halves', '192.168.1.128/25', ['192.168.1.0/25']],
    ['different IP versions', '10.0.0.0/8', ['::/0']],
    ['a single far host inside the LAN (nothing to split)', '192.168.1.7/32', ['192.168.1.0/24']],
  ];
  for (const [title, far, connected] of none) {
    test(`no suggestion for ${title}`, () => {
      assert.equal(suggestSplitRoute(c(far), connected.map(c)), undefined);
    });
  }

  test('connectedConflict still detects a single far host inside the LAN', () => {
    assert.equal(connectedConflict(c('192.168.1.7/32'), [c('192.168.1.0/24')])?.text, '192.168.1.0/24');
  });
});

describe('prefix arithmetic helpers', () => {
  test('halvesOf and supernetOf', () => {
    assert.deepEqual(
      halvesOf(c('0.0.0.0/0')).map((h) => h.text),
      ['0.0.0.0/1', '128.0.0.0/1'],
    );
    assert.equal(supernetOf(c('192.168.3.0/24'))?.text, '192.168.2.0/23');
    assert.equal(supernetOf(c('0.0.0.0/0')), undefined);
  });
});
