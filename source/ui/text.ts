/**
 * Plain-text building blocks of the panel: a line is a list of segments, each with a tone that
 * the renderer maps to a colour (or to nothing under NO_COLOR). Widths count code points: the
 * panel only draws characters one column wide.
 */

/** What a piece of text means; the renderer picks the colour. */
export type Tone = 'plain' | 'good' | 'warn' | 'bad' | 'dim' | 'head' | 'accent' | 'selected';

/** A run of text in one tone. */
export interface Segment {
  readonly text: string;
  readonly tone?: Tone;
}

/** One screen line. */
export type Line = readonly Segment[];

/** Columns a string takes (code points; the panel draws no wide characters). */
export function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Cut `text` to at most `width` columns, ending in `ellipsis` when something was cut. */
export function fit(text: string, width: number, ellipsis: string): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  if (textWidth(ellipsis) >= width) return Array.from(ellipsis).slice(0, width).join('');
  return (
    Array.from(text)
      .slice(0, width - textWidth(ellipsis))
      .join('') + ellipsis
  );
}

/** {@link fit}, then pad with spaces on the right to exactly `width`. */
export function padEnd(text: string, width: number, ellipsis: string): string {
  const t = fit(text, width, ellipsis);
  return t + ' '.repeat(Math.max(0, width - textWidth(t)));
}

/** {@link fit}, then pad with spaces on the left to exactly `width`. */
export function padStart(text: string, width: number, ellipsis: string): string {
  const t = fit(text, width, ellipsis);
  return ' '.repeat(Math.max(0, width - textWidth(t))) + t;
}

/** Total columns of a line. */
export function lineWidth(line: Line): number {
  let n = 0;
  for (const s of line) n += textWidth(s.text);
  return n;
}

/** The line's text without tones. */
export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Cut a line to `width` columns; the segment that crosses the edge ends in `ellipsis`. */
export function clipLine(line: Line, width: number, ellipsis: string): Line {
  if (lineWidth(line) <= width) return line;
  const out: Segment[] = [];
  let left = width;
  for (const s of line) {
    const w = textWidth(s.text);
    if (w < left || (w === left && out.length + 1 === line.length)) {
      out.push(s);
      left -= w;
      continue;
    }
    const cut = fit(s.text + ' ', left, ellipsis); // the extra space forces an ellipsis when w === left
    if (cut.length > 0) out.push(s.tone === undefined ? { text: cut } : { text: cut, tone: s.tone });
    break;
  }
  return out;
}

/**
 * Pack items into lines `gap` spaces apart, starting a new line when the next item would pass
 * `width`; at most `maxLines` lines, the last one holding whatever is left (to be clipped).
 */
export function packItems(items: readonly Line[], width: number, gap: number, maxLines: number): Line[] {
  const lines: Segment[][] = [];
  let current: Segment[] = [];
  let used = 0;
  for (const item of items) {
    const w = lineWidth(item);
    // On the last line everything left is appended; the caller clips it, so the cut shows as "…".
    if (current.length > 0 && used + gap + w > width && lines.length + 1 < maxLines) {
      lines.push(current);
      current = [];
      used = 0;
    }
    if (current.length > 0) {
      current.push({ text: ' '.repeat(gap) });
      used += gap;
    }
    current.push(...item);
    used += w;
  }
  if (current.length > 0) lines.push(current);
  return lines.slice(0, Math.max(0, maxLines));
}
