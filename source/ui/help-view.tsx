/**
 * The help screen (`?`): every key in the key table with what it does, and whether its action
 * is available in this build.
 */
import React, { memo } from 'react';
import type { Glyphs } from './glyphs.js';
import { isAction, keyLabel, KEYMAP, type ActionId } from './keymap.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, padEnd, type Line } from './text.js';

/** The help lines (header included). */
export function helpLines(available: (action: ActionId) => boolean, width: number, glyphs: Glyphs): Line[] {
  const lines: Line[] = [
    [
      { text: 'KEYS', tone: 'head' },
      { text: '  (? or Esc closes this list)', tone: 'dim' },
    ],
  ];
  for (const b of KEYMAP) {
    const line: Line = [
      { text: `  ${padEnd(keyLabel(b, glyphs), 6, glyphs.ellipsis)}`, tone: 'accent' },
      { text: b.help },
      ...(isAction(b.command) && !available(b.command)
        ? [{ text: '  (not available yet)', tone: 'dim' as const }]
        : []),
    ];
    lines.push(clipLine(line, width, glyphs.ellipsis));
  }
  return lines;
}

/** Props of {@link HelpView}. */
export interface HelpViewProps {
  readonly available: (action: ActionId) => boolean;
  readonly lines: number;
  readonly width: number;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
}

/** The help screen, cut to the lines it was given. */
export const HelpView = memo(function HelpView({ available, lines, width, glyphs, style }: HelpViewProps) {
  return <Lines lines={helpLines(available, width, glyphs).slice(0, lines)} style={style} />;
});
