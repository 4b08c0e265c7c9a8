/**
 * Small operations on document lines used by the editor: making new lines, replacing a value
 * in place, and finding where a new key belongs in a section.
 */
import { specOf } from './schema.js';
import type { DocLine, KnownKey, WgSection } from './types.js';

/** A new `Key = value` line. */
export function entryLine(key: KnownKey, value: string, eol: string): DocLine {
  const head = `${key} = `;
  return { kind: 'entry', text: head + value, eol, key, keyText: key, head, valueText: value, tail: '' };
}

/** A new comment line `# text`. */
export function commentLine(text: string, eol: string): DocLine {
  return { kind: 'comment', text: `# ${text}`, eol };
}

/** A new blank line. */
export function blankLine(eol: string): DocLine {
  return { kind: 'blank', text: '', eol };
}

/** A new section header line. */
export function headerLine(kind: 'Interface' | 'Peer', eol: string): DocLine {
  return { kind: 'header', text: `[${kind}]`, eol };
}

/** The same line with another value; key spelling, spacing and a trailing comment stay. */
export function withValue(line: DocLine, value: string): DocLine {
  const head = line.head ?? '';
  let tail = line.tail ?? '';
  if (tail.startsWith('#') && value !== '') tail = ` ${tail}`;
  const { line: _dropped, ...rest } = line;
  return { ...rest, head, valueText: value, tail, text: head + value + tail };
}

/** The same comment line with another text after its `#`. */
export function withComment(line: DocLine, text: string): DocLine {
  const indent = /^\s*/.exec(line.text)?.[0] ?? '';
  const { line: _dropped, ...rest } = line;
  return { ...rest, text: `${indent}# ${text}` };
}

/**
 * Index in `section.body` where a new line for `key` goes: after the last entry that sorts before
 * it in canonical order; else before the first entry; else after the last non-blank line.
 */
export function insertionIndex(section: WgSection, key: KnownKey): number {
  const rank = specOf(key).rank;
  const body = section.body;
  let after = -1;
  body.forEach((line, n) => {
    if (line.kind === 'entry' && line.key && specOf(line.key).rank <= rank) after = n;
  });
  if (after >= 0) return after + 1;
  const firstEntry = body.findIndex((line) => line.kind === 'entry' || line.kind === 'unknown');
  if (firstEntry >= 0) return firstEntry;
  let end = body.length;
  while (end > 0 && body[end - 1]!.kind === 'blank') end--;
  return end;
}
