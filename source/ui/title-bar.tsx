/**
 * The top line: which interface (and site), its listen port, how many peers are up, and the
 * interface's total traffic.
 */
import React, { memo } from 'react';
import { formatRate } from '../domain/status/format.js';
import type { PanelModel } from '../domain/status/panel-model.js';
import type { Glyphs } from './glyphs.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, lineWidth, textWidth, type Line, type Segment } from './text.js';

/** The title line. */
export function titleLine(
  model: PanelModel,
  interfaceName: string,
  siteName: string | undefined,
  width: number,
  glyphs: Glyphs,
): Line {
  const peers = model.peers;
  const up = peers.filter((p) => p.state === 'up').length;
  const down = peers.filter((p) => p.state === 'down').length;
  const upTone = peers.length === 0 ? 'dim' : up === peers.length ? 'good' : down > 0 ? 'bad' : 'warn';
  // In order of importance: an item that does not fit is left out, later (smaller) ones may still fit.
  const items: Line[] = [
    [
      { text: 'wg-site', tone: 'head' },
      { text: ` ${interfaceName}`, tone: 'accent' },
    ],
    [{ text: `${up}/${peers.length} peers up`, tone: upTone }],
  ];
  if (model.link) {
    items.push([
      { text: 'rx ', tone: 'dim' },
      { text: formatRate(model.link.rxRate) },
      { text: ' tx ', tone: 'dim' },
      { text: formatRate(model.link.txRate) },
    ]);
  }
  if (siteName !== undefined) items.push([{ text: 'site ', tone: 'dim' }, { text: siteName }]);
  if (model.interface) {
    const port = model.interface.listenPort;
    items.push(
      port > 0
        ? [{ text: 'port ', tone: 'dim' }, { text: String(port) }]
        : [{ text: 'no listen port', tone: 'warn' }],
    );
  }
  const line: Segment[] = [];
  let used = 0;
  for (const item of items) {
    const w = lineWidth(item) + (line.length > 0 ? textWidth(glyphs.separator) : 0);
    if (used + w > width) continue;
    if (line.length > 0) line.push({ text: glyphs.separator, tone: 'dim' });
    line.push(...item);
    used += w;
  }
  return clipLine(line, width, glyphs.ellipsis);
}

/** Props of {@link TitleBar}. */
export interface TitleBarProps {
  readonly model: PanelModel;
  readonly interfaceName: string;
  readonly siteName: string | undefined;
  readonly width: number;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
}

/** The title bar. */
export const TitleBar = memo(function TitleBar(props: TitleBarProps) {
  const line = titleLine(props.model, props.interfaceName, props.siteName, props.width, props.glyphs);
  return <Lines lines={[line]} style={props.style} />;
});
