import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointError, ValueRangeError } from '../../source/domain/errors.js';
import { parseEndpoint, parseHostname, parsePort } from '../../source/domain/endpoint.js';

type ErrorClass = typeof EndpointError | typeof ValueRangeError;

function expectError(fn: () => unknown, cls: ErrorClass, field: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
    assert.equal(err.constructor, cls, 'exact class');
    assert.equal(err.field, field);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('parsePort', () => {
  const good: Array<[string | number, number]> = [
    ['51820', 51820],
    [' 1 ', 1],
    [65535, 65535],
    ['443', 443],
  ];
  for (const [input, expected] of good) {
    test(`${JSON.stringify(input)} is port ${expected}`, () => assert.equal(parsePort(input), expected));
  }

  const bad: Array<[string | number, RegExp]> = [
    ['0', /Port 0 is out of range.*1 to 65535/],
    ['65536', /65536 is out of range/],
    [70000, /70000 is out of range/],
    [-1, /-1 is out of range/],
    ['51820a', /"51820a" is not a plain whole number/],
    ['1e3', /"1e3" is not a plain whole number/],
    [' ', /empty/],
    ['-5', /not a plain whole number/],
    ['0x50', /not a plain whole number/],
    [1.5, /not a whole number/],
  ];
  for (const [input, pattern] of bad) {
    test(`${JSON.stringify(input)} is refused with ValueRangeError`, () => {
      expectError(() => parsePort(input, 'listenPort'), ValueRangeError, 'listenPort', pattern);
    });
  }
});

describe('parseEndpoint good input', () => {
  const cases: Array<[string, string, number, string, string]> = [
    ['203.0.113.5:51820', '203.0.113.5', 51820, 'ipv4', '203.0.113.5:51820'],
    [' vpn.example.com:51820 ', 'vpn.example.com', 51820, 'hostname', 'vpn.example.com:51820'],
    ['VPN.Example.COM.:1', 'vpn.example.com', 1, 'hostname', 'vpn.example.com:1'],
    ['[2001:DB8::1]:51820', '2001:db8::1', 51820, 'ipv6', '[2001:db8::1]:51820'],
    ['[::1]:65535', '::1', 65535, 'ipv6', '[::1]:65535'],
    ['gw-1:4500', 'gw-1', 4500, 'hostname', 'gw-1:4500'],
    ['my-home.duckdns.org:51821', 'my-home.duckdns.org', 51821, 'hostname', 'my-home.duckdns.org:51821'],
  ];
  for (const [input, host, port, kind, text] of cases) {
    test(`"${input}" is ${kind} ${text}`, () => {
      assert.deepEqual(parseEndpoint(input), { host, port, kind, text });
    });
  }

  test('a 253-character host name with 63-character labels is accepted', () => {
    const name = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    assert.equal(name.length, 253);
    assert.equal(parseEndpoint(`${name}:51820`).host, name);
  });
});

describe('parseEndpoint bad input', () => {
  const F = 'peers[0].endpoint';
  const cases: Array<[string, ErrorClass, RegExp]> = [
    ['', EndpointError, /empty.*host:port/],
    ['2001:db8::1:51820', EndpointError, /write it as \[2001:db8::1\]:51820/],
    ['fe80::1', EndpointError, /without brackets; write it as \[fe80::1\]:51820\.$/],
    ['2001:db8::1:4500', EndpointError, /write it as \[2001:db8::1\]:4500 or \[2001:db8::1:4500\]:51820/],
    ['a:b:c', EndpointError, /without brackets; write \[v6-address\]:port/],
    ['vpn.example.com', EndpointError, /no port; add one, e\.g\. "vpn\.example\.com:51820"/],
    ['203.0.113.5', EndpointError, /add one, e\.g\. "203\.0\.113\.5:51820"/],
    ['[2001:db8::1]', EndpointError, /no port.*:51820/],
    ['203.0.113.5:', EndpointError, /no port after it/],
    ['203.0.113.5:51820a', EndpointError, /port "51820a" is not a number/],
    ['203.0.113.5:0', ValueRangeError, /out of range/],
    ['203.0.113.5:99999', ValueRangeError, /99999 is out of range/],
    ['[2001:db8::1]:70000', ValueRangeError, /out of range/],
    [':51820', EndpointError, /no host/],
    ['[2001:db8::1:51820', EndpointError, /never closes/],
    ['[2001:db8::1]51820', EndpointError, /after "\]" write ":port"/],
    ['[203.0.113.5]:51820', EndpointError, /only IPv6 goes in brackets; write 203\.0\.113\.5:51820/],
    ['[fe80::1%eth0]:51820', EndpointError, /zone ids/],
    ['[2001:db8::1::2]:51820', EndpointError, /more than once/],
    ['300.1.2.3:51820', EndpointError, /0 to 255/],
    ['010.1.2.3:51820', EndpointError, /leading zero/],
    ['vpn example.com:51820', EndpointError, /contains a space/],
    ['udp://vpn.example.com:51820', EndpointError, /scheme/],
    ['vpn_1.example.com:51820', EndpointError, /letters, digits and hyphens/],
    ['-vpn.example.com:51820', EndpointError, /start or end with a hyphen/],
    ['vpn..example.com:51820', EndpointError, /empty label/],
    [`${'a'.repeat(64)}.com:51820`, EndpointError, /64 characters; at most 63/],
    [`${'abcdefghi.'.repeat(26)}com:51820`, EndpointError, /at most 253/],
    ['1.2.3:51820', EndpointError, /needs 4/],
  ];
  for (const [input, cls, pattern] of cases) {
    test(`"${input.slice(0, 40)}" is refused with ${cls.name}`, () => {
      expectError(() => parseEndpoint(input, F), cls, F, pattern);
    });
  }

  test('the default field is endpoint', () => {
    expectError(() => parseEndpoint('x'), EndpointError, 'endpoint', /no port/);
  });

  test('parseHostname lower-cases and drops a trailing dot', () => {
    assert.equal(parseHostname('Gate.Example.ORG.'), 'gate.example.org');
  });
});
