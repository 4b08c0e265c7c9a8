/**
 * One read from the terminal, split into the keys it holds. Ink's useInput parses a whole chunk as
 * ONE key press: when text and control keys arrive in one read (fast typing over SSH, a loaded
 * machine, keys sent by a script), the chunk comes as raw input with no key flag set, and a Tab, an
 * Enter or a Backspace inside it would be lost or typed as text. {@link splitKeyChunk} turns such a
 * chunk back into the presses it holds, in order. Pure.
 */
import type { Key } from 'ink';

/** One key press: Ink's `input` and `key` as useInput would have given them for that key alone. */
export interface KeyPress {
  readonly input: string;
  readonly key: Key;
}

/** A key with no flag set. */
export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** The flags that make a press a key rather than typed text. */
const NAMED: ReadonlyArray<keyof Key> = [
  'upArrow',
  'downArrow',
  'leftArrow',
  'rightArrow',
  'pageDown',
  'pageUp',
  'home',
  'end',
  'return',
  'escape',
  'ctrl',
  'tab',
  'backspace',
  'delete',
  'meta',
];

/** Escape sequences (after ESC) by their body, as terminals send them. */
const SEQUENCES: Record<string, Partial<Key>> = {
  '[A': { upArrow: true },
  '[B': { downArrow: true },
  '[C': { rightArrow: true },
  '[D': { leftArrow: true },
  OA: { upArrow: true },
  OB: { downArrow: true },
  OC: { rightArrow: true },
  OD: { leftArrow: true },
  '[H': { home: true },
  '[F': { end: true },
  OH: { home: true },
  OF: { end: true },
  '[1~': { home: true },
  '[4~': { end: true },
  '[3~': { delete: true },
  '[5~': { pageUp: true },
  '[6~': { pageDown: true },
  '[Z': { tab: true, shift: true },
};

/** Single control characters. Like Ink, DEL (the Backspace key of most terminals) is `delete`. */
const CONTROLS: Record<string, Partial<Key>> = {
  '\t': { tab: true },
  '\r': { return: true },
  '\n': { return: true },
  '\u007f': { delete: true },
  '\b': { backspace: true },
};

const ESC = '\u001b';

function isControl(ch: string): boolean {
  return ch < ' ' || ch === '\u007f';
}

function press(input: string, flags: Partial<Key>): KeyPress {
  return { input, key: { ...NO_KEY, ...flags } };
}

/** Text typed as one run; a lone capital gets `shift` as Ink gives it. */
function textPress(text: string): KeyPress {
  return press(text, Array.from(text).length === 1 && /[A-Z]/.test(text) ? { shift: true } : {});
}

/** The escape sequence starting at I (CHARS[I] is ESC): its press and the index after it. */
function escapeAt(chars: readonly string[], i: number): { press: KeyPress; next: number } {
  const first = chars[i + 1];
  if (first === undefined || first === ESC)
    return { press: press('', { escape: true, meta: true }), next: i + 1 };
  if (first === '[' || first === 'O') {
    let j = i + 2;
    // CSI: parameter and intermediate bytes, then one final byte (ESC [ [ A of old consoles too);
    // SS3: one byte.
    if (first === '[') {
      if (chars[j] === '[') j++;
      while (j < chars.length && chars[j]! >= ' ' && chars[j]! <= '?') j++;
    }
    const final = chars[j];
    if (final !== undefined && final >= '@' && final <= '~') {
      // An unknown sequence (a function key the screens do not use) is a press of nothing.
      const flags = SEQUENCES[chars.slice(i + 1, j + 1).join('')] ?? {};
      return { press: press('', flags), next: j + 1 };
    }
    return { press: press('', { escape: true, meta: true }), next: i + 1 };
  }
  if (isControl(first)) return { press: press('', { escape: true, meta: true }), next: i + 1 };
  return { press: press(first, { meta: true }), next: i + 2 };
}

/**
 * The key presses of one useInput call. A press Ink already recognised (any key flag set), plain
 * text, and single characters come back as they are; a chunk that mixes text with control keys
 * (`"\tsiteA"`, `"beta\t"`, `"10.0.0.0/24\r"`) is split: runs of printable characters become typed
 * text, and Tab, Enter (`\r` or `\n`), Backspace (DEL, ^H), escape sequences and other Ctrl chords
 * become their keys, in order. With `textAsKeys` (a screen without text fields, where every letter
 * is a command) each printable character is a press of its own too: `"jj"` is j twice.
 */
export function splitKeyChunk(input: string, key: Key, options: { textAsKeys?: boolean } = {}): KeyPress[] {
  if (NAMED.some((flag) => key[flag] === true)) return [{ input, key }];
  const chars = Array.from(input);
  if (!chars.some(isControl) && !(options.textAsKeys === true && chars.length > 1)) return [{ input, key }];
  const out: KeyPress[] = [];
  let text = '';
  const flush = () => {
    if (text === '') return;
    if (options.textAsKeys === true) out.push(...Array.from(text, textPress));
    else out.push(textPress(text));
    text = '';
  };
  for (let i = 0; i < chars.length;) {
    const ch = chars[i]!;
    if (!isControl(ch)) {
      text += ch;
      i++;
      continue;
    }
    flush();
    if (ch === ESC) {
      const seq = escapeAt(chars, i);
      out.push(seq.press);
      i = seq.next;
      continue;
    }
    const control = CONTROLS[ch];
    if (control) out.push(press('', control));
    else {
      const code = ch.charCodeAt(0);
      // ^A..^Z as Ink reports them: ctrl with the letter as input. Other C0 codes are dropped.
      if (code >= 1 && code <= 26) out.push(press(String.fromCharCode(code + 96), { ctrl: true }));
    }
    i++;
  }
  flush();
  return out;
}
