/**
 * The whole frame as a pure function of (snapshot, size, view state, options): no hooks besides
 * memoised children, no timers. `planFor` gives the layout the frame will use, so the app can
 * size page moves and the peer window with the very same numbers.
 */
import React from 'react';
import { Box } from 'ink';
import { checkLinesWanted, ChecksList } from './checks-list.js';
import { EventLog, eventLinesWanted } from './event-log.js';
import { Footer } from './footer.js';
import type { Glyphs } from './glyphs.js';
import { HelpView, helpLines } from './help-view.js';
import { HostBar } from './host-bar.js';
import type { ActionId } from './keymap.js';
import { MIN_HEIGHT, MIN_WIDTH, planLayout, type LayoutPlan, type PanelSize } from './layout.js';
import type { PanelSnapshot } from './panel-store.js';
import { PeerTable } from './peer-table.js';
import { StatusLine, type StatusMessage } from './status-line.js';
import { StyledLine, type LineStyle } from './styled-line.js';
import { fit } from './text.js';
import { TitleBar } from './title-bar.js';
import type { UiState } from './ui-state.js';

/** Fixed settings of one panel. */
export interface FrameOptions {
  readonly interfaceName: string;
  readonly siteName: string | undefined;
  readonly glyphs: Glyphs;
  readonly style: LineStyle;
  /** Whether an action has an implementation. */
  readonly available: (action: ActionId) => boolean;
}

/** The layout for this snapshot, size and view state. */
export function planFor(
  snapshot: PanelSnapshot,
  size: PanelSize,
  ui: UiState,
  options: FrameOptions,
): LayoutPlan {
  return planLayout(size, {
    peers: snapshot.model.peers.length,
    checkLines: checkLinesWanted(snapshot.checks, ui.checksOpen, options.glyphs),
    eventLines: eventLinesWanted(snapshot.model.events, ui.eventsOpen),
    ...(ui.helpOpen ? { helpLines: helpLines(options.available, size.width, options.glyphs).length } : {}),
  });
}

/** Props of {@link PanelFrame}. */
export interface PanelFrameProps {
  readonly snapshot: PanelSnapshot;
  readonly size: PanelSize;
  readonly plan: LayoutPlan;
  /** View state with the window already clamped (see `peerWindow`). */
  readonly ui: UiState;
  readonly message: StatusMessage | undefined;
  readonly options: FrameOptions;
}

/** One frame of the panel. */
export function PanelFrame({ snapshot, size, plan, ui, message, options }: PanelFrameProps) {
  const { glyphs, style } = options;
  const width = plan.width;
  if (plan.maxLines < 1) return null;
  if (plan.tooSmall) {
    const text = `Terminal ${size.width}x${size.height} is too small for the panel; make it at least ${MIN_WIDTH}x${MIN_HEIGHT}.`;
    return <StyledLine line={[{ text: fit(text, width, glyphs.ellipsis), tone: 'warn' }]} style={style} />;
  }
  const model = snapshot.model;
  return (
    <Box flexDirection="column" width={width}>
      <TitleBar
        model={model}
        interfaceName={options.interfaceName}
        siteName={options.siteName}
        width={width}
        glyphs={glyphs}
        style={style}
      />
      <HostBar model={model} width={width} lines={plan.hostLines} glyphs={glyphs} style={style} />
      {ui.helpOpen ? (
        <HelpView
          available={options.available}
          lines={plan.helpLines}
          width={width}
          glyphs={glyphs}
          style={style}
        />
      ) : (
        <>
          <PeerTable
            peers={model.peers}
            selected={ui.selected}
            top={ui.top}
            plan={plan}
            glyphs={glyphs}
            style={style}
            interfaceName={options.interfaceName}
          />
          <ChecksList
            checks={snapshot.checks}
            open={ui.checksOpen}
            lines={plan.checkLines}
            width={width}
            glyphs={glyphs}
            style={style}
          />
          <EventLog
            events={model.events}
            lines={plan.eventLines}
            width={width}
            glyphs={glyphs}
            style={style}
          />
        </>
      )}
      <StatusLine message={message} error={snapshot.error} width={width} glyphs={glyphs} style={style} />
      <Footer width={width} glyphs={glyphs} style={style} />
    </Box>
  );
}
