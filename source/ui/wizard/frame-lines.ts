/**
 * One wizard frame as lines: title, the step's body in a window that keeps the focus (or the
 * scroll position) in view, a message line and the key footer. Always at most height − 1 lines,
 * every line at most `width` columns; below the minimum size it only says so. Pure.
 */
import { mtuChoiceOf, routingChoices } from '../../domain/wizard/index.js';
import { STEPS, type StepId } from '../../domain/wizard/types.js';
import { clipLine, type Line, type Tone } from '../text.js';
import { detectBody, routingBody } from './info-lines.js';
import { farSiteBody } from './far-site-lines.js';
import { allowedBody, firewallBody, keysBody, siteBody } from './form-lines.js';
import { applyBody, handoffBody } from './finish-lines.js';
import { reviewBody } from './review-lines.js';
import type { Body, WizardView } from './view.js';
import { wizardFooter, type WizardContext } from './wizard-keys.js';
import { plain, wrapText } from './wrap.js';

/** Below this size the wizard only asks for a bigger terminal. */
export const MIN_WIDTH = 30;
export const MIN_HEIGHT = 8;

/** Step titles. */
export const STEP_TITLES: Record<StepId, string> = {
  detect: 'Host',
  site: 'This site',
  keys: 'Keys',
  'far-site': 'Far site',
  'allowed-ips': 'AllowedIPs',
  routing: 'Routing',
  firewall: 'Firewall & MTU',
  review: 'Review',
  apply: 'Apply (trial)',
  handoff: 'Hand-off',
};

/** The body of the current step. */
export function stepBody(view: WizardView, trialSeconds: number): Body {
  switch (view.state.step) {
    case 'detect':
      return detectBody(view);
    case 'site':
      return siteBody(view);
    case 'keys':
      return keysBody(view);
    case 'far-site':
      return farSiteBody(view);
    case 'allowed-ips':
      return allowedBody(view);
    case 'routing':
      return routingBody(view, routingChoices(view.state));
    case 'firewall':
      return firewallBody(view, mtuChoiceOf(view.state).reason);
    case 'review':
      return reviewBody(view, trialSeconds);
    case 'apply':
      return applyBody(view);
    case 'handoff':
      return handoffBody(view);
  }
}

/** The part of BODY that fits ROWS lines, from the scroll offset or around the focus. */
export function windowOf(
  body: Body,
  rows: number,
  scroll: number,
  ellipsis: string,
): { lines: Line[]; top: number } {
  const all = body.lines;
  if (all.length <= rows) return { lines: [...all], top: 0 };
  const maxTop = all.length - rows;
  const wanted = body.focusLine === undefined ? scroll : body.focusLine - Math.floor(rows / 3);
  const top = Math.max(0, Math.min(maxTop, wanted));
  const lines = all.slice(top, top + rows);
  if (rows >= 3) {
    if (top > 0) lines[0] = plain(`${ellipsis} ${top} more above`, 'dim');
    const below = all.length - top - rows;
    if (below > 0) lines[rows - 1] = plain(`${ellipsis} ${below} more below`, 'dim');
  }
  return { lines, top };
}

/** A one-line message under the body. */
export interface WizardMessage {
  readonly text: string;
  readonly tone: Tone;
}

/** The message line: the UI's message, else why `next` was refused. */
function messageLine(view: WizardView, message: WizardMessage | undefined): Line {
  if (message) return plain(message.text, message.tone);
  const b = view.state.blockers;
  if (b.length > 0)
    return plain(`Cannot continue: ${b[0]}${b.length > 1 ? ` (+${b.length - 1} more)` : ''}`, 'bad');
  return [];
}

/** Inputs of {@link frameLines}. */
export interface FrameInput {
  readonly view: WizardView;
  readonly height: number;
  readonly scroll: number;
  readonly context: WizardContext;
  readonly message: WizardMessage | undefined;
  readonly trialSeconds: number;
}

/** The whole frame. */
export function frameLines(input: FrameInput): Line[] {
  const { view, height } = input;
  const { width, glyphs: g } = view;
  if (width < MIN_WIDTH || height < MIN_HEIGHT) {
    const text = `Terminal too small for the setup wizard: ${width}x${height}, needs ${MIN_WIDTH}x${MIN_HEIGHT}. Enlarge it; nothing is lost.`;
    return wrapText(text, Math.max(1, width))
      .slice(0, Math.max(1, height - 1))
      .map((t) => plain(t, 'warn'));
  }
  const step = view.state.step;
  const n = STEPS.indexOf(step) + 1;
  const title: Line = [
    { text: `wg-site setup ${view.state.fields.interface.trim() || 'wg0'}`, tone: 'head' },
    { text: `${g.separator}${n}/${STEPS.length} ${STEP_TITLES[step]}`, tone: 'accent' },
  ];
  const rows = height - 1 - 3;
  const { lines } = windowOf(stepBody(view, input.trialSeconds), rows, input.scroll, g.ellipsis);
  while (lines.length < rows) lines.push([]);
  const all = [title, ...lines, messageLine(view, input.message), wizardFooter(input.context, width, g)];
  return all.map((l) => clipLine(l, width, g.ellipsis));
}
