/**
 * One peer: name, state, handshake age, rx/tx rate with the 60-sample history and totals,
 * endpoint, keepalive and AllowedIPs — in 1, 2 or 3 lines depending on the layout.
 */
import React, { memo } from 'react';
import { formatAge, formatBytes, formatRate } from '../domain/status/format.js';
import type { PeerState, PeerView } from '../domain/status/panel-model.js';
import type { Glyphs } from './glyphs.js';
import { historySpark } from './history-spark.js';
import { COLUMNS, leftBlockWidth, type LayoutPlan } from './layout.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, fit, padEnd, padStart, type Line, type Segment, type Tone } from './text.js';

/** Colour of each state. */
export const STATE_TONE: Record<PeerState, Tone> = { up: 'good', stale: 'warn', down: 'bad', never: 'dim' };

/** `1.20 Mbit/s` → `1.20M`, `950 bit/s` → `950`. */
export function compactRate(rate: number | undefined, glyphs: Glyphs): string {
  if (rate === undefined) return glyphs.unknown;
  return formatRate(rate).replace(/ ?([kMGT]?)bit\/s$/, '$1');
}

function rate(value: number | undefined, glyphs: Glyphs): string {
  return value === undefined ? glyphs.unknown : formatRate(value);
}

/** The name shown for a peer: its configured name, else its public key (cut to fit). */
export function peerLabel(peer: PeerView): string {
  return peer.name ?? peer.publicKey;
}

function traffic(
  dir: 'rx' | 'tx',
  value: number | undefined,
  history: readonly number[],
  total: number,
  plan: LayoutPlan,
  glyphs: Glyphs,
): Segment[] {
  const out: Segment[] = [
    { text: `  ${dir} `, tone: 'dim' },
    { text: padStart(rate(value, glyphs), COLUMNS.rate, glyphs.ellipsis) },
  ];
  if (plan.sparkWidth > 0)
    out.push({ text: ` ${historySpark(history, plan.sparkWidth, glyphs.ascii)}`, tone: 'accent' });
  out.push({ text: `  ${padStart(formatBytes(total), COLUMNS.total, glyphs.ellipsis)}` });
  return out;
}

function keepalive(peer: PeerView): string {
  return `keepalive ${peer.persistentKeepalive === undefined ? 'off' : `${peer.persistentKeepalive}s`}`;
}

/** `no reply 31s` while the counters show the far side silent, else undefined. */
export function noReplyText(peer: PeerView): string | undefined {
  return peer.noReplyS === undefined ? undefined : `no reply ${peer.noReplyS}s`;
}

/** The keepalive cell, led by the "no reply" note when there is one. */
function keepaliveSegments(peer: PeerView, width: number | undefined, e: string): Segment[] {
  const note = noReplyText(peer);
  const text = keepalive(peer);
  if (note === undefined)
    return [{ text: `  ${width === undefined ? text : fit(text, width, e)}`, tone: 'dim' }];
  const rest = width === undefined ? `, ${text}` : fit(`, ${text}`, Math.max(0, width - note.length), e);
  return [
    { text: `  ${note}`, tone: 'bad' },
    { text: rest, tone: 'dim' },
  ];
}

function allowed(peer: PeerView): string {
  return peer.allowedIps.length === 0 ? '(no AllowedIPs)' : peer.allowedIps.join(', ');
}

/** The lines of one peer row, each at most `plan.width` wide. */
export function peerRowLines(peer: PeerView, selected: boolean, plan: LayoutPlan, glyphs: Glyphs): Line[] {
  const e = glyphs.ellipsis;
  const cursor: Segment = { text: selected ? glyphs.cursor : '  ', tone: 'selected' };
  const name: Segment = {
    text: padEnd(peerLabel(peer), plan.nameWidth, e),
    tone: selected ? 'selected' : 'plain',
  };
  const tone = STATE_TONE[peer.state];
  const age = formatAge(peer.handshakeAge);
  const note = noReplyText(peer);
  let lines: Line[];
  if (plan.rowStyle === 'line') {
    const state = plan.compact
      ? padEnd(peer.state, COLUMNS.stateCompact, e)
      : padEnd(`${glyphs.state[peer.state]} ${peer.state}`, COLUMNS.state, e);
    const rates: Segment[] = plan.compact
      ? [
          { text: ` ${padStart(compactRate(peer.rxRate, glyphs), COLUMNS.rateCompact, e)}` },
          { text: ` ${padStart(compactRate(peer.txRate, glyphs), COLUMNS.rateCompact, e)}` },
        ]
      : [
          { text: '  rx ', tone: 'dim' },
          { text: padStart(rate(peer.rxRate, glyphs), COLUMNS.rate, e) },
          { text: '  tx ', tone: 'dim' },
          { text: padStart(rate(peer.txRate, glyphs), COLUMNS.rate, e) },
        ];
    const ageWidth = plan.compact ? COLUMNS.ageCompact : COLUMNS.age;
    lines = [
      [
        cursor,
        name,
        { text: ' ' },
        { text: state, tone },
        note === undefined
          ? { text: ` ${padEnd(age, ageWidth, e)}` }
          : { text: ` ${padEnd('no reply', ageWidth, e)}`, tone: 'bad' },
        ...rates,
      ],
    ];
  } else {
    const first: Segment[] = [
      cursor,
      name,
      { text: ' ' },
      { text: padEnd(`${glyphs.state[peer.state]} ${peer.state}`, COLUMNS.state, e), tone },
      { text: ` ${padEnd(age, COLUMNS.age, e)}` },
      ...traffic('rx', peer.rxRate, peer.rxHistory, peer.rxTotal, plan, glyphs),
    ];
    const endpointWidth = leftBlockWidth(plan.nameWidth) - 2;
    const second: Segment[] = [
      { text: `  ${padEnd(peer.endpoint ?? '(no endpoint)', endpointWidth, e)}` },
      ...traffic('tx', peer.txRate, peer.txHistory, peer.txTotal, plan, glyphs),
    ];
    if (plan.rowStyle === 'wide') {
      first.push(...keepaliveSegments(peer, plan.tailWidth, e));
      second.push({ text: `  ${fit(allowed(peer), plan.tailWidth, e)}` });
      lines = [first, second];
    } else {
      const third: Segment[] = [
        ...keepaliveSegments(peer, undefined, e),
        { text: '  allowed ', tone: 'dim' },
        { text: allowed(peer) },
      ];
      lines = [first, second, third];
    }
  }
  return lines.map((line) => clipLine(line, plan.width, e));
}

/** Props of {@link PeerRow}. */
export interface PeerRowProps {
  readonly peer: PeerView;
  readonly selected: boolean;
  readonly plan: LayoutPlan;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
}

/** One peer row; re-renders only when its peer object (or selection, layout) changed. */
export const PeerRow = memo(function PeerRow({ peer, selected, plan, glyphs, style }: PeerRowProps) {
  return <Lines lines={peerRowLines(peer, selected, plan, glyphs)} style={style} />;
});
