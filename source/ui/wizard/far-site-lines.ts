/**
 * Step 4, the far site: this gateway's own public key and pairing code on top (so the far admin can
 * be given them without going back), then the paste field and the far site's fields; and the
 * sub-view with the whole code, wrapped, and its QR code. Pure.
 */
import { ownPublicKey } from '../../domain/wizard/fields.js';
import { pairingCodeFrom } from '../../domain/wizard/handoff.js';
import { fit, textWidth, type Line, type Segment } from '../text.js';
import { codeLines, presharedKeyNote, qrLines } from './finish-lines.js';
import { form, withHeader } from './form-lines.js';
import type { Body, WizardView } from './view.js';
import { hanging, plain, wrapped } from './wrap.js';

const LABEL = 17;
/** Below this many columns for the value, the code line leaves the ^P hint to the footer. */
const HINT_ROOM = 40;
const HINT = ' ^P: whole + QR';

/** This gateway's pairing code, or why there is none yet. */
export function ownCodeOf(view: WizardView): { code: string } | { problem: string } {
  try {
    return { code: pairingCodeFrom(view.state) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** One line "  LABEL value" aligned with the form's fields. */
function infoLine(view: WizardView, label: string, value: Segment[]): Line {
  const indent = ' '.repeat(textWidth(view.glyphs.cursor));
  return [
    { text: `${indent}${fit(label, LABEL, view.glyphs.ellipsis).padEnd(LABEL)} `, tone: 'dim' },
    ...value,
  ];
}

/** This gateway's public key and its code, shortened to one line each. */
function ownLines(view: WizardView): Line[] {
  const { glyphs: g, width } = view;
  const room = Math.max(4, width - textWidth(g.cursor) - LABEL - 1);
  const key = ownPublicKey(view.state);
  const own = ownCodeOf(view);
  const codeValue: Segment[] =
    'code' in own
      ? room >= HINT_ROOM
        ? [
            { text: fit(own.code, room - HINT.length, g.ellipsis), tone: 'accent' },
            { text: HINT, tone: 'dim' },
          ]
        : [{ text: fit(own.code, room, g.ellipsis), tone: 'accent' }]
      : [{ text: fit(`none yet: ${own.problem}`, room, g.ellipsis), tone: 'bad' }];
  return [
    infoLine(view, 'This public key', [{ text: fit(key ?? 'none yet', room, g.ellipsis), tone: 'good' }]),
    infoLine(view, 'This pairing code', codeValue),
  ];
}

/** Step 4: the far site. */
export function farSiteBody(view: WizardView): Body {
  if (view.ownCode) return ownCodeBody(view);
  const indent = ' '.repeat(textWidth(view.glyphs.cursor));
  const body = form(view, (control) =>
    control.kind === 'pairing' ? [plain(`${indent}or enter the far site by hand:`, 'dim')] : [],
  );
  const head = withHeader(
    view,
    "Paste the code the far gateway's wizard shows on its step 4 or at its end and press Enter, or fill in the fields. The far gateway needs this one's:",
    { lines: ownLines(view), focusLine: undefined },
  );
  return {
    lines: [...head.lines, ...body.lines],
    focusLine: body.focusLine === undefined ? undefined : body.focusLine + head.lines.length,
  };
}

/** The sub-view: the whole code (wrapped; the lines joined are the code), the key and the QR code. */
export function ownCodeBody(view: WizardView): Body {
  const { width } = view;
  const own = ownCodeOf(view);
  const lines: Line[] = [
    ...wrapped("This gateway's pairing code, for the far gateway's step 4:", width, 'head'),
  ];
  if ('code' in own) lines.push(...codeLines(own.code, width));
  else lines.push(...hanging(`None yet: ${own.problem}`, width, 'bad', '  '));
  lines.push(plain('Public key:', 'head'));
  lines.push(...wrapped(ownPublicKey(view.state) ?? 'none yet', width, 'plain', '  '));
  lines.push(
    ...wrapped(
      'It holds the site name, public key, endpoint, tunnel addresses and LAN subnets; no secret.',
      width,
      'dim',
    ),
  );
  lines.push(...presharedKeyNote(view));
  if ('code' in own) lines.push(...qrLines(view, own.code));
  return { lines, focusLine: undefined };
}
