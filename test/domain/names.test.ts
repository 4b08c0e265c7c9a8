import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NameError } from '../../source/domain/errors.js';
import {
  isInterfaceName,
  parseInterfaceName,
  parseSiteName,
  siteNameFromHostName,
} from '../../source/domain/names.js';

function expectNameError(fn: () => unknown, field: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof NameError, `expected NameError, got ${String(err)}`);
    assert.equal(err.field, field);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('parseInterfaceName', () => {
  const good = ['wg0', ' wg0 ', 'wg-beta', 'a', 'wg_site.2', 'x=y+z', 'abcdefghijklmno', '...'];
  for (const name of good) {
    test(`"${name}" is accepted`, () => assert.equal(parseInterfaceName(name), name.trim()));
  }

  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['abcdefghijklmnop', /16 characters; Linux allows at most 15/],
    ['wg 0', /a space at position 3/],
    ['wg/0', /"\/" at position 3/],
    ['wg:0', /":" at position 3/],
    ['wgé', /position 3/],
    ['.', /reserved/],
    ['..', /reserved/],
    ['-wg0', /starts with "-", which commands would read as an option/],
    ['-', /starts with "-"/],
  ];
  for (const [name, pattern] of bad) {
    test(`"${name}" is refused`, () => {
      expectNameError(() => parseInterfaceName(name, 'site.interface'), 'site.interface', pattern);
    });
  }

  test('isInterfaceName takes exactly what parseInterfaceName returns unchanged', () => {
    assert.equal(isInterfaceName('wg0'), true);
    for (const name of [' wg0', '-wg0', '..', '', 'a'.repeat(16), 'wg;0'])
      assert.equal(isInterfaceName(name), false);
  });

  test('the default field is interface', () =>
    expectNameError(() => parseInterfaceName(''), 'interface', /empty/));
});

describe('parseSiteName', () => {
  const good = ['office', 'Branch-2', '0day', 'site_a.b', 'a', 'x'.repeat(32)];
  for (const name of good) {
    test(`"${name}" is accepted`, () => assert.equal(parseSiteName(name), name));
  }

  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['x'.repeat(33), /33 characters; at most 32/],
    ['-office', /starts with "-".*letter or digit/],
    ['.hidden', /starts with "\."/],
    ['_x', /starts with "_"/],
    ['main office', /a space at position 5.*Use "-" instead of spaces/],
    ['office/2', /"\/" at position 7/],
    ['büro', /position 2/],
    ['a:b', /":" at position 2/],
  ];
  for (const [name, pattern] of bad) {
    test(`"${name.slice(0, 20)}" is refused`, () => {
      expectNameError(() => parseSiteName(name, 'peers[3].name'), 'peers[3].name', pattern);
    });
  }

  test('the default field is name', () => expectNameError(() => parseSiteName('-'), 'name', /starts with/));
});

describe('siteNameFromHostName', () => {
  const cases: Array<[string, string | undefined]> = [
    ['alpha', 'alpha'],
    ['gw-berlin.example.org', 'gw-berlin'],
    ['  office2\n', 'office2'],
    ['My Host', 'My-Host'],
    ['büro-süd', 'b-ro-s-d'],
    ['_gw_', 'gw'],
    ['--x--', 'x'],
    ['a'.repeat(40), 'a'.repeat(32)],
    [`${'a'.repeat(31)}-b`, 'a'.repeat(31)],
    ['', undefined],
    ['.', undefined],
    ['(none)', 'none'],
    ['localhost', undefined],
    ['localhost.localdomain', undefined],
    ['???', undefined],
  ];
  for (const [hostname, expected] of cases) {
    test(`host name ${JSON.stringify(hostname)} proposes ${JSON.stringify(expected)}`, () => {
      const name = siteNameFromHostName(hostname);
      assert.equal(name, expected);
      if (name !== undefined) assert.equal(parseSiteName(name), name, 'the proposal passes the grammar');
    });
  }
});
