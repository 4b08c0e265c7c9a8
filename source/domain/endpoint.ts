/**
 * UDP ports and WireGuard endpoints (`host:port`, `a.b.c.d:port`, `[v6]:port`).
 */
import { parseIp } from './cidr.js';
import { AddressError, EndpointError, ValueRangeError } from './errors.js';
import { shown } from './shown-text.js';

/** The WireGuard port used in examples and hints. */
export const DEFAULT_PORT = 51820;

/**
 * Parse a UDP port: a whole number from 1 to 65535, given as a number or as decimal digits.
 * @throws ValueRangeError naming `field`, for text that is not a whole number and for values out of range.
 */
export function parsePort(value: string | number, field = 'port'): number {
  let n: number;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      throw new ValueRangeError(
        field,
        `Port ${value} is not a whole number; use 1 to 65535, e.g. ${DEFAULT_PORT}.`,
      );
    }
    n = value;
  } else {
    const t = value.trim();
    if (t === '')
      throw new ValueRangeError(field, `Port is empty; give a number from 1 to 65535, e.g. ${DEFAULT_PORT}.`);
    if (!/^\d+$/.test(t)) {
      throw new ValueRangeError(
        field,
        `Port ${shown(t)} is not a plain whole number; write only digits from 1 to 65535, e.g. ${DEFAULT_PORT}.`,
      );
    }
    n = Number(t);
  }
  if (n < 1 || n > 65535) {
    throw new ValueRangeError(
      field,
      `Port ${n} is out of range; it must be 1 to 65535, e.g. ${DEFAULT_PORT}.`,
    );
  }
  return n;
}

/** A parsed endpoint. `text` is normalised: `host:port`, or `[v6]:port`. */
export interface Endpoint {
  host: string;
  port: number;
  kind: 'ipv4' | 'ipv6' | 'hostname';
  text: string;
}

/**
 * Validate a DNS host name: labels of 1–63 letters, digits and hyphens (not at either end),
 * at most 253 characters in all; a single trailing dot is allowed and dropped. Returns it lower-cased.
 * @throws EndpointError naming `field`.
 */
export function parseHostname(text: string, field = 'host'): string {
  const name = text.trim().replace(/\.$/, '').toLowerCase();
  if (name === '') throw new EndpointError(field, 'Host name is empty; write one like vpn.example.com.');
  if (name.length > 253) {
    throw new EndpointError(field, `Host name is ${name.length} characters long; at most 253 are allowed.`);
  }
  for (const label of name.split('.')) {
    if (label === '') {
      throw new EndpointError(
        field,
        `Host name ${shown(name)} has an empty label (two dots in a row or a leading dot).`,
      );
    }
    if (label.length > 63) {
      throw new EndpointError(
        field,
        `Host name label ${shown(label, 20)} is ${label.length} characters; at most 63.`,
      );
    }
    if (!/^[a-z0-9-]+$/.test(label)) {
      throw new EndpointError(
        field,
        `Host name ${shown(name)} has a character that is not allowed in label ${shown(label)}; use letters, digits and hyphens.`,
      );
    }
    if (label.startsWith('-') || label.endsWith('-')) {
      throw new EndpointError(field, `Host name label ${shown(label)} may not start or end with a hyphen.`);
    }
  }
  if (/^[\d.]+$/.test(name)) {
    throw new EndpointError(
      field,
      `${shown(name)} looks like an IPv4 address but is not a valid one; write a.b.c.d.`,
    );
  }
  return name;
}

function portOf(text: string, whole: string, field: string): number {
  if (text === '') {
    throw new EndpointError(
      field,
      `Endpoint ${shown(whole)} has ":" but no port after it; add one, e.g. ":${DEFAULT_PORT}".`,
    );
  }
  if (!/^\d+$/.test(text)) {
    throw new EndpointError(
      field,
      `Endpoint ${shown(whole)}: port ${shown(text)} is not a number; write digits only, e.g. ${DEFAULT_PORT}.`,
    );
  }
  return parsePort(text, field);
}

function rethrowAs(err: unknown, field: string, whole: string): never {
  if (err instanceof AddressError) {
    throw new EndpointError(field, `Endpoint ${shown(whole)}: ${err.message}`);
  }
  throw err;
}

/**
 * Parse a WireGuard endpoint.
 * @throws EndpointError naming `field` for format problems; ValueRangeError (same field) for a port out of range.
 */
export function parseEndpoint(text: string, field = 'endpoint'): Endpoint {
  const t = text.trim();
  if (t === '') {
    throw new EndpointError(
      field,
      `Endpoint is empty; write host:port, e.g. vpn.example.com:${DEFAULT_PORT}.`,
    );
  }
  if (/\s/.test(t))
    throw new EndpointError(field, `Endpoint ${shown(t)} contains a space; write host:port with no spaces.`);
  if (t.includes('://') || t.includes('/')) {
    throw new EndpointError(
      field,
      `Endpoint ${shown(t)} is not host:port; leave out any "udp://" scheme or "/" path.`,
    );
  }
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close < 0)
      throw new EndpointError(field, `Endpoint ${shown(t)} opens "[" but never closes it; write [v6]:port.`);
    const inner = t.slice(1, close);
    const after = t.slice(close + 1);
    if (after === '') {
      throw new EndpointError(
        field,
        `Endpoint ${shown(t)} has no port; add one, e.g. ${shown(`${t}:${DEFAULT_PORT}`)}.`,
      );
    }
    if (!after.startsWith(':'))
      throw new EndpointError(field, `Endpoint ${shown(t)}: after "]" write ":port".`);
    let host: string;
    try {
      const ip = parseIp(inner, field);
      if (ip.version !== 6) {
        throw new EndpointError(
          field,
          `Endpoint ${shown(t)}: only IPv6 goes in brackets; write ${ip.text}${after}.`,
        );
      }
      host = ip.text;
    } catch (err) {
      rethrowAs(err, field, t);
    }
    const port = portOf(after.slice(1), t, field);
    return { host, port, kind: 'ipv6', text: `[${host}]:${port}` };
  }
  const colons = t.split(':').length - 1;
  if (colons === 0) {
    throw new EndpointError(
      field,
      `Endpoint ${shown(t)} has no port; add one, e.g. ${shown(`${t}:${DEFAULT_PORT}`)}.`,
    );
  }
  if (colons > 1) {
    const cut = t.lastIndexOf(':');
    const asIp = (x: string): string | undefined => {
      try {
        return parseIp(x, field).text;
      } catch {
        return undefined;
      }
    };
    const before = /^\d+$/.test(t.slice(cut + 1)) ? asIp(t.slice(0, cut)) : undefined;
    const whole = asIp(t);
    const options = [
      ...(before ? [`[${before}]:${t.slice(cut + 1)}`] : []),
      ...(whole ? [`[${whole}]:${DEFAULT_PORT}`] : []),
    ];
    const advice = options.length > 0 ? `write it as ${options.join(' or ')}` : 'write [v6-address]:port';
    throw new EndpointError(
      field,
      `Endpoint ${shown(t)} looks like an IPv6 address without brackets; ${advice}.`,
    );
  }
  const cut = t.indexOf(':');
  const hostText = t.slice(0, cut);
  const port = portOf(t.slice(cut + 1), t, field);
  if (hostText === '')
    throw new EndpointError(field, `Endpoint ${shown(t)} has no host before ":"; write host:port.`);
  if (/^[\d.]+$/.test(hostText)) {
    let host = '';
    try {
      host = parseIp(hostText, field).text;
    } catch (err) {
      rethrowAs(err, field, t);
    }
    return { host, port, kind: 'ipv4', text: `${host}:${port}` };
  }
  const host = parseHostname(hostText, field);
  return { host, port, kind: 'hostname', text: `${host}:${port}` };
}
