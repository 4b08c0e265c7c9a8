/** Word wrapping and small line helpers for the wizard's screens. Pure. */
import type { Line, Tone } from '../text.js';
import { fit, textWidth } from '../text.js';

/** Break TEXT into lines of at most WIDTH columns (at spaces; words longer than a line are cut). */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while (textWidth(rest) > w) {
        if (line !== '') {
          out.push(line);
          line = '';
        }
        out.push(Array.from(rest).slice(0, w).join(''));
        rest = Array.from(rest).slice(w).join('');
      }
      if (line === '') line = rest;
      else if (textWidth(line) + 1 + textWidth(rest) <= w) line += ` ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

/** Wrapped text as lines, each starting with INDENT, all in one tone. */
export function wrapped(text: string, width: number, tone: Tone = 'plain', indent = ''): Line[] {
  return wrapText(text, width - textWidth(indent)).map((t) => [{ text: indent + t, tone }]);
}

/** A line of one segment. */
export function plain(text: string, tone: Tone = 'plain'): Line {
  return [{ text, tone }];
}

/** The end of TEXT when it is too long (for a field being typed into), the start otherwise. */
export function tailFit(text: string, width: number, ellipsis: string): string {
  if (textWidth(text) <= width) return text;
  const keep = Math.max(0, width - textWidth(ellipsis));
  return ellipsis + Array.from(text).slice(-keep).join('');
}

export { fit };

/** Wrapped text whose first line starts with FIRST and the others with as many spaces. */
export function hanging(text: string, width: number, tone: Tone, first: string): Line[] {
  const indent = ' '.repeat(textWidth(first));
  return wrapText(text, width - textWidth(first)).map((t, i) => [
    { text: (i === 0 ? first : indent) + t, tone },
  ]);
}
