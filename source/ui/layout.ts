/**
 * Where everything goes: a pure function of the terminal size and how much each section would
 * like to show. The frame is always at least one line shorter than the terminal (so it never
 * scrolls the screen), and every line fits the width.
 *
 * Degrading as the terminal shrinks, in this order: the event log shrinks and then hides, the
 * checks fold to their summary line, the host bar drops to one line, peer rows drop to one line
 * each, fewer peers are shown, then checks and host bar go. Below that the panel only says the
 * terminal is too small.
 */

/** Terminal size in character cells. */
export interface PanelSize {
  readonly width: number;
  readonly height: number;
}

/** Below this width or height the panel shows only a "too small" line. */
export const MIN_WIDTH = 30;
export const MIN_HEIGHT = 6;
/** From this width peer rows take 2 lines (everything side by side). */
export const WIDE_FROM = 100;
/** Below this width peer rows are one short line (no endpoint, history or AllowedIPs). */
export const NARROW_BELOW = 60;
/** Peers the layout tries to keep visible before it shrinks anything else further. */
const PEERS_KEPT = 3;

/** How one peer row is drawn. */
export type RowStyle = 'wide' | 'stacked' | 'line';

/** What the sections would like to show, in lines. */
export interface LayoutWants {
  readonly peers: number;
  /** Checks: the summary line plus detail lines (≥ 1). */
  readonly checkLines: number;
  /** Event log: header plus entries; 0 hides it. */
  readonly eventLines: number;
  /** Help screen lines, when it is open; it then replaces peers, checks and events. */
  readonly helpLines?: number;
}

/** The decided layout. Line counts include each section's header line. */
export interface LayoutPlan {
  readonly width: number;
  /** Lines the frame may use (terminal height − 1). */
  readonly maxLines: number;
  readonly tooSmall: boolean;
  readonly rowStyle: RowStyle;
  /** Lines per peer row. */
  readonly rowLines: number;
  /** Short rates (`1.20M`) and short columns, for narrow terminals. */
  readonly compact: boolean;
  readonly hostLines: number;
  /** Peers visible at once. */
  readonly peerRows: number;
  /** Header + rows (or header + "no peers" line). */
  readonly peerLines: number;
  readonly checkLines: number;
  readonly eventLines: number;
  readonly helpLines: number;
  /** Width of the peer-name column. */
  readonly nameWidth: number;
  /** Width of each traffic sparkline; 0 = none. */
  readonly sparkWidth: number;
  /** Width of the right-hand block of wide rows (keepalive / AllowedIPs). */
  readonly tailWidth: number;
}

/** Fixed column widths of peer rows, shared with the row renderer. */
export const COLUMNS = {
  cursor: 2,
  state: 7,
  stateCompact: 5,
  age: 9,
  ageCompact: 7,
  rate: 11,
  rateCompact: 5,
  total: 8,
} as const;

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Width of the left block of a multi-line row (cursor, name, state, age). */
export function leftBlockWidth(nameWidth: number): number {
  return COLUMNS.cursor + nameWidth + 1 + COLUMNS.state + 1 + COLUMNS.age;
}

/** Width of one traffic block: `  rx ` rate, spark, total. */
export function trafficWidth(sparkWidth: number): number {
  return 2 + 3 + COLUMNS.rate + (sparkWidth > 0 ? 1 + sparkWidth : 0) + 2 + COLUMNS.total;
}

function columnsFor(
  style: RowStyle,
  width: number,
): Pick<LayoutPlan, 'nameWidth' | 'sparkWidth' | 'tailWidth' | 'compact'> {
  if (style === 'wide') {
    const nameWidth = 14;
    const sparkWidth = clamp(width - leftBlockWidth(nameWidth) - trafficWidth(0) - 1 - 2 - 40, 8, 60);
    const tailWidth = width - leftBlockWidth(nameWidth) - trafficWidth(sparkWidth) - 2;
    return { nameWidth, sparkWidth, tailWidth, compact: false };
  }
  if (style === 'stacked') {
    const nameWidth = 12;
    const room = width - leftBlockWidth(nameWidth) - trafficWidth(0) - 1;
    return { nameWidth, sparkWidth: room >= 4 ? Math.min(60, room) : 0, tailWidth: 0, compact: false };
  }
  const compact = width < NARROW_BELOW;
  const fixed = compact
    ? COLUMNS.cursor + 1 + COLUMNS.stateCompact + 1 + COLUMNS.ageCompact + (1 + COLUMNS.rateCompact) * 2
    : COLUMNS.cursor + 1 + COLUMNS.state + 1 + COLUMNS.age + (2 + 3 + COLUMNS.rate) * 2;
  return { nameWidth: clamp(width - fixed, 4, 16), sparkWidth: 0, tailWidth: 0, compact };
}

const LINES_PER_STYLE: Record<RowStyle, number> = { wide: 2, stacked: 3, line: 1 };

function peerLinesFor(peers: number, shown: number, rowLines: number): number {
  return peers === 0 ? 2 : 1 + rowLines * Math.min(peers, shown);
}

/** Decide the layout for a terminal of `size` and the given wants. */
export function planLayout(size: PanelSize, wants: LayoutWants): LayoutPlan {
  const width = Math.max(0, Math.floor(size.width));
  const maxLines = Math.max(0, Math.floor(size.height) - 1);
  let rowStyle: RowStyle = width < NARROW_BELOW ? 'line' : width < WIDE_FROM ? 'stacked' : 'wide';
  const base = {
    width,
    maxLines,
    tooSmall: false,
    hostLines: 0,
    peerRows: 0,
    peerLines: 0,
    checkLines: 0,
    eventLines: 0,
    helpLines: 0,
  };
  if (width < MIN_WIDTH || size.height < MIN_HEIGHT) {
    return { ...base, tooSmall: true, rowStyle: 'line', rowLines: 1, ...columnsFor('line', width) };
  }
  const avail = maxLines - 3; // title, status line, footer
  let host = rowStyle === 'line' || maxLines < 15 ? 1 : 2;
  if (wants.helpLines !== undefined) {
    return {
      ...base,
      rowStyle,
      rowLines: LINES_PER_STYLE[rowStyle],
      ...columnsFor(rowStyle, width),
      hostLines: host,
      helpLines: Math.max(0, Math.min(wants.helpLines, avail - host)),
    };
  }
  let rowLines = LINES_PER_STYLE[rowStyle];
  let kept = PEERS_KEPT;
  let checks = Math.max(1, wants.checkLines);
  let events = wants.eventLines;
  const over = (): number => host + peerLinesFor(wants.peers, kept, rowLines) + checks + events - avail;
  // Each step gives up a little more, in order, until everything fits.
  if (over() > 0) events = Math.max(2, events - over());
  if (over() > 0) events = 0;
  if (over() > 0) checks = Math.max(1, checks - over());
  if (over() > 0) host = 1;
  if (over() > 0 && rowLines > 1) {
    rowStyle = 'line';
    rowLines = 1;
  }
  while (over() > 0 && kept > 1) kept--;
  if (over() > 0) checks = 0;
  if (over() > 0) host = 0;
  if (over() > 0) {
    return { ...base, tooSmall: true, rowStyle: 'line', rowLines: 1, ...columnsFor('line', width) };
  }
  const peerLines = Math.min(
    peerLinesFor(wants.peers, wants.peers, rowLines),
    avail - host - checks - events,
  );
  return {
    ...base,
    rowStyle,
    rowLines,
    ...columnsFor(rowStyle, width),
    hostLines: host,
    peerRows: wants.peers === 0 ? 0 : Math.floor((peerLines - 1) / rowLines),
    peerLines: wants.peers === 0 ? 2 : 1 + Math.floor((peerLines - 1) / rowLines) * rowLines,
    checkLines: checks,
    eventLines: events,
  };
}
