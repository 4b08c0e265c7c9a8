/**
 * The peer list: a header line and the window of peer rows that fits (the selected peer is
 * always inside it). The window position is shown in the header when not every peer fits.
 */
import React, { memo } from 'react';
import type { PeerView } from '../domain/status/panel-model.js';
import type { Glyphs } from './glyphs.js';
import { COLUMNS, type LayoutPlan } from './layout.js';
import { PeerRow } from './peer-row.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, fit, padEnd, padStart, textWidth, type Line } from './text.js';

/** The header line of the peer table. */
export function peerHeaderLine(
  total: number,
  top: number,
  rows: number,
  plan: LayoutPlan,
  glyphs: Glyphs,
): Line {
  const e = glyphs.ellipsis;
  const compact = plan.rowStyle === 'line' && plan.compact;
  let left = `  ${padEnd('PEER', plan.nameWidth, e)} ${padEnd('STATE', compact ? COLUMNS.stateCompact : COLUMNS.state, e)} `;
  if (compact) {
    // Narrow rows have no rx/tx labels: the heading names the two rate columns.
    left += `${padEnd('HS AGE', COLUMNS.ageCompact, e)} ${padStart('RX', COLUMNS.rateCompact, e)} ${padStart('TX', COLUMNS.rateCompact, e)}`;
  } else {
    left += padEnd('HANDSHAKE', COLUMNS.age, e);
    if (plan.rowStyle !== 'line') left += '  TRAFFIC, LAST 60 S';
  }
  const shown = Math.min(rows, total);
  const right =
    total === 0
      ? ''
      : shown < total
        ? `${top + 1}${glyphs.dash}${top + shown} of ${total}`
        : `${total} ${total === 1 ? 'peer' : 'peers'}`;
  const windowed = shown < total;
  // When the window position does not fit beside the headings, the headings give way.
  const head = windowed ? fit(left, Math.max(0, plan.width - textWidth(right) - 2), e) : left;
  const gap = plan.width - textWidth(head) - textWidth(right);
  const line: Line =
    gap >= 2 || windowed
      ? [
          { text: head, tone: 'head' },
          { text: ' '.repeat(Math.max(2, gap)) },
          { text: right, tone: windowed ? 'accent' : 'dim' },
        ]
      : [{ text: head, tone: 'head' }];
  return clipLine(line, plan.width, e);
}

/** Props of {@link PeerTable}. */
export interface PeerTableProps {
  readonly peers: readonly PeerView[];
  readonly selected: number;
  readonly top: number;
  readonly plan: LayoutPlan;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
  readonly interfaceName: string;
}

/** The windowed peer list. */
export const PeerTable = memo(function PeerTable(props: PeerTableProps) {
  const { peers, selected, top, plan, glyphs, style } = props;
  if (plan.peerLines === 0) return null;
  const header = peerHeaderLine(peers.length, top, plan.peerRows, plan, glyphs);
  if (peers.length === 0) {
    const empty: Line = clipLine(
      [{ text: `  No peers on ${props.interfaceName} yet.`, tone: 'dim' }],
      plan.width,
      glyphs.ellipsis,
    );
    return <Lines lines={[header, empty]} style={style} />;
  }
  const visible = peers.slice(top, top + plan.peerRows);
  return (
    <>
      <Lines lines={[header]} style={style} />
      {visible.map((peer, i) => (
        <PeerRow
          key={peer.publicKey}
          peer={peer}
          selected={top + i === selected}
          plan={plan}
          glyphs={glyphs}
          style={style}
        />
      ))}
    </>
  );
});
