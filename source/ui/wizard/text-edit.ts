/** Editing a one-line text value from Ink key presses (cursor at the end). Pure. */
import type { Key } from 'ink';
import { cleanPastedCode } from '../../domain/pairing/code.js';

/** The value after INPUT/KEY, or undefined when the press is not an edit. A paste arrives as one INPUT. */
export function editText(value: string, input: string, key: Partial<Key>): string | undefined {
  if (key.backspace || key.delete) return Array.from(value).slice(0, -1).join('');
  if (key.ctrl || (key.meta && !key.escape) || key.escape) return undefined;
  // A pasted line may end in a newline and hold tabs; keep the printable characters only.
  const text = Array.from(input)
    .filter((ch) => ch >= ' ' && ch !== '\u007f')
    .join('');
  return text === '' ? undefined : value + text;
}

/** True when INPUT is more than one typed character: a paste. */
export function isPaste(input: string): boolean {
  return Array.from(input.replace(/[\r\n]+$/, '')).length > 1;
}

/**
 * True when INPUT, one chunk read from the terminal, is a pasted pairing code: after whitespace and
 * quotes it starts with `wgsite`, and its only control characters are whitespace that
 * cleanPastedCode drops (a trailing newline, the line breaks of a code copied off a screen).
 * Such a chunk is one paste, not text and Enter.
 */
export function isPairingPaste(input: string): boolean {
  const controls = Array.from(input).filter((ch) => ch < ' ' || ch === '\u007f');
  if (controls.some((ch) => ch !== '\t' && ch !== '\r' && ch !== '\n')) return false;
  return /^wgsite/i.test(cleanPastedCode(input));
}
