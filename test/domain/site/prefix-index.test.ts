import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr } from '../../../source/domain/cidr.js';
import { PrefixIndex } from '../../../source/domain/site/prefix-index.js';

interface Entry {
  cidr: ReturnType<typeof parseCidr>;
  name: string;
}

function indexOf(texts: string[]): PrefixIndex<Entry> {
  const index = new PrefixIndex<Entry>();
  for (const text of texts) index.add({ cidr: parseCidr(text), name: text });
  return index;
}

describe('PrefixIndex finds the earliest overlapping prefix', () => {
  const cases: Array<[string, string[], string, string | undefined]> = [
    ['nothing in an empty index', [], '10.0.0.0/24', undefined],
    ['the same prefix', ['10.0.0.0/24'], '10.0.0.0/24', '10.0.0.0/24'],
    ['a wider prefix that contains it', ['10.0.0.0/8'], '10.1.2.0/24', '10.0.0.0/8'],
    ['a narrower prefix inside it', ['10.1.2.3/32'], '10.1.0.0/16', '10.1.2.3/32'],
    ['nothing for a neighbour', ['10.0.0.0/25'], '10.0.0.128/25', undefined],
    ['nothing for a sibling /24', ['192.168.1.0/24'], '192.168.2.0/24', undefined],
    ['the earliest of several', ['10.1.2.0/24', '10.0.0.0/8', '10.1.0.0/16'], '10.1.2.3/32', '10.1.2.0/24'],
    [
      'the earliest, inside or around',
      ['10.9.0.0/16', '10.1.2.0/24', '0.0.0.0/0'],
      '10.1.0.0/16',
      '10.1.2.0/24',
    ],
    ['the default route for anything', ['0.0.0.0/0'], '203.0.113.7/32', '0.0.0.0/0'],
    ['an IPv6 prefix', ['2001:db8::/32'], '2001:db8:1::/48', '2001:db8::/32'],
    ['nothing across IP versions', ['0.0.0.0/0'], '::/0', undefined],
    ['nothing for ::/96 against 0.0.0.0/0 though the numbers match', ['0.0.0.0/0'], '::/96', undefined],
  ];
  for (const [name, added, query, expected] of cases) {
    test(`${query} finds ${name}`, () =>
      assert.equal(indexOf(added).firstOverlapping(parseCidr(query), () => true)?.name, expected));
  }

  test('an entry the caller does not accept is passed over for the next', () => {
    const index = indexOf(['10.0.0.0/8', '10.1.0.0/16']);
    const found = index.firstOverlapping(parseCidr('10.1.1.0/24'), (e) => e.name !== '10.0.0.0/8');
    assert.equal(found?.name, '10.1.0.0/16');
  });
});
