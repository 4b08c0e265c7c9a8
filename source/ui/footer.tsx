/**
 * The key hints, written from the key table (keymap.ts) — the same table that handles the keys,
 * so the footer cannot promise a key that does nothing. What does not fit is left to the help
 * screen, and the help key's hint is then always kept.
 */
import React, { memo } from 'react';
import type { Glyphs } from './glyphs.js';
import { footerLabel, hintFor, KEYMAP, type KeyBinding } from './keymap.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, textWidth, type Line, type Segment } from './text.js';

const GAP = 2;

/** The bindings the footer shows at this width, in table order. */
export function footerBindings(
  width: number,
  glyphs: Glyphs,
  table: readonly KeyBinding[] = KEYMAP,
): KeyBinding[] {
  const all = table.filter((b) => b.footer !== undefined);
  const total = all.reduce((n, b, i) => n + (i > 0 ? GAP : 0) + textWidth(hintFor(b, glyphs)), 0);
  if (total <= width) return all;
  const help = all.find((b) => b.command === 'toggleHelp');
  const reserve = help ? GAP + textWidth(hintFor(help, glyphs)) : 0;
  const shown: KeyBinding[] = [];
  let used = 0;
  for (const b of all) {
    if (b === help) continue;
    const w = (shown.length > 0 ? GAP : 0) + textWidth(hintFor(b, glyphs));
    if (used + w + reserve > width) break;
    shown.push(b);
    used += w;
  }
  return help ? [...shown, help] : shown;
}

/** The footer line. */
export function footerLine(width: number, glyphs: Glyphs, table: readonly KeyBinding[] = KEYMAP): Line {
  const line: Segment[] = [];
  for (const b of footerBindings(width, glyphs, table)) {
    if (line.length > 0) line.push({ text: ' '.repeat(GAP) });
    line.push(
      { text: footerLabel(b, glyphs), tone: 'accent' },
      { text: ` ${b.footer?.hint ?? ''}`, tone: 'dim' },
    );
  }
  return clipLine(line, width, glyphs.ellipsis);
}

/** Props of {@link Footer}. */
export interface FooterProps {
  readonly width: number;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
}

/** The footer. */
export const Footer = memo(function Footer({ width, glyphs, style }: FooterProps) {
  return <Lines lines={[footerLine(width, glyphs)]} style={style} />;
});
