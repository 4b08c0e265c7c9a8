/**
 * The panel's own state (which peer is selected, where the peer window starts, which sections
 * are open) and how navigation keys change it. Pure: the app keeps it in React state.
 */
import type { PanelCommand } from './keymap.js';

/** View state that is not part of the model. */
export interface UiState {
  /** Index of the selected peer in the model's (sorted) list. */
  readonly selected: number;
  /** Index of the first peer in the visible window. */
  readonly top: number;
  /** Checks: every check with its fix (true), or only the problems (false). */
  readonly checksOpen: boolean;
  /** Event log: long (true) or short (false). */
  readonly eventsOpen: boolean;
  readonly helpOpen: boolean;
}

/** The state a panel starts with. */
export const INITIAL_UI: UiState = {
  selected: 0,
  top: 0,
  checksOpen: false,
  eventsOpen: false,
  helpOpen: false,
};

/** The visible window for a selection: keeps `top` where it is unless the selection left it. */
export function peerWindow(
  selected: number,
  top: number,
  total: number,
  rows: number,
): { selected: number; top: number } {
  if (total <= 0) return { selected: 0, top: 0 };
  const sel = Math.min(Math.max(0, selected), total - 1);
  const n = Math.max(1, rows);
  let t = Math.min(Math.max(0, top), Math.max(0, total - n));
  if (sel < t) t = sel;
  if (sel >= t + n) t = sel - n + 1;
  return { selected: sel, top: t };
}

/** Apply a navigation or toggle command. Actions and quit leave the state as it is. */
export function applyCommand(
  state: UiState,
  command: PanelCommand,
  view: { readonly peers: number; readonly rows: number },
): UiState {
  const move = (delta: number): UiState => ({
    ...state,
    ...peerWindow(state.selected + delta, state.top, view.peers, view.rows),
  });
  switch (command) {
    case 'up':
      return move(-1);
    case 'down':
      return move(1);
    case 'pageUp':
      return move(-Math.max(1, view.rows));
    case 'pageDown':
      return move(Math.max(1, view.rows));
    case 'toggleChecks':
      return { ...state, checksOpen: !state.checksOpen };
    case 'toggleEvents':
      return { ...state, eventsOpen: !state.eventsOpen };
    case 'toggleHelp':
      return { ...state, helpOpen: !state.helpOpen };
    case 'closeHelp':
      return state.helpOpen ? { ...state, helpOpen: false } : state;
    default:
      return state;
  }
}
