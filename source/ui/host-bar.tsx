/**
 * The host under the tunnel: CPU (total, softirq share, per core), load, memory, and — where the
 * hardware tells — temperature and Raspberry Pi throttling. One or two lines.
 */
import React, { memo } from 'react';
import { formatBytes } from '../domain/status/format.js';
import type { CpuView, PanelModel } from '../domain/status/panel-model.js';
import type { Throttled } from '../domain/status/types.js';
import type { Glyphs } from './glyphs.js';
import { Lines, type LineStyle } from './styled-line.js';
import { clipLine, packItems, type Line, type Segment, type Tone } from './text.js';

const loadTone = (percent: number): Tone => (percent >= 90 ? 'bad' : percent >= 70 ? 'warn' : 'plain');

function cpuItems(cpu: CpuView | undefined, glyphs: Glyphs): Line[] {
  if (cpu === undefined) return [[{ text: 'CPU ', tone: 'dim' }, { text: glyphs.unknown }]];
  const items: Line[] = [
    [
      { text: 'CPU ', tone: 'dim' },
      { text: `${cpu.total.busy}%`, tone: loadTone(cpu.total.busy) },
    ],
  ];
  const online = cpu.cores.filter((c) => c !== undefined);
  const maxSoftirq = Math.max(0, ...online.map((c) => c.softirq));
  const softirq: Line = [
    { text: 'softirq ', tone: 'dim' },
    { text: `${cpu.total.softirq}%`, tone: loadTone(cpu.total.softirq) },
  ];
  items.push(
    online.length > 1 && maxSoftirq !== cpu.total.softirq
      ? [
          ...softirq,
          { text: ' (busiest core ', tone: 'dim' },
          { text: `${maxSoftirq}%`, tone: loadTone(maxSoftirq) },
          { text: ')', tone: 'dim' },
        ]
      : softirq,
  );
  if (cpu.cores.length > 1) {
    const cores: Segment[] = [{ text: 'cores', tone: 'dim' }];
    for (const core of cpu.cores) {
      cores.push(
        core === undefined
          ? { text: ' off', tone: 'dim' }
          : { text: ` ${core.busy}%`, tone: loadTone(core.busy) },
      );
    }
    items.push(cores);
  }
  return items;
}

function throttledItem(t: Throttled): Line {
  const now = [
    t.underVoltage && 'under-voltage',
    t.freqCapped && 'frequency capped',
    t.throttled && 'throttled',
    t.softTempLimit && 'soft temp limit',
  ].filter((x): x is string => typeof x === 'string');
  if (now.length > 0) return [{ text: `THROTTLED: ${now.join(', ')}`, tone: 'bad' }];
  const past = [
    t.underVoltageOccurred && 'under-voltage',
    t.freqCappedOccurred && 'frequency capped',
    t.throttledOccurred && 'throttled',
    t.softTempLimitOccurred && 'soft temp limit',
  ].filter((x): x is string => typeof x === 'string');
  if (past.length > 0) return [{ text: `past throttling: ${past.join(', ')}`, tone: 'warn' }];
  return [{ text: 'not throttled', tone: 'dim' }];
}

/** Every host item, in order of importance. */
export function hostItems(model: PanelModel, glyphs: Glyphs): Line[] {
  const items = cpuItems(model.cpu, glyphs);
  if (model.load) {
    const l = model.load;
    items.push([
      { text: 'load ', tone: 'dim' },
      { text: `${l.one.toFixed(2)} ${l.five.toFixed(2)} ${l.fifteen.toFixed(2)}` },
    ]);
  }
  if (model.mem) {
    const m = model.mem;
    items.push([
      { text: 'mem ', tone: 'dim' },
      { text: `${m.usedPercent}%`, tone: loadTone(m.usedPercent) },
      { text: ` of ${formatBytes(m.totalBytes)}`, tone: 'dim' },
    ]);
  }
  if (model.temp !== undefined) {
    const t = model.temp;
    items.push([
      { text: 'temp ', tone: 'dim' },
      { text: `${t.toFixed(1)}${glyphs.celsius}`, tone: t >= 80 ? 'bad' : t >= 70 ? 'warn' : 'plain' },
    ]);
  }
  if (model.throttled) items.push(throttledItem(model.throttled));
  return items;
}

/** The host bar's lines: items packed two spaces apart into at most `lines` lines. */
export function hostBarLines(model: PanelModel, width: number, lines: number, glyphs: Glyphs): Line[] {
  if (lines <= 0) return [];
  return packItems(hostItems(model, glyphs), width, 2, lines).map((l) => clipLine(l, width, glyphs.ellipsis));
}

/** Props of {@link HostBar}. */
export interface HostBarProps {
  readonly model: PanelModel;
  readonly width: number;
  readonly lines: number;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
}

/** The host bar; re-renders only when a host figure (or the layout) changed. */
export const HostBar = memo(
  function HostBar({ model, width, lines, glyphs, style }: HostBarProps) {
    return <Lines lines={hostBarLines(model, width, lines, glyphs)} style={style} />;
  },
  (a, b) =>
    a.width === b.width &&
    a.lines === b.lines &&
    a.glyphs === b.glyphs &&
    a.style === b.style &&
    a.model.cpu === b.model.cpu &&
    a.model.mem === b.model.mem &&
    a.model.load === b.model.load &&
    a.model.temp === b.model.temp &&
    a.model.throttled === b.model.throttled,
);
