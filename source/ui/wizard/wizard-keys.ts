/**
 * The wizard's keys: ONE table that both handles key presses ({@link findWizardBinding}) and
 * writes the footer ({@link wizardFooter}), as the panel's keymap does. A binding applies in some
 * contexts only: while a text field has the focus, letters are typed into it, so the commands are
 * on Enter, Esc, Tab, arrows, PgUp/PgDn and Ctrl chords.
 */
import type { Key } from 'ink';
import type { Glyphs } from '../glyphs.js';
import { clipLine, textWidth, type Line, type Segment } from '../text.js';

/** Where the focus is, which decides what a key does. */
export type WizardContext =
  | 'field' // a text field of a form step
  | 'far-field' // a text field of the far-site step (which also offers this gateway's own code)
  | 'own-code' // the far-site step's view of this gateway's whole pairing code and its QR code
  | 'choice' // a choice (←/→ or Space change it)
  | 'review' // the scrollable review
  | 'busy' // an effect runs (key generation, apply)
  | 'failed' // apply failed: retry or go back
  | 'trial' // the trial countdown (before the prompt is armed)
  | 'armed' // the trial prompt is shown and armed
  | 'handoff' // the scrollable hand-off
  | 'ask-quit'; // "abandon the wizard?"

/** What a key does. */
export type WizardCommand =
  | 'next'
  | 'back'
  | 'nextControl'
  | 'prevControl'
  | 'choosePrev'
  | 'chooseNext'
  | 'scrollUp'
  | 'scrollDown'
  | 'pageUp'
  | 'pageDown'
  | 'clearField'
  | 'showOwnCode'
  | 'hideOwnCode'
  | 'keep'
  | 'revert'
  | 'quit'
  | 'abandon'
  | 'stay';

/** Special keys by their flag on Ink's Key. */
type Special =
  | 'return'
  | 'escape'
  | 'tab'
  | 'shiftTab'
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown';

/** One row of the table. */
export interface WizardBinding {
  readonly command: WizardCommand;
  readonly contexts: readonly WizardContext[];
  /** Typed characters (never used in the field context). */
  readonly inputs?: readonly string[];
  /** Ctrl chords, by letter. */
  readonly ctrl?: readonly string[];
  readonly specials?: readonly Special[];
  /** Footer label and word; absent = not in the footer. */
  readonly label?: string;
  readonly asciiLabel?: string;
  readonly hint?: string;
}

const TEXT: WizardContext[] = ['field', 'far-field'];
const FORM: WizardContext[] = [...TEXT, 'choice'];
const SCROLLING: WizardContext[] = ['review', 'handoff', 'own-code'];

/** True in the contexts where typed characters go into a text field. */
export function isTextContext(context: WizardContext): boolean {
  return TEXT.includes(context);
}

/** The table, in footer order. */
export const WIZARD_KEYS: readonly WizardBinding[] = [
  { command: 'next', contexts: [...FORM, 'review'], specials: ['return'], label: 'Enter', hint: 'next' },
  { command: 'next', contexts: ['failed'], specials: ['return'], label: 'Enter', hint: 'retry' },
  { command: 'next', contexts: ['handoff'], specials: ['return'], label: 'Enter', hint: 'finish' },
  { command: 'showOwnCode', contexts: ['far-field'], ctrl: ['p'], label: '^P', hint: 'own code' },
  { command: 'keep', contexts: ['armed'], inputs: ['y'], label: 'y', hint: 'keep it' },
  { command: 'revert', contexts: ['trial', 'armed'], inputs: ['n'], label: 'n', hint: 'revert now' },
  {
    command: 'nextControl',
    contexts: FORM,
    specials: ['tab', 'downArrow'],
    label: 'Tab/↓',
    asciiLabel: 'Tab',
    hint: 'field',
  },
  { command: 'prevControl', contexts: FORM, specials: ['shiftTab', 'upArrow'] },
  {
    command: 'hideOwnCode',
    contexts: ['own-code'],
    specials: ['escape', 'return'],
    ctrl: ['p'],
    label: 'Esc',
    hint: 'back',
  },
  {
    command: 'chooseNext',
    contexts: ['choice'],
    specials: ['rightArrow'],
    inputs: [' '],
    label: '←/→',
    asciiLabel: '</>',
    hint: 'choose',
  },
  { command: 'choosePrev', contexts: ['choice'], specials: ['leftArrow'] },
  { command: 'clearField', contexts: TEXT, ctrl: ['u'], label: '^U', hint: 'clear' },
  {
    command: 'scrollDown',
    contexts: SCROLLING,
    specials: ['downArrow'],
    label: '↑↓ PgUp/PgDn',
    asciiLabel: 'Up/Dn PgUp/PgDn',
    hint: 'scroll',
  },
  { command: 'scrollUp', contexts: SCROLLING, specials: ['upArrow'] },
  { command: 'pageDown', contexts: SCROLLING, specials: ['pageDown'] },
  { command: 'pageUp', contexts: SCROLLING, specials: ['pageUp'] },
  {
    command: 'back',
    contexts: [...FORM, 'review', 'failed'],
    specials: ['escape'],
    label: 'Esc',
    hint: 'back',
  },
  { command: 'abandon', contexts: ['ask-quit'], inputs: ['y'], label: 'y', hint: 'abandon' },
  {
    command: 'stay',
    contexts: ['ask-quit'],
    inputs: ['n'],
    specials: ['escape'],
    label: 'n/Esc',
    hint: 'stay',
  },
  {
    command: 'quit',
    contexts: [...FORM, 'review', 'busy', 'failed', 'trial', 'armed', 'handoff', 'own-code'],
    ctrl: ['c'],
    label: '^C',
    hint: 'quit',
  },
];

function specialPressed(special: Special, key: Partial<Key>): boolean {
  if (special === 'shiftTab') return key.tab === true && key.shift === true;
  if (special === 'tab') return key.tab === true && key.shift !== true;
  return key[special] === true;
}

/** The binding a key press triggers in CONTEXT, if any. */
export function findWizardBinding(
  input: string,
  key: Partial<Key>,
  context: WizardContext,
  table: readonly WizardBinding[] = WIZARD_KEYS,
): WizardBinding | undefined {
  for (const b of table) {
    if (!b.contexts.includes(context)) continue;
    if (b.specials?.some((s) => specialPressed(s, key))) return b;
    if (key.ctrl) {
      if (b.ctrl?.includes(input)) return b;
      continue;
    }
    if (key.meta && !key.escape) continue;
    if (!isTextContext(context) && input.length > 0 && b.inputs?.includes(input)) return b;
  }
  return undefined;
}

const GAP = 2;

/** The footer of CONTEXT: the table's hints, as many as fit, quit kept last. */
export function wizardFooter(
  context: WizardContext,
  width: number,
  glyphs: Glyphs,
  table: readonly WizardBinding[] = WIZARD_KEYS,
): Line {
  const hints = table
    .filter((b) => b.contexts.includes(context) && b.hint !== undefined)
    .map((b) => ({
      label: glyphs.ascii && b.asciiLabel !== undefined ? b.asciiLabel : b.label!,
      hint: b.hint!,
      quit: b.command === 'quit',
    }));
  const quit = hints.find((h) => h.quit);
  const rest = hints.filter((h) => !h.quit);
  const size = (h: { label: string; hint: string }) => textWidth(`${h.label} ${h.hint}`);
  const reserve = quit ? GAP + size(quit) : 0;
  const shown: typeof hints = [];
  let used = 0;
  for (const h of rest) {
    const w = (shown.length > 0 ? GAP : 0) + size(h);
    if (used + w + reserve > width) break;
    shown.push(h);
    used += w;
  }
  if (quit) shown.push(quit);
  const line: Segment[] = [];
  for (const h of shown) {
    if (line.length > 0) line.push({ text: ' '.repeat(GAP) });
    line.push({ text: h.label, tone: 'accent' }, { text: ` ${h.hint}`, tone: 'dim' });
  }
  return clipLine(line, width, glyphs.ellipsis);
}
