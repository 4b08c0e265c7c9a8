/**
 * One line for what just happened: the result of an action ("Ping: not available yet"), a
 * warning from start-up, or the last poll error. Blank when there is nothing to say.
 */
import React, { memo } from 'react';
import type { Glyphs } from './glyphs.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, type Line, type Tone } from './text.js';

/** A status message and how it should look. */
export interface StatusMessage {
  readonly text: string;
  readonly tone: Tone;
}

/** The status line: the message, else the poll error, else blank. */
export function statusLine(
  message: StatusMessage | undefined,
  error: string | undefined,
  width: number,
  glyphs: Glyphs,
): Line {
  if (message !== undefined)
    return clipLine([{ text: message.text, tone: message.tone }], width, glyphs.ellipsis);
  if (error !== undefined)
    return clipLine([{ text: `Reading the tunnel failed: ${error}`, tone: 'bad' }], width, glyphs.ellipsis);
  return [];
}

/** Props of {@link StatusLine}. */
export interface StatusLineProps {
  readonly message: StatusMessage | undefined;
  readonly error: string | undefined;
  readonly width: number;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
}

/** The status line. */
export const StatusLine = memo(function StatusLine({
  message,
  error,
  width,
  glyphs,
  style,
}: StatusLineProps) {
  return <Lines lines={[statusLine(message, error, width, glyphs)]} style={style} />;
});
