import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressError } from '../../source/domain/errors.js';
import {
  cidrContains,
  cidrEquals,
  cidrsOverlap,
  compareCidr,
  firstAddress,
  formatIp,
  hostCount,
  lastAddress,
  netmaskOf,
  parseCidr,
  parseCidrList,
  parseInterfaceAddress,
  parseIp,
} from '../../source/domain/cidr.js';

function expectAddressError(fn: () => unknown, field: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AddressError, `expected AddressError, got ${String(err)}`);
    assert.equal(err.field, field);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('parseIp normalises good addresses', () => {
  const cases: Array<[string, 4 | 6, string]> = [
    ['192.168.1.10', 4, '192.168.1.10'],
    ['  10.0.0.1 ', 4, '10.0.0.1'],
    ['0.0.0.0', 4, '0.0.0.0'],
    ['255.255.255.255', 4, '255.255.255.255'],
    ['2001:DB8:0:0::1', 6, '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', 6, '2001:db8::1'],
    ['::', 6, '::'],
    ['::1', 6, '::1'],
    ['1::', 6, '1::'],
    ['2001:db8:0:1:1:1:1:1', 6, '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', 6, '2001:0:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', 6, '2001:db8::1:0:0:1'],
    ['fe80::', 6, 'fe80::'],
    ['::192.0.2.1', 6, '::c000:201'],
    ['64:ff9b::192.0.2.33', 6, '64:ff9b::c000:221'],
  ];
  for (const [input, version, text] of cases) {
    test(`"${input}" is IPv${version} ${text}`, () => {
      const ip = parseIp(input);
      assert.equal(ip.version, version);
      assert.equal(ip.text, text);
      assert.equal(formatIp(ip.version, ip.value), text);
      assert.equal(parseIp(text).value, ip.value, 'normalised text parses back to the same value');
    });
  }
});

describe('bad addresses and prefixes are refused with AddressError and the field', () => {
  const cases: Array<{ fn: (t: string, f: string) => unknown; input: string; pattern: RegExp }> = [
    { fn: parseIp, input: '', pattern: /empty/ },
    { fn: parseIp, input: '   ', pattern: /empty/ },
    { fn: parseIp, input: 'fe80::1%eth0', pattern: /zone ids are not allowed here/ },
    { fn: parseIp, input: '010.0.0.1', pattern: /leading zero.*write 10/ },
    { fn: parseIp, input: '192.168.1.256', pattern: /0 to 255/ },
    { fn: parseIp, input: '1.2.3', pattern: /3 part.*needs 4/ },
    { fn: parseIp, input: '1.2.3.4.5', pattern: /5 part/ },
    { fn: parseIp, input: '1..2.3', pattern: /empty part 2/ },
    { fn: parseIp, input: '1.2.3.-4', pattern: /not an IP address/ },
    { fn: parseIp, input: 'gateway.lan', pattern: /host names are not allowed/ },
    { fn: parseIp, input: '10.0.0.0/24', pattern: /just the address, like 10\.0\.0\.0/ },
    { fn: parseIp, input: '[2001:db8::1]', pattern: /square brackets/ },
    { fn: parseIp, input: '2001:db8::1::2', pattern: /more than once/ },
    { fn: parseIp, input: '2001:db8:1:2:3:4:5', pattern: /7 groups.*needs 8/ },
    { fn: parseIp, input: '1:2:3:4:5:6:7:8:9', pattern: /9 groups/ },
    { fn: parseIp, input: '1:2:3:4::5:6:7:8', pattern: /at most 7/ },
    { fn: parseIp, input: '2001:db8::12345', pattern: /1 to 4 hexadecimal/ },
    { fn: parseIp, input: '2001:dg8::1', pattern: /"dg8"/ },
    { fn: parseIp, input: ':1:2:3:4:5:6:7', pattern: /empty group/ },
    { fn: parseIp, input: '::ffff:192.0.2.1', pattern: /IPv4-mapped.*192\.0\.2\.1 instead/ },
    { fn: parseIp, input: '::ffff:c000:201', pattern: /IPv4-mapped/ },
    { fn: parseCidr, input: '10.0.0.0/24 10.1.0.0/24', pattern: /separate the entries with commas/ },
    { fn: parseCidr, input: '10.0.0.0/24,10.1.0.0/24', pattern: /one per entry/ },
    { fn: parseCidr, input: '192.168.1.10/24', pattern: /did you mean 192\.168\.1\.0\/24\?/ },
    { fn: parseCidr, input: '2001:db8::1/64', pattern: /did you mean 2001:db8::\/64\?/ },
    { fn: parseCidr, input: '10.0.0.0/33', pattern: /\/33 is not valid for IPv4.*0 to 32/ },
    { fn: parseCidr, input: '2001:db8::/129', pattern: /\/129 is not valid for IPv6.*0 to 128/ },
    { fn: parseCidr, input: '10.0.0.0/abc', pattern: /"abc" must be a whole number/ },
    { fn: parseCidr, input: '10.0.0.0/', pattern: /"" must be a whole number/ },
    { fn: parseCidr, input: '10.0.0.0/-1', pattern: /whole number/ },
    { fn: parseCidr, input: '10.0.0.0/024', pattern: /leading zeros/ },
    { fn: parseCidr, input: '10.0.0.0/24/8', pattern: /more than one "\/"/ },
    { fn: parseCidr, input: 'fe80::%eth0/64', pattern: /zone ids/ },
    { fn: parseInterfaceAddress, input: '10.0.0.1/40', pattern: /\/40 is not valid/ },
    { fn: parseInterfaceAddress, input: '300.0.0.1/24', pattern: /0 to 255/ },
  ];
  for (const [i, c] of cases.entries()) {
    test(`${c.fn.name}("${c.input}") is refused (case ${i + 1})`, () => {
      expectAddressError(() => c.fn(c.input, 'sites[1].lan'), 'sites[1].lan', c.pattern);
    });
  }

  test('default field names are address and cidr', () => {
    expectAddressError(() => parseIp('x'), 'address', /not an IP address/);
    expectAddressError(() => parseCidr('x'), 'cidr', /not an IP address/);
  });
});

describe('parseCidr good input', () => {
  const cases: Array<[string, string, number]> = [
    ['192.168.1.0/24', '192.168.1.0/24', 24],
    [' 10.0.0.0/8 ', '10.0.0.0/8', 8],
    ['0.0.0.0/0', '0.0.0.0/0', 0],
    ['10.0.0.1', '10.0.0.1/32', 32],
    ['10.0.0.1/32', '10.0.0.1/32', 32],
    ['2001:DB8::/32', '2001:db8::/32', 32],
    ['2001:db8::1', '2001:db8::1/128', 128],
    ['::/0', '::/0', 0],
  ];
  for (const [input, text, prefix] of cases) {
    test(`"${input}" is ${text}`, () => {
      const c = parseCidr(input);
      assert.equal(c.text, text);
      assert.equal(c.prefix, prefix);
    });
  }
});

describe('parseCidrList', () => {
  test('parses wg-quick comma lists with or without spaces', () => {
    assert.deepEqual(
      parseCidrList('10.0.0.0/24,10.1.0.0/24, 2001:db8::/64', 'allowedIps').map((c) => c.text),
      ['10.0.0.0/24', '10.1.0.0/24', '2001:db8::/64'],
    );
  });
  test('an empty string is an empty list', () => assert.deepEqual(parseCidrList('  ', 'x'), []));
  const bad: Array<[string, string, RegExp]> = [
    ['10.0.0.0/24,', 'allowedIps[1]', /empty; remove the extra comma/],
    ['10.0.0.0/24 10.1.0.0/24', 'allowedIps[0]', /commas/],
    ['10.0.0.0/24, 10.1.0.5/24', 'allowedIps[1]', /did you mean 10\.1\.0\.0\/24/],
  ];
  for (const [input, field, pattern] of bad) {
    test(`"${input}" is refused at ${field}`, () => {
      expectAddressError(() => parseCidrList(input, 'allowedIps'), field, pattern);
    });
  }
});

describe('parseInterfaceAddress keeps host bits', () => {
  const cases: Array<[string, string, number, string]> = [
    ['192.168.1.10/24', '192.168.1.10', 24, '192.168.1.0/24'],
    ['10.0.0.1/31', '10.0.0.1', 31, '10.0.0.0/31'],
    ['10.0.0.1', '10.0.0.1', 32, '10.0.0.1/32'],
    ['fd00::1/64', 'fd00::1', 64, 'fd00::/64'],
  ];
  for (const [input, address, prefix, network] of cases) {
    test(`"${input}" is ${address} in ${network}`, () => {
      const r = parseInterfaceAddress(input);
      assert.equal(r.address.text, address);
      assert.equal(r.prefix, prefix);
      assert.equal(r.network.text, network);
    });
  }
});

describe('containment and overlap truth table', () => {
  const cases: Array<[string, string, boolean, boolean]> = [
    // a, b, a contains b, overlap
    ['10.0.0.0/8', '10.1.0.0/16', true, true],
    ['10.1.0.0/16', '10.0.0.0/8', false, true],
    ['10.0.0.0/24', '10.0.0.0/24', true, true],
    ['10.0.0.0/24', '10.0.1.0/24', false, false],
    ['10.0.0.0/23', '10.0.1.0/24', true, true],
    ['192.168.1.0/25', '192.168.1.128/25', false, false],
    ['0.0.0.0/0', '203.0.113.7/32', true, true],
    ['2001:db8::/32', '2001:db8:1::/48', true, true],
    ['2001:db8::/32', '2001:db9::/32', false, false],
    ['::/0', '0.0.0.0/0', false, false],
    ['10.0.0.0/8', '::/0', false, false],
  ];
  for (const [a, b, contains, overlap] of cases) {
    test(`${a} vs ${b}: contains=${contains}, overlap=${overlap}`, () => {
      const ca = parseCidr(a);
      const cb = parseCidr(b);
      assert.equal(cidrContains(ca, cb), contains);
      assert.equal(cidrsOverlap(ca, cb), overlap);
      assert.equal(cidrsOverlap(cb, ca), overlap, 'overlap is symmetric');
    });
  }

  const ips: Array<[string, string, boolean]> = [
    ['192.168.1.0/24', '192.168.1.255', true],
    ['192.168.1.0/24', '192.168.2.0', false],
    ['10.0.0.0/31', '10.0.0.1', true],
    ['fd00::/64', 'fd00::ffff', true],
    ['fd00::/64', '10.0.0.1', false],
  ];
  for (const [c, ip, expected] of ips) {
    test(`${c} contains address ${ip}: ${expected}`, () => {
      assert.equal(cidrContains(parseCidr(c), parseIp(ip)), expected);
    });
  }
});

describe('prefix helpers', () => {
  const cases: Array<[string, string, bigint, string, string]> = [
    ['192.168.1.0/24', '255.255.255.0', 256n, '192.168.1.0', '192.168.1.255'],
    ['10.0.0.0/31', '255.255.255.254', 2n, '10.0.0.0', '10.0.0.1'],
    ['172.16.0.0/12', '255.240.0.0', 1048576n, '172.16.0.0', '172.31.255.255'],
    ['0.0.0.0/0', '0.0.0.0', 4294967296n, '0.0.0.0', '255.255.255.255'],
    ['2001:db8::/64', '/64', 18446744073709551616n, '2001:db8::', '2001:db8::ffff:ffff:ffff:ffff'],
  ];
  for (const [c, mask, count, first, last] of cases) {
    test(`${c} has mask ${mask}, ${count} addresses, ${first} to ${last}`, () => {
      const cidr = parseCidr(c);
      assert.equal(netmaskOf(cidr), mask);
      assert.equal(hostCount(cidr), count);
      assert.equal(firstAddress(cidr).text, first);
      assert.equal(lastAddress(cidr).text, last);
    });
  }

  test('compareCidr sorts IPv4 first, then by network, then shorter prefix first', () => {
    const input = ['2001:db8::/32', '10.1.0.0/16', '10.0.0.0/16', '10.0.0.0/8', '192.168.0.0/24'];
    const sorted = input
      .map((t) => parseCidr(t))
      .sort(compareCidr)
      .map((c) => c.text);
    assert.deepEqual(sorted, ['10.0.0.0/8', '10.0.0.0/16', '10.1.0.0/16', '192.168.0.0/24', '2001:db8::/32']);
  });

  test('cidrEquals compares network and prefix', () => {
    assert.ok(cidrEquals(parseCidr('10.0.0.0/24'), parseCidr(' 10.0.0.0/24')));
    assert.ok(!cidrEquals(parseCidr('10.0.0.0/24'), parseCidr('10.0.0.0/25')));
  });
});
