/**
 * The form steps as lines: each control on one line (cursor mark, label, value), its inline error
 * under it in the core's words, and the step's explanations. Pure.
 */
import type { FieldId, WizardChoices, WizardState } from '../../domain/wizard/types.js';
import { ownPublicKey } from '../../domain/wizard/fields.js';
import type { Line, Segment } from '../text.js';
import { fit, textWidth } from '../text.js';
import { controlsOf, type ChoiceId, type Control } from './controls.js';
import type { Body, WizardView } from './view.js';
import { hanging, plain, tailFit, wrapped } from './wrap.js';

const LABEL = 17;

/** Field labels, as the screens name them. */
export const FIELD_LABELS: Record<FieldId, string> = {
  interface: 'Interface',
  name: 'Site name',
  lanInterface: 'LAN interface',
  lanAddress: 'LAN address',
  lanSubnets: 'LAN subnet(s)',
  tunnelAddress: 'Tunnel address',
  listenPort: 'Listen port',
  ownEndpoint: 'Public endpoint',
  farName: 'Far site name',
  farPublicKey: 'Far public key',
  farEndpoint: 'Far endpoint',
  farTunnelAddress: 'Far tunnel IP',
  farSubnets: 'Far LAN subnets',
  keepalive: 'Keepalive (s)',
  allowedIps: 'AllowedIPs',
  tcpPorts: 'TCP ports',
  udpPorts: 'UDP ports',
  mtu: 'MTU',
};

const KEY_CHOICES: Record<WizardChoices['keys'], string> = {
  generate: 'generate a new key',
  keep: 'keep the existing key file',
  imported: "use the imported file's key",
};

/** Whether a field's error is shown: once it holds text, was touched, or `next` was refused. */
function showError(state: WizardState, field: FieldId): boolean {
  return state.fields[field].trim() !== '' || state.touched.includes(field) || state.blockers.length > 0;
}

function choiceText(view: WizardView, id: ChoiceId): string {
  const { state, report } = view;
  switch (id) {
    case 'import':
      return view.importChoice === 0 ? "don't import" : (report.configs[view.importChoice - 1] ?? '');
    case 'keys':
      return KEY_CHOICES[state.choices.keys];
    case 'psk':
      return state.choices.presharedKey ? 'yes (0600 file, same on both sides)' : 'no';
    case 'routing':
      return state.choices.routing ?? 'not chosen yet';
    case 'firewall':
      return state.choices.firewall === 'all' ? 'everything' : 'only the ports below';
  }
}

const CHOICE_LABELS: Record<ChoiceId, string> = {
  import: 'Import config',
  keys: 'Key',
  psk: 'Preshared key',
  routing: 'Routing',
  firewall: 'From far site',
};

function controlLine(view: WizardView, control: Control, focused: boolean): Line {
  const g = view.glyphs;
  const mark = focused ? g.cursor : ' '.repeat(textWidth(g.cursor));
  const room = Math.max(4, view.width - textWidth(mark) - LABEL - 1);
  const caret = focused ? (g.ascii ? '_' : '▏') : '';
  const head: Segment = {
    text: `${mark}${fit(labelOf(control), LABEL, g.ellipsis).padEnd(LABEL)} `,
    tone: focused ? 'selected' : 'plain',
  };
  if (control.kind === 'choice') {
    const left = g.ascii ? '< ' : '‹ ';
    const right = g.ascii ? ' >' : ' ›';
    const text = choiceText(view, control.choice);
    return [head, { text: focused ? `${left}${text}${right}` : text, tone: focused ? 'accent' : 'plain' }];
  }
  let value: string;
  if (control.kind === 'pairing') value = view.pairingText;
  else if (control.field === 'farPublicKey' && view.privateKeyPasted) value = '(hidden: a private key)';
  else value = view.state.fields[control.field];
  const shown = focused ? tailFit(value, room - 1, g.ellipsis) + caret : fit(value, room, g.ellipsis);
  return [
    head,
    {
      text: shown === '' ? (control.kind === 'pairing' ? '(paste here)' : '') : shown,
      tone: value === '' ? 'dim' : 'plain',
    },
  ];
}

function labelOf(control: Control): string {
  if (control.kind === 'field') return FIELD_LABELS[control.field];
  if (control.kind === 'pairing') return 'Pairing code';
  return CHOICE_LABELS[control.choice];
}

function errorOf(view: WizardView, control: Control): string | undefined {
  const { state } = view;
  if (control.kind === 'pairing') return state.errors.pairingCode;
  if (control.kind === 'choice') {
    if (control.choice === 'import') return state.errors.importConfig;
    if (control.choice === 'keys') return state.errors.keys;
    if (control.choice === 'routing') return state.errors.routing;
    return undefined;
  }
  if (control.field === 'farPublicKey' && view.privateKeyPasted) {
    return "This is this gateway's PRIVATE key: never share it. Paste the far gateway's PUBLIC key (wg pubkey on the far side).";
  }
  return showError(state, control.field) ? state.errors[control.field] : undefined;
}

/** The controls of the step with their errors; `extra` lines go right under a control. */
function form(view: WizardView, extra: (control: Control) => Line[] = () => []): Body {
  const controls = controlsOf(view.state, view.state.step, view.report.configs.length);
  const lines: Line[] = [];
  let focusLine: number | undefined;
  controls.forEach((control, i) => {
    if (i === view.focus) focusLine = lines.length;
    lines.push(controlLine(view, control, i === view.focus));
    const error = errorOf(view, control);
    if (error !== undefined) {
      const mark = `${' '.repeat(textWidth(view.glyphs.cursor))}${view.glyphs.check.fail} `;
      lines.push(...hanging(error, view.width, 'bad', mark));
    }
    lines.push(...extra(control));
  });
  return { lines, focusLine };
}

function withHeader(view: WizardView, intro: string, body: Body): Body {
  const head: Line[] = [...wrapped(intro, view.width, 'dim')];
  const notes = view.state.notices
    .slice(-2)
    .flatMap((n) => hanging(n, view.width, 'warn', `${view.glyphs.check.warn} `));
  const all = [...head, ...notes];
  return {
    lines: [...all, ...body.lines],
    focusLine: body.focusLine === undefined ? undefined : body.focusLine + all.length,
  };
}

/** Step 2: this site. */
export function siteBody(view: WizardView): Body {
  const connected = view.report.connected.map((c) => `${c.subnet} (${c.dev})`).join(', ');
  const editing = view.state.editing;
  const intro = editing
    ? `This gateway, as the site file has it. Editing the existing site file ${editing.path}.`
    : `This gateway. Proposed from the host${connected ? `; connected subnets: ${connected}` : ''}. The tunnel subnet is a free /31.`;
  return withHeader(view, intro, form(view));
}

/** Step 3: keys. */
export function keysBody(view: WizardView): Body {
  const { state, glyphs } = view;
  const key = ownPublicKey(state);
  const iface = state.fields.interface.trim();
  const body = form(view, (control) => {
    if (control.kind !== 'choice' || control.choice !== 'keys') return [];
    const shown = key ?? (state.pending === 'generate-key' ? 'generating…' : 'created when you press Enter');
    return [
      plain(`${' '.repeat(textWidth(glyphs.cursor))}Public key: ${shown}`, key ? 'good' : 'dim'),
      plain(
        `${' '.repeat(textWidth(glyphs.cursor))}Private key: /etc/wireguard/${iface}.key (0600, never shown)`,
        'dim',
      ),
    ];
  });
  return withHeader(
    view,
    "This gateway's key pair. The far side gets the public key, or the pairing code the next step shows.",
    body,
  );
}

/** Step 5: AllowedIPs. */
export function allowedBody(view: WizardView): Body {
  return withHeader(
    view,
    "What the far peer may send from, and what this gateway routes into the tunnel: the far gateway's tunnel address and its LAN subnets. Never 0.0.0.0/0.",
    form(view),
  );
}

/** Step 7: firewall and MTU. */
export function firewallBody(view: WizardView, mtuReason: string): Body {
  const body = form(view, (control) =>
    control.kind === 'field' && control.field === 'mtu'
      ? wrapped(
          `Proposed because ${mtuReason}.`,
          view.width,
          'dim',
          ' '.repeat(textWidth(view.glyphs.cursor)),
        )
      : [],
  );
  return withHeader(
    view,
    'Connections the far site may start toward this LAN (replies always pass), and the tunnel MTU.',
    body,
  );
}

export { form, withHeader };
