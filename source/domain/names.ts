/**
 * Names: Linux interface names (as wg-quick accepts them) and site/peer names (which end up in
 * file names such as `wg0-beta.psk` and in config comments).
 */
import { NameError } from './errors.js';
import { shown } from './shown-text.js';

/** Longest Linux interface name (IFNAMSIZ - 1). */
export const MAX_INTERFACE_NAME = 15;
/** Longest site or peer name. */
export const MAX_SITE_NAME = 32;

function describeChar(ch: string): string {
  return /[\x21-\x7e]/.test(ch) ? shown(ch) : ch === ' ' ? 'a space' : `code ${ch.codePointAt(0)}`;
}

/**
 * Parse a WireGuard interface name: 1–15 characters of letters, digits and `_ = + . -`, not `.` or
 * `..` (the kernel's rules) and not starting with `-` (it would read as an option to `ip`, `wg`,
 * `iptables`). Surrounding whitespace is trimmed. Every place that takes an interface name (site
 * file, `--interface`, the wizard, pairing) uses this one parser.
 * @throws NameError naming `field`.
 */
export function parseInterfaceName(text: string, field = 'interface'): string {
  const name = text.trim();
  if (name === '') throw new NameError(field, 'Interface name is empty; use something like wg0.');
  if (name.length > MAX_INTERFACE_NAME) {
    throw new NameError(
      field,
      `Interface name ${shown(name)} has ${name.length} characters; Linux allows at most ${MAX_INTERFACE_NAME} (e.g. wg0, wg-beta).`,
    );
  }
  const bad = [...name].findIndex((ch) => !/[a-zA-Z0-9_=+.-]/.test(ch));
  if (bad >= 0) {
    throw new NameError(
      field,
      `Interface name ${shown(name)} has ${describeChar(name[bad]!)} at position ${bad + 1}; only letters, digits and _ = + . - are allowed.`,
    );
  }
  if (name === '.' || name === '..') {
    throw new NameError(field, `Interface name ${shown(name)} is reserved; use something like wg0.`);
  }
  if (name.startsWith('-')) {
    throw new NameError(
      field,
      `Interface name ${shown(name)} starts with "-", which commands would read as an option; start it with a letter or digit.`,
    );
  }
  return name;
}

/** True when `text` is, exactly (no surrounding whitespace), an interface name {@link parseInterfaceName} accepts. */
export function isInterfaceName(text: string): boolean {
  try {
    return parseInterfaceName(text) === text;
  } catch (error) {
    if (error instanceof NameError) return false;
    throw error;
  }
}

/**
 * Parse a site or peer name: 1–32 characters, a letter or digit first, then letters, digits and
 * `_ . -`. Surrounding whitespace is trimmed.
 * @throws NameError naming `field`.
 */
export function parseSiteName(text: string, field = 'name'): string {
  const name = text.trim();
  if (name === '') throw new NameError(field, 'Name is empty; use a short word like office or branch-2.');
  if (name.length > MAX_SITE_NAME) {
    throw new NameError(
      field,
      `Name ${shown(name)} has ${name.length} characters; at most ${MAX_SITE_NAME} are allowed.`,
    );
  }
  if (!/[a-zA-Z0-9]/.test(name[0]!)) {
    throw new NameError(
      field,
      `Name ${shown(name)} starts with ${describeChar(name[0]!)}; it must start with a letter or digit (it is used in file names).`,
    );
  }
  const bad = [...name].findIndex((ch) => !/[a-zA-Z0-9_.-]/.test(ch));
  if (bad >= 0) {
    const hint = name[bad] === ' ' ? ' Use "-" instead of spaces.' : '';
    throw new NameError(
      field,
      `Name ${shown(name)} has ${describeChar(name[bad]!)} at position ${bad + 1}; only letters, digits and _ . - are allowed.${hint}`,
    );
  }
  return name;
}

/**
 * A site name proposed from a host name: its first label, with every run of characters the site-name
 * grammar ({@link parseSiteName}) does not allow turned into "-", leading and trailing punctuation
 * dropped, and cut to {@link MAX_SITE_NAME}. Undefined when nothing usable is left (an empty name,
 * "localhost", "(none)").
 */
export function siteNameFromHostName(hostname: string): string | undefined {
  const label = hostname.trim().split('.')[0] ?? '';
  const cleaned = label
    .replace(/[^a-zA-Z0-9_.-]+/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .slice(0, MAX_SITE_NAME)
    .replace(/[^a-zA-Z0-9]+$/, '');
  if (cleaned === '' || /^localhost$/i.test(cleaned)) return undefined;
  try {
    return parseSiteName(cleaned);
  } catch {
    return undefined;
  }
}
