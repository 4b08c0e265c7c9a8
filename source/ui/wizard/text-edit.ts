/** Editing a one-line text value from Ink key presses (cursor at the end). Pure. */
import type { Key } from 'ink';

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

const CONTROL_KEYS: Record<string, Partial<Key>> = {
  '\t': { tab: true },
  '\r': { return: true },
  '\n': { return: true },
  '\u007f': { backspace: true },
  '\b': { backspace: true },
};

/**
 * Key presses that arrived in one chunk without text between them (e.g. two Tabs sent at once),
 * split into single presses; undefined when INPUT is not such a run.
 */
export function splitControlRun(input: string): Array<{ input: string; key: Partial<Key> }> | undefined {
  const chars = Array.from(input);
  if (chars.length < 2 || !chars.every((ch) => CONTROL_KEYS[ch] !== undefined)) return undefined;
  return chars.map((ch) => ({ input: '', key: CONTROL_KEYS[ch]! }));
}
