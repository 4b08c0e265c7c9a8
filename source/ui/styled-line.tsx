/**
 * Draws one prepared {@link Line}. Tones become colours only when colour is on; with NO_COLOR
 * nothing but the characters is written (no bold, no dim: no escape codes at all). In ASCII mode
 * anything outside printable 7-bit ASCII that slipped through is replaced by `?`.
 */
import React, { memo } from 'react';
import { Text, type TextProps } from 'ink';
import type { Line, Tone } from './text.js';

const TONES: Record<Tone, TextProps> = {
  plain: {},
  good: { color: 'green' },
  warn: { color: 'yellow' },
  bad: { color: 'red' },
  dim: { color: 'gray' },
  head: { bold: true },
  accent: { color: 'cyan' },
  selected: { bold: true, color: 'cyan' },
};

/** Rendering options every line shares. */
export interface LineStyle {
  readonly color: boolean;
  readonly ascii: boolean;
}

const clean = (text: string, ascii: boolean): string => (ascii ? text.replace(/[^\x20-\x7e]/g, '?') : text);

/** One line of the panel. */
export const StyledLine = memo(function StyledLine({ line, style }: { line: Line; style: LineStyle }) {
  if (!style.color) {
    return <Text wrap="truncate">{clean(line.map((s) => s.text).join(''), style.ascii) || ' '}</Text>;
  }
  return (
    <Text wrap="truncate">
      {line.length === 0
        ? ' '
        : line.map((s, i) => (
            <Text key={i} {...TONES[s.tone ?? 'plain']}>
              {clean(s.text, style.ascii)}
            </Text>
          ))}
    </Text>
  );
});

/** Several lines, top to bottom. */
export function Lines({ lines, style }: { lines: readonly Line[]; style: LineStyle }) {
  return (
    <>
      {lines.map((line, i) => (
        <StyledLine key={i} line={line} style={style} />
      ))}
    </>
  );
}
