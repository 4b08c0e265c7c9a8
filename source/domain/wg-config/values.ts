/**
 * Value checks for every key, with the ranges `wg` (config.c) and wg-quick accept. Each check
 * returns the value in semantic form or throws an {@link InputError}; the parser turns that into a
 * ConfigSyntaxError carrying the line number.
 */
import { parseInterfaceAddress, parseIp } from '../cidr.js';
import { parseEndpoint, parseHostname } from '../endpoint.js';
import { InputError, ValueRangeError } from '../errors.js';
import { parseKey, parsePublicKey } from '../keys.js';
import type { KnownKey } from './types.js';

/** Smallest and largest MTU accepted: the kernel's IPv4 minimum, and the 16-bit IP length limit. */
export const MTU_MIN = 68;
export const MTU_MAX = 65535;
/** Below this an interface cannot carry IPv6. */
export const MTU_IPV6_MIN = 1280;

/** A parsed value: a number, a boolean, a string or a list of strings. */
export type ParsedValue = number | boolean | string | string[];

/** Receives notes about values that are accepted but suspicious. */
export type Warn = (message: string) => void;

function wholeNumber(text: string, field: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new ValueRangeError(field, `${what} "${text}" must be a whole number from ${min} to ${max}.`);
  }
  return Number(text);
}

/** Split a wg-quick list (Address, DNS): commas and/or spaces separate items; empty items vanish. */
export function splitLoose(text: string): string[] {
  return text.split(/[\s,]+/).filter((item) => item !== '');
}

/** Split AllowedIPs as `wg` does: on commas, where an empty item is an error. */
function splitStrict(text: string, field: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  items.forEach((item) => {
    if (item === '') {
      throw new InputError(field, `"${text}" has an empty entry; separate prefixes with single commas.`);
    }
    if (/\s/.test(item)) {
      throw new InputError(
        field,
        `"${item}" contains a space; separate prefixes with commas, e.g. 10.0.0.0/24, 10.1.0.0/24.`,
      );
    }
  });
  return items;
}

function checkAllowedIp(item: string, field: string, warn: Warn): void {
  const parsed = parseInterfaceAddress(item, field);
  if (parsed.network.network !== parsed.address.value) {
    warn(`"${item}" has host bits set; wg uses ${parsed.network.text}. Write that instead.`);
  }
}

function checkDnsItem(item: string, field: string): void {
  // wg-quick treats digits-and-dots or anything with ":" as a server, the rest as a search domain.
  if (/^[0-9.]+$/.test(item) || item.includes(':')) parseIp(item, field);
  else parseHostname(item, field);
}

function parseFwMark(text: string, field: string): number {
  if (/^off$/i.test(text)) return 0;
  const hex = /^0x[0-9a-fA-F]+$/.test(text);
  if ((hex || /^\d+$/.test(text)) && Number(text) <= 0xffffffff) return Number(text);
  throw new ValueRangeError(
    field,
    `FwMark "${text}" must be "off" or a number from 0 to 4294967295 (decimal, or hex written 0x…).`,
  );
}

function parseKeepalive(text: string, field: string): number {
  if (/^off$/i.test(text)) return 0;
  if (/^\d+$/.test(text) && Number(text) <= 65535) return Number(text);
  throw new ValueRangeError(
    field,
    `PersistentKeepalive "${text}" must be "off"/0 or seconds from 1 to 65535 (25 keeps a NAT mapping open).`,
  );
}

function parseBool(text: string, field: string): boolean {
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  throw new InputError(field, `SaveConfig "${text}" must be true or false (wg-quick refuses anything else).`);
}

function parseTable(text: string, field: string): string {
  if (/^[A-Za-z0-9_.-]+$/.test(text)) return text;
  throw new InputError(
    field,
    `Table "${text}" must be off, auto, a table number, or a table name from /etc/iproute2/rt_tables.`,
  );
}

/**
 * Check one value of a known key. `text` is the value as wg-quick sees it: comment removed and
 * trimmed (hooks keep everything after `=`). Keys are never echoed in messages.
 * @throws InputError (KeyError, AddressError, EndpointError, ValueRangeError, …) naming `field`.
 */
export function parseValue(key: KnownKey, text: string, field: string, warn: Warn): ParsedValue {
  switch (key) {
    case 'PreUp':
    case 'PostUp':
    case 'PreDown':
    case 'PostDown':
      return text;
    case 'Address': {
      const items = splitLoose(text);
      items.forEach((item) => parseInterfaceAddress(item, field));
      return items;
    }
    case 'DNS': {
      const items = splitLoose(text);
      items.forEach((item) => checkDnsItem(item, field));
      return items;
    }
    case 'AllowedIPs': {
      const items = splitStrict(text, field);
      items.forEach((item) => checkAllowedIp(item, field, warn));
      return items;
    }
    case 'ListenPort':
      return wholeNumber(text, field, 'ListenPort', 0, 65535);
    case 'MTU': {
      const mtu = wholeNumber(text, field, 'MTU', MTU_MIN, MTU_MAX);
      if (mtu < MTU_IPV6_MIN)
        warn(`MTU ${mtu} is below ${MTU_IPV6_MIN}, so the interface cannot carry IPv6.`);
      return mtu;
    }
    case 'PrivateKey':
    case 'PresharedKey':
      return parseKey(text, field);
    case 'PublicKey':
      return parsePublicKey(text, field);
    case 'Endpoint':
      parseEndpoint(text, field);
      return text;
    case 'PersistentKeepalive':
      return parseKeepalive(text, field);
    case 'FwMark':
      return parseFwMark(text, field);
    case 'Table':
      return parseTable(text, field);
    case 'SaveConfig':
      return parseBool(text, field);
  }
}

/** Hide anything that could be a key (a long base64 run) in text that goes into a message. */
export function redact(text: string): string {
  return text.replace(/[A-Za-z0-9+/]{20,}={0,2}/g, '<hidden>');
}
