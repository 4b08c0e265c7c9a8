/**
 * Quoting values for the shell lines wg-site writes: the iptables script (run by `sh`) and the
 * wg-quick hook lines (PreUp/PostUp/…), which wg-quick reads, cuts at `#`, fills `%i` into and then
 * `eval`s as root. Values are checked by their own grammar first; quoting is the second wall.
 */

/** A word the shell reads as itself without quotes. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * `value` as one shell word: unchanged when it holds only plain characters, else in single quotes.
 * @throws Error for a NUL (no shell word can hold one): a value that reaches here is already checked.
 */
export function shellWord(value: string): string {
  if (value.includes('\0')) throw new Error('a shell word cannot hold a NUL character');
  if (PLAIN_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * `value` as one word of a wg-quick hook line. Beyond {@link shellWord}: wg-quick ends the line at a
 * line break, drops everything from `#` on and replaces `%i` before the shell sees it, so those can
 * never be carried, quoted or not.
 * @throws Error for a line break, control character, `#` or `%`.
 */
export function hookWord(value: string): string {
  if ([...value].some((ch) => ch < ' ' || ch === '\x7f' || ch === '#' || ch === '%')) {
    throw new Error(`${JSON.stringify(value)} cannot be written into a wg-quick hook line`);
  }
  return shellWord(value);
}
