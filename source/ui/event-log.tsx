/**
 * The event log: peers going up, stale or down (with the time), counters resetting, peers
 * appearing or disappearing. Newest first; short by default, longer with `e`.
 */
import React, { memo } from 'react';
import type { PanelEvent } from '../domain/status/panel-model.js';
import type { Glyphs } from './glyphs.js';
import { STATE_TONE } from './peer-row.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, type Line } from './text.js';

/** Entries shown when the log is short / long. */
export const EVENTS_SHORT = 3;
export const EVENTS_LONG = 12;

const two = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time `HH:MM:SS`. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function eventLine(event: PanelEvent, glyphs: Glyphs): Line {
  const who = event.name ?? `${event.publicKey.slice(0, 8)}${glyphs.ellipsis}`;
  const head: Line = [{ text: `  ${clockTime(event.at)}  `, tone: 'dim' }, { text: who }, { text: '  ' }];
  switch (event.kind) {
    case 'state':
      return [
        ...head,
        { text: `${event.from} ${glyphs.arrow} ` },
        { text: event.to ?? '', tone: STATE_TONE[event.to ?? 'never'] },
        ...(event.noReplyS === undefined ? [] : [{ text: ` (no reply ${event.noReplyS}s)` }]),
      ];
    case 'counter-reset':
      return [...head, { text: 'counters restarted (peer or interface re-created)', tone: 'warn' }];
    case 'added':
      return [...head, { text: 'peer appeared' }];
    case 'removed':
      return [...head, { text: 'peer removed', tone: 'warn' }];
  }
}

/** Lines the log would like (header included). */
export function eventLinesWanted(events: readonly PanelEvent[], open: boolean): number {
  return 1 + Math.min(events.length, open ? EVENTS_LONG : EVENTS_SHORT);
}

/** The log in at most `max` lines, newest first. */
export function eventLogLines(
  events: readonly PanelEvent[],
  max: number,
  width: number,
  glyphs: Glyphs,
): Line[] {
  if (max <= 0) return [];
  const header: Line =
    events.length === 0
      ? [
          { text: 'EVENTS', tone: 'head' },
          { text: '  none since the panel started', tone: 'dim' },
        ]
      : [
          { text: 'EVENTS', tone: 'head' },
          { text: `  ${Math.min(events.length, max - 1)} of ${events.length}, newest first`, tone: 'dim' },
        ];
  const lines: Line[] = [header];
  for (let i = events.length - 1; i >= 0 && lines.length < max; i--)
    lines.push(eventLine(events[i]!, glyphs));
  return lines.map((l) => clipLine(l, width, glyphs.ellipsis));
}

/** Props of {@link EventLog}. */
export interface EventLogProps {
  readonly events: readonly PanelEvent[];
  readonly lines: number;
  readonly width: number;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
}

/** The event log; re-renders only when an event was added (or the layout changed). */
export const EventLog = memo(function EventLog({ events, lines, width, glyphs, style }: EventLogProps) {
  return <Lines lines={eventLogLines(events, lines, width, glyphs)} style={style} />;
});
