import { StatusParseError } from './status-parse-error.js';

const DIGITS = /^\d+$/;

/**
 * Parse a non-negative decimal integer as WireGuard and the kernel print them.
 * Counters are u64; JS numbers are exact up to 2^53 (8 PiB), which a byte counter does not reach.
 */
export function parseCount(text: string, source: string, what: string, line?: number): number {
  if (!DIGITS.test(text)) {
    throw new StatusParseError(source, `${what} should be a whole number, got ${JSON.stringify(text)}`, line);
  }
  return Number(text);
}
