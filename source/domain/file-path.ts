/**
 * Paths of files wg-site itself reads or names in a command (a peer's `presharedKeyFile`): absolute,
 * already normalised, and made only of characters that mean nothing to a shell, to wg-quick or to a
 * config parser, so the path can land in a hook line, a command argument or a message unchanged.
 */
import { PathError } from './errors.js';
import { shown } from './shown-text.js';

/** Longest path accepted. */
export const MAX_PATH = 1024;
/** Longest single path component (NAME_MAX). */
export const MAX_PATH_COMPONENT = 255;

/** Characters of one path component: letters, digits and `_ . - + = @ ,`. */
const COMPONENT_CHAR = /[A-Za-z0-9_.+=@,-]/;

/**
 * Parse an absolute file path: `/` then components of letters, digits and `_ . - + = @ ,`; no empty
 * component (`//`, a trailing `/`), no `.` or `..` component; at most {@link MAX_PATH} characters.
 * Nothing is trimmed or rewritten: the path is taken exactly as given, or refused.
 * @throws PathError naming `field`, saying what to change.
 */
export function parseFilePath(text: string, field: string): string {
  const example = 'e.g. /etc/wireguard/wg0-beta.psk';
  if (text === '') throw new PathError(field, `${field} is empty; give an absolute path, ${example}.`);
  if (text.length > MAX_PATH) {
    throw new PathError(
      field,
      `${field} is ${text.length} characters long; at most ${MAX_PATH} are allowed.`,
    );
  }
  if (!text.startsWith('/')) {
    throw new PathError(field, `${field} ${shown(text)} is not absolute; start it with "/", ${example}.`);
  }
  const bad = [...text].find((ch) => ch !== '/' && !COMPONENT_CHAR.test(ch));
  if (bad !== undefined) {
    throw new PathError(
      field,
      `${field} ${shown(text)} contains ${shown(bad)}; a path may hold only letters, digits, "/" and _ . - + = @ , (${example}).`,
    );
  }
  const components = text.slice(1).split('/');
  if (components.some((c) => c === '')) {
    throw new PathError(
      field,
      `${field} ${shown(text)} has an empty part ("//" or a trailing "/"); name the file itself, ${example}.`,
    );
  }
  const dots = components.find((c) => c === '.' || c === '..');
  if (dots !== undefined) {
    throw new PathError(
      field,
      `${field} ${shown(text)} contains "${dots}"; write the path without it, ${example}.`,
    );
  }
  const long = components.find((c) => c.length > MAX_PATH_COMPONENT);
  if (long !== undefined) {
    throw new PathError(
      field,
      `${field} has a part of ${long.length} characters; at most ${MAX_PATH_COMPONENT} are allowed.`,
    );
  }
  return text;
}
