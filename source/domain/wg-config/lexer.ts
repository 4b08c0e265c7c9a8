/**
 * Splitting a wg-quick file into lines and classifying each one, keeping every byte so the file
 * can be put back together exactly. Follows wg-quick's reading: `#` starts a comment, the key is
 * the text before the first `=`, and hook lines (PostUp …) keep everything after `=`, `#` included.
 */
import { ConfigSyntaxError } from '../errors.js';
import { lookupKey } from './schema.js';
import { redact } from './values.js';
import type { DocLine } from './types.js';

/** Split text into lines, each with the exact line ending that followed it. */
export function splitLines(text: string): { text: string; eol: string }[] {
  const out: { text: string; eol: string }[] = [];
  const re = /\r?\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ text: text.slice(start), eol: '' });
  return out;
}

const HEADERS: Record<string, 'Interface' | 'Peer'> = { '[interface]': 'Interface', '[peer]': 'Peer' };

/** The section a header line opens, or undefined for a line that is not a header. */
export function headerKind(line: DocLine): 'Interface' | 'Peer' | undefined {
  return line.kind === 'header' ? HEADERS[line.text.split('#')[0]!.trim().toLowerCase()] : undefined;
}

/**
 * Classify one line.
 * @throws ConfigSyntaxError for an unknown `[Section]` or a line that is neither a comment nor `Key = Value`.
 */
export function classifyLine(text: string, eol: string, line: number): DocLine {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'blank', text, eol, line };
  if (trimmed.startsWith('#')) return { kind: 'comment', text, eol, line };
  const hash = text.indexOf('#');
  const stripped = hash < 0 ? text : text.slice(0, hash);
  if (stripped.trim().startsWith('[')) {
    if (HEADERS[stripped.trim().toLowerCase()] === undefined) {
      throw new ConfigSyntaxError(
        'section',
        `"${redact(stripped.trim())}" is not a section header; only [Interface] and [Peer] exist.`,
        line,
      );
    }
    return { kind: 'header', text, eol, line };
  }
  const eq = stripped.indexOf('=');
  if (eq < 0) {
    throw new ConfigSyntaxError(
      'line',
      `"${redact(trimmed)}" is not a setting; write "Key = Value", or start the line with "#" for a comment.`,
      line,
    );
  }
  const keyText = stripped.slice(0, eq).trim();
  const afterEq = text.slice(eq + 1);
  const lead = afterEq.length - afterEq.trimStart().length;
  const head = text.slice(0, eq + 1 + lead);
  const spec = lookupKey(keyText);
  // Hook values run to the end of the line (wg-quick keeps `#` and what follows); others stop at `#`.
  const valueEnd = spec?.shape === 'hook' || hash < 0 ? text.length : hash;
  const region = text.slice(head.length, Math.max(valueEnd, head.length));
  const valueText = region.trimEnd();
  const tail = text.slice(head.length + valueText.length);
  return {
    kind: spec ? 'entry' : 'unknown',
    text,
    eol,
    line,
    keyText,
    head,
    valueText,
    tail,
    ...(spec ? { key: spec.key } : {}),
  };
}
