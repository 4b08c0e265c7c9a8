/**
 * The characters the panel draws with: a Unicode set, and a plain ASCII set for terminals that
 * cannot show more (the Linux console, vt100, serial lines) or when `--ascii` is given.
 */
import type { PeerState } from '../domain/status/panel-model.js';
import type { CheckStatus } from './check-result.js';

/** One glyph set. Every string in the ASCII set is printable 7-bit ASCII. */
export interface Glyphs {
  readonly ascii: boolean;
  /** Marks the selected peer row (2 columns wide with its space). */
  readonly cursor: string;
  /** Prefix of a peer's state word. */
  readonly state: Readonly<Record<PeerState, string>>;
  /** Prefix of a check line. */
  readonly check: Readonly<Record<CheckStatus, string>>;
  /** Shown where text was cut off. */
  readonly ellipsis: string;
  /** "from → to" in the event log. */
  readonly arrow: string;
  /** Between items of the title bar. */
  readonly separator: string;
  /** Degrees Celsius suffix. */
  readonly celsius: string;
  /** Placeholder for a value not known yet. */
  readonly unknown: string;
  /** Range dash, as in "peers 1-5 of 30". */
  readonly dash: string;
}

/** Box-drawing free, but Unicode: state dots, check marks, arrows. */
export const UNICODE_GLYPHS: Glyphs = {
  ascii: false,
  cursor: '▸ ',
  state: { up: '●', stale: '◐', down: '○', never: '·' },
  check: { pass: '✓', warn: '!', fail: '✗' },
  ellipsis: '…',
  arrow: '→',
  separator: ' · ',
  celsius: '°C',
  unknown: '–',
  dash: '–',
};

/** 7-bit ASCII only. */
export const ASCII_GLYPHS: Glyphs = {
  ascii: true,
  cursor: '> ',
  state: { up: '+', stale: '~', down: 'x', never: '-' },
  check: { pass: '+', warn: '!', fail: 'x' },
  ellipsis: '~',
  arrow: '->',
  separator: ' | ',
  celsius: ' C',
  unknown: '-',
  dash: '-',
};

/** The set for a mode. */
export function glyphsFor(ascii: boolean): Glyphs {
  return ascii ? ASCII_GLYPHS : UNICODE_GLYPHS;
}
