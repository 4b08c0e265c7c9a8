/**
 * How wg-site tells its own lines in a wg-quick file from the admin's: every line it writes and
 * owns (its hook commands, a peer's name comment) ends with the comment ` # wg-site`. wg-quick reads
 * `#` as the start of a comment: older versions cut it off before running a hook, newer ones pass the
 * whole line to the shell, where an unquoted `#` after a space starts a comment too. Either way the
 * marker never changes what runs. A line without the marker is the admin's and is never rewritten.
 */

/** The comment that ends every line wg-site owns. */
export const OWN_MARKER = '# wg-site';

const SUFFIX = ` ${OWN_MARKER}`;

/** TEXT (a hook command or comment text) with the marker appended. */
export function withOwnMarker(text: string): string {
  return `${text}${SUFFIX}`;
}

/** True when TEXT (a hook value or a whole comment line) ends with the marker. */
export function hasOwnMarker(text: string): boolean {
  return text.trimEnd().endsWith(SUFFIX);
}

/** TEXT without a trailing marker (unchanged when it has none). */
export function withoutOwnMarker(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.endsWith(SUFFIX) ? trimmed.slice(0, -SUFFIX.length) : text;
}
