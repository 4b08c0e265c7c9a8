/** The apply step (progress, trial countdown, tunnel state, keep prompt) and the hand-off. Pure. */
import { judgeFarSide, type FarAnswer, type ProbeTally } from '../../domain/apply/far-answer.js';
import { renderQrMatrix } from '../../domain/pairing/qr.js';
import { farSiteHandoff, pairingCodeFrom } from '../../domain/wizard/handoff.js';
import { textWidth, type Line } from '../text.js';
import type { TunnelView } from '../../domain/wizard/services.js';
import type { Body, WizardView } from './view.js';
import { hanging, plain, wrapText } from './wrap.js';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function tunnelLines(view: WizardView, tunnel: TunnelView): Line[] {
  const { state, width, glyphs: g, now } = view;
  const iface = state.fields.interface.trim();
  if (!tunnel.up) return [plain(`${g.state.down} ${iface} is not up`, 'bad')];
  const lines: Line[] = [
    plain(`${g.state.up} ${iface} up, listening on UDP ${tunnel.listenPort ?? '?'}`, 'good'),
  ];
  if (tunnel.peers.length === 0) lines.push(plain('  no peer configured', 'bad'));
  for (const p of tunnel.peers) {
    const name =
      p.publicKey === state.fields.farPublicKey.trim()
        ? state.fields.farName.trim()
        : p.publicKey.slice(0, 8);
    const age = p.latestHandshake === 0 ? undefined : Math.max(0, Math.round(now / 1000 - p.latestHandshake));
    const hs = age === undefined ? 'no handshake yet' : `handshake ${age} s ago`;
    lines.push(
      ...hanging(
        `${name}${g.separator}${p.endpoint ?? 'no endpoint yet'}${g.separator}${hs}${g.separator}rx ${bytes(p.rxBytes)} tx ${bytes(p.txBytes)}`,
        width,
        age === undefined ? 'warn' : 'good',
        `  ${age === undefined ? g.state.never : g.state.up} `,
      ),
    );
  }
  return lines;
}

const VERDICT_TONE = { answered: 'good', 'handshake-only': 'warn', waking: 'dim', silent: 'bad' } as const;

/** Whether the far side answered the trial's pings (see domain/apply/far-answer.ts). */
function farAnswerOf(view: WizardView, probe: ProbeTally, tunnel: TunnelView | undefined): FarAnswer {
  const { state } = view;
  const farKey = state.fields.farPublicKey.trim();
  const handshake = (tunnel?.peers ?? []).some((p) => p.publicKey === farKey && p.latestHandshake > 0);
  let pairing: string;
  try {
    pairing = `paste this gateway's pairing code into its wizard (step 4): ${pairingCodeFrom(state)}`;
  } catch {
    pairing = "run wg-site pair here and paste its code into the far gateway's wizard (step 4).";
  }
  return judgeFarSide(state.fields.farTunnelAddress.trim(), probe, handshake, { pairing });
}

/** Step 9: apply. The focus line is the last one, so the newest progress and the prompt stay visible. */
export function applyBody(view: WizardView): Body {
  const { state, width, glyphs: g, apply } = view;
  const lines: Line[] = [];
  const end = (): Body => ({ lines, focusLine: Math.max(0, lines.length - 1) });
  if (apply.kind === 'applying' || (apply.kind === 'idle' && state.pending === 'apply')) {
    lines.push(plain('Applying as a trial…', 'head'));
    if (apply.kind === 'applying') for (const l of apply.log) lines.push(...hanging(l, width, 'dim', '  '));
    return end();
  }
  if (apply.kind === 'trial') {
    const left = Math.max(0, Math.ceil((apply.trial.deadline - view.now) / 1000));
    lines.push(
      plain(
        left > 0
          ? `Trial: reverts in ${left} s unless you keep it (${apply.trial.watchdog})`
          : 'Time is up: reverting…',
        left > 10 ? 'warn' : 'bad',
      ),
    );
    const bar = Math.max(0, width - 2);
    const filled = Math.round((bar * left) / Math.max(1, apply.trial.timeoutSeconds));
    lines.push(
      plain(`[${(g.ascii ? '#' : '█').repeat(filled)}${(g.ascii ? '.' : '░').repeat(bar - filled)}]`, 'dim'),
    );
    if (apply.tunnel === undefined) lines.push(plain('Reading the tunnel state…', 'dim'));
    else lines.push(...tunnelLines(view, apply.tunnel));
    const far = farAnswerOf(view, apply.probe, apply.tunnel);
    const mark =
      far.verdict === 'answered' ? g.check.pass : far.verdict === 'silent' ? g.check.fail : g.check.warn;
    lines.push(...hanging(far.text, width, VERDICT_TONE[far.verdict], `${mark} `));
    if (apply.tunnel !== undefined) {
      const answered = far.verdict === 'answered';
      const prompt = answered
        ? 'The far side answered. Keep this configuration? y keeps it, n reverts now.'
        : 'The far side has not answered. Keep this configuration? y keeps it anyway, n reverts now.';
      lines.push(
        ...(apply.armed
          ? hanging(prompt, width, 'head', '')
          : [plain('Check the state above; the keep prompt arms in a moment…', 'dim')]),
      );
    }
    return end();
  }
  if (apply.kind === 'confirming') return (lines.push(plain('Keeping the configuration…', 'head')), end());
  if (apply.kind === 'reverting') return (lines.push(plain('Reverting…', 'head')), end());
  if (state.errors.apply !== undefined) {
    lines.push(plain('The apply did not finish:', 'bad'));
    for (const l of state.errors.apply.split('\n'))
      lines.push(...hanging(l, width, 'bad', `${g.check.fail} `));
    lines.push(plain('Enter tries again; Esc goes back to the review.', 'dim'));
  }
  return end();
}

/** A pairing code wrapped onto lines indented by two spaces (joined back, it is the code). */
export function codeLines(code: string, width: number): Line[] {
  return wrapText(code, Math.max(10, width - 2)).map((t) => [{ text: `  ${t}`, tone: 'accent' as const }]);
}

/** The QR code of CODE, or a line saying why it is not drawn. */
export function qrLines(view: WizardView, code: string): Line[] {
  const matrix = view.qrMatrix(code);
  if (matrix === undefined) return [plain('(no QR encoder available)', 'dim')];
  const qr = renderQrMatrix(matrix, { ascii: view.glyphs.ascii, invert: true });
  const width = textWidth(qr[0] ?? '');
  if (width > view.width)
    return [plain(`(QR code needs ${width} columns; widen the terminal to see it)`, 'dim')];
  return qr.map((t) => plain(t));
}

/** The warning that a preshared key is not in a pairing code, when this gateway uses one. */
export function presharedKeyNote(view: WizardView): Line[] {
  if (!view.state.choices.presharedKey) return [];
  return hanging(
    'The preshared key is not in the code: copy its 0600 file to the far gateway over SSH (or use wg-site pair --include-psk).',
    view.width,
    'warn',
    `${view.glyphs.check.warn} `,
  );
}

/** Step 10: the pairing code, its QR code and the far gateway's site file. */
export function handoffBody(view: WizardView): Body {
  const { state, width, glyphs: g } = view;
  const lines: Line[] = [
    plain(`${g.check.pass} ${state.fields.interface.trim()} is applied and kept.`, 'good'),
  ];
  let code: string | undefined;
  try {
    code = pairingCodeFrom(state);
  } catch (error) {
    lines.push(...hanging(`No pairing code: ${(error as Error).message}`, width, 'bad', ''));
  }
  if (code !== undefined) {
    lines.push(plain("Pairing code for the far gateway's wizard (paste it on its step 4):", 'head'));
    lines.push(...codeLines(code, width), ...qrLines(view, code));
  }
  lines.push(...presharedKeyNote(view));
  try {
    const far = farSiteHandoff(state);
    if (far.kind === 'file') {
      lines.push(
        plain(
          `Or the far gateway's site file (/etc/wg-site/${far.file.interface ?? 'wg0'}.json there):`,
          'head',
        ),
      );
      for (const l of JSON.stringify(far.file, null, 2).split('\n')) lines.push(plain(`  ${l}`));
    }
    lines.push(...hanging(far.note, width, 'dim', ''));
  } catch (error) {
    lines.push(...hanging(`No far site file: ${(error as Error).message}`, width, 'bad', ''));
  }
  return { lines, focusLine: undefined };
}
