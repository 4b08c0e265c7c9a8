/**
 * Text ↔ number for IPv4 and IPv6 addresses (no prefixes). Strict: one way to write an IPv4
 * address (no leading zeros, no short forms), RFC 4291 text for IPv6, RFC 5952 output.
 */
import { AddressError } from './errors.js';
import { shown } from './shown-text.js';

/** 4 for IPv4, 6 for IPv6. */
export type IpVersion = 4 | 6;

/** Address width in bits for a version. */
export function bitsOf(version: IpVersion): number {
  return version === 4 ? 32 : 128;
}

/** Parse a dotted-quad IPv4 address into a number. Text must already be trimmed. */
export function parseIpv4Value(text: string, field: string): bigint {
  const parts = text.split('.');
  if (parts.length !== 4) {
    throw new AddressError(
      field,
      `${shown(text)} is not an IPv4 address: it has ${parts.length} part(s) but needs 4, like 192.168.1.10.`,
    );
  }
  let value = 0n;
  for (const [i, part] of parts.entries()) {
    if (part === '') {
      throw new AddressError(
        field,
        `${shown(text)} has an empty part ${i + 1}; write four numbers like 10.0.0.1.`,
      );
    }
    if (!/^\d+$/.test(part)) {
      throw new AddressError(
        field,
        `${shown(text)}: part ${i + 1} (${shown(part)}) is not a number from 0 to 255.`,
      );
    }
    if (part.length > 1 && part.startsWith('0')) {
      throw new AddressError(
        field,
        `${shown(text)}: part ${i + 1} (${shown(part)}) has a leading zero, which some tools read as octal; write ${Number(part)} instead.`,
      );
    }
    const n = Number(part);
    if (n > 255) {
      throw new AddressError(
        field,
        `${shown(text)}: part ${i + 1} is ${part}, but each part must be 0 to 255.`,
      );
    }
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseGroups(chunk: string, text: string, field: string): number[] {
  if (chunk === '') return [];
  return chunk.split(':').map((group) => {
    if (group === '') {
      throw new AddressError(
        field,
        `${shown(text)} has an empty group (a stray ":"); use "::" once for zeros.`,
      );
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) {
      throw new AddressError(
        field,
        `${shown(text)}: group ${shown(group)} is not 1 to 4 hexadecimal digits (0-9, a-f).`,
      );
    }
    return parseInt(group, 16);
  });
}

/** Parse RFC 4291 IPv6 text (with optional dotted-quad tail) into a number. Text must be trimmed. */
export function parseIpv6Value(text: string, field: string): bigint {
  const halves = text.split('::');
  if (halves.length > 2) {
    throw new AddressError(
      field,
      `${shown(text)} uses "::" more than once; it may appear only once per address.`,
    );
  }
  let body = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4Value(text.slice(lastColon + 1), field);
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    body = text.slice(0, lastColon + 1);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const parts = body.split('::');
  const head = parseGroups(parts[0]!, text, field);
  const rest = parts.length === 2 ? parseGroups(parts[1]!, text, field) : [];
  const groups = [...head, ...rest, ...tail].length;
  let all: number[];
  if (parts.length === 2) {
    if (groups > 7) {
      throw new AddressError(
        field,
        `${shown(text)} has ${groups} groups plus "::"; with "::" at most 7 are allowed.`,
      );
    }
    all = [...head, ...Array<number>(8 - groups).fill(0), ...rest, ...tail];
  } else {
    if (groups !== 8) {
      throw new AddressError(
        field,
        `${shown(text)} has ${groups} groups; an IPv6 address needs 8, or "::" to stand for the zero groups.`,
      );
    }
    all = [...head, ...tail];
  }
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Format an IPv4 number as dotted quad. */
export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
}

/** Format an IPv6 number per RFC 5952: lower case, no leading zeros, longest zero run as "::". */
export function formatIpv6(value: bigint): string {
  if (value >> 32n === 0xffffn) return `::ffff:${formatIpv4(value & 0xffffffffn)}`;
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((value >> s) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1; // a single zero group is never compressed
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
