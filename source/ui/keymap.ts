/**
 * The panel's keys: ONE table that both handles key presses ({@link findBinding}) and writes the
 * footer hints and the help screen ({@link hintFor}). Adding a key means adding a row here.
 */
import type { Key } from 'ink';
import type { PeerView } from '../domain/status/panel-model.js';
import type { Glyphs } from './glyphs.js';

/** Tool actions on the selected peer or the tunnel; carried out by an injected {@link PanelActions}. */
export type ActionId = 'ping' | 'mtuProbe' | 'reResolve' | 'iperf3' | 'restart' | 'confirm' | 'wizard';

/** What a key does. */
export type PanelCommand =
  | 'quit'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'toggleChecks'
  | 'toggleEvents'
  | 'toggleHelp'
  | 'closeHelp'
  | ActionId;

/** A special key, by its flag on Ink's {@link Key}. */
export type SpecialKey = 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'escape';

/** How a binding appears in the footer. */
export interface FooterHint {
  /** Footer word(s), short. */
  readonly hint: string;
  /** Key name in the footer when it differs from the binding's label (e.g. one hint for ↑ and ↓). */
  readonly label?: string;
  readonly asciiLabel?: string;
}

/** One row of the key table. */
export interface KeyBinding {
  readonly command: PanelCommand;
  /** Typed characters that trigger it (case-sensitive: `R` is shift+r). */
  readonly inputs: readonly string[];
  /** Special keys that trigger it. */
  readonly specials: readonly SpecialKey[];
  /** The key's name on the help screen (and in the footer unless the hint names its own). */
  readonly label: string;
  /** The same in ASCII mode, when `label` is not ASCII. */
  readonly asciiLabel?: string;
  /** One line for the help screen. */
  readonly help: string;
  /** Present when the footer shows this binding. */
  readonly footer?: FooterHint;
  /** For actions: whether it works on the selected peer. */
  readonly needsPeer?: boolean;
  /** For actions: the name used in status messages. */
  readonly title?: string;
  /** For actions: a y/n question asked in the status line first; only `y` then runs it. */
  readonly ask?: string;
}

/** The table, in footer order (most used first). */
export const KEYMAP: readonly KeyBinding[] = [
  {
    command: 'quit',
    inputs: ['q'],
    specials: [],
    label: 'q',
    help: 'leave the panel',
    footer: { hint: 'quit' },
  },
  {
    command: 'up',
    inputs: ['k'],
    specials: ['upArrow'],
    label: '↑ k',
    asciiLabel: 'k',
    help: 'select the previous peer (the list scrolls with it)',
    footer: { hint: 'peers', label: '↑↓/jk', asciiLabel: 'j/k' },
  },
  {
    command: 'down',
    inputs: ['j'],
    specials: ['downArrow'],
    label: '↓ j',
    asciiLabel: 'j',
    help: 'select the next peer',
  },
  { command: 'pageUp', inputs: [], specials: ['pageUp'], label: 'PgUp', help: 'one page of peers up' },
  { command: 'pageDown', inputs: [], specials: ['pageDown'], label: 'PgDn', help: 'one page of peers down' },
  {
    command: 'toggleChecks',
    inputs: ['c'],
    specials: [],
    label: 'c',
    help: 'checks: all of them with their fixes, or only the problems',
    footer: { hint: 'checks' },
  },
  {
    command: 'toggleEvents',
    inputs: ['e'],
    specials: [],
    label: 'e',
    help: 'event log: longer or shorter',
    footer: { hint: 'events' },
  },
  {
    command: 'ping',
    inputs: ['p'],
    specials: [],
    label: 'p',
    help: "ping the selected peer's tunnel address",
    footer: { hint: 'ping' },
    needsPeer: true,
    title: 'Ping',
  },
  {
    command: 'mtuProbe',
    inputs: ['m'],
    specials: [],
    label: 'm',
    help: 'probe the path MTU to the selected peer',
    footer: { hint: 'MTU' },
    needsPeer: true,
    title: 'MTU probe',
  },
  {
    command: 'reResolve',
    inputs: ['r'],
    specials: [],
    label: 'r',
    help: "re-resolve the selected peer's endpoint name (DDNS)",
    footer: { hint: 'resolve' },
    needsPeer: true,
    title: 'Re-resolve',
  },
  {
    command: 'iperf3',
    inputs: ['i'],
    specials: [],
    label: 'i',
    help: 'measure throughput to the selected peer with iperf3',
    footer: { hint: 'iperf3' },
    needsPeer: true,
    title: 'iperf3',
  },
  {
    command: 'restart',
    inputs: ['R'],
    specials: [],
    label: 'R',
    help: 'restart the tunnel (wg-quick down, then up) as a trial that reverts unless kept with C',
    footer: { hint: 'restart' },
    title: 'Restart',
    ask: 'take the tunnel down and up again as a trial that reverts unless you press C? (y/n)',
  },
  {
    command: 'confirm',
    inputs: ['C'],
    specials: [],
    label: 'C',
    help: 'keep the trial a restart started (stop its automatic revert)',
    title: 'Confirm',
  },
  {
    command: 'wizard',
    inputs: ['w'],
    specials: [],
    label: 'w',
    help: 'open the setup wizard',
    footer: { hint: 'wizard' },
    title: 'Wizard',
  },
  {
    command: 'toggleHelp',
    inputs: ['?', 'h'],
    specials: [],
    label: '? h',
    help: 'show or hide this list of keys',
    footer: { hint: 'help', label: '?' },
  },
  { command: 'closeHelp', inputs: [], specials: ['escape'], label: 'Esc', help: 'close this list' },
];

/**
 * The binding a key press triggers, if any. Ctrl and Meta chords are never bindings (Ink reports
 * Esc itself with `meta` set, so Esc is let through).
 */
export function findBinding(
  input: string,
  key: Partial<Key>,
  table: readonly KeyBinding[] = KEYMAP,
): KeyBinding | undefined {
  if (key.ctrl || (key.meta && !key.escape)) return undefined;
  for (const binding of table) {
    if (binding.specials.some((s) => key[s] === true)) return binding;
    if (input.length > 0 && binding.inputs.includes(input)) return binding;
  }
  return undefined;
}

/** The key's name on the help screen. */
export function keyLabel(binding: KeyBinding, glyphs: Glyphs): string {
  return glyphs.ascii && binding.asciiLabel !== undefined ? binding.asciiLabel : binding.label;
}

/** The key's name in the footer. */
export function footerLabel(binding: KeyBinding, glyphs: Glyphs): string {
  const f = binding.footer;
  if (glyphs.ascii && f?.asciiLabel !== undefined) return f.asciiLabel;
  return f?.label ?? keyLabel(binding, glyphs);
}

/** The footer hint, "label hint" (e.g. `q quit`); empty for bindings not in the footer. */
export function hintFor(binding: KeyBinding, glyphs: Glyphs): string {
  return binding.footer === undefined ? '' : `${footerLabel(binding, glyphs)} ${binding.footer.hint}`;
}

/** The actions the panel can start; each resolves to a one-line result for the status line. */
export type PanelActions = Partial<Record<ActionId, (peer: PeerView | undefined) => Promise<string>>>;

/** Whether a command is a tool action (as opposed to navigation). */
export function isAction(command: PanelCommand): command is ActionId {
  return (
    command === 'ping' ||
    command === 'mtuProbe' ||
    command === 'reResolve' ||
    command === 'iperf3' ||
    command === 'restart' ||
    command === 'confirm' ||
    command === 'wizard'
  );
}
