/**
 * The review step: every file apply will write, as a diff against what is on disk, then the
 * commands it runs. The plan comes from the wizard's services, made the way apply makes it. Key lines of files on disk
 * (an old wg-quick file may hold PrivateKey) are never drawn. Pure.
 */
import { isDeepStrictEqual } from 'node:util';
import { pathsFor } from '../../domain/plan/context.js';
import { checkSiteText } from '../../domain/site/validate.js';
import { splitLines, unifiedDiff } from '../../domain/text-diff.js';
import { siteFileFrom } from '../../domain/wizard/site-file.js';
import type { WizardState } from '../../domain/wizard/types.js';
import type { Line } from '../text.js';
import type { Body, WizardView } from './view.js';
import { hanging, plain } from './wrap.js';

/** The site file text the wizard writes. */
export function siteText(state: WizardState): string {
  return `${JSON.stringify(siteFileFrom(state), null, 2)}\n`;
}

/** Paths the review compares with: the site file and every file the plan may write. */
export function reviewPaths(state: WizardState): string[] {
  const p = pathsFor(state.fields.interface.trim());
  return [p.site, p.wgQuick, p.nft, p.iptables, p.sysctl];
}

const SECRET_LINE = /^(\s*(?:PrivateKey|PresharedKey)\s*=).*$/i;

/** The text with key lines reduced to `PrivateKey = (hidden)`. */
export function redactKeys(text: string): string {
  return splitLines(text)
    .map((line) => line.replace(SECRET_LINE, '$1 (hidden)'))
    .join('\n');
}

/** True when two site-file texts check to the same site (only layout, key order or defaults differ). */
function sameSite(before: string, after: string): boolean {
  const a = checkSiteText(before).site;
  return a !== undefined && isDeepStrictEqual(a, checkSiteText(after).site);
}

function fileLines(view: WizardView, path: string, mode: number, content: string, site = false): Line[] {
  const before = view.onDisk?.[path];
  const status =
    before === undefined
      ? 'new'
      : before === content
        ? 'unchanged'
        : site && sameSite(before, content)
          ? 'same settings, new layout'
          : 'changed';
  const head = plain(`${path} (${status}, 0${mode.toString(8)})`, 'head');
  if (status !== 'changed' && status !== 'new') return [head];
  const diff = unifiedDiff(redactKeys(before ?? ''), redactKeys(content), 2);
  return [
    head,
    ...diff.map((l): Line => {
      const tone = l.startsWith('@@') ? 'dim' : l[0] === '+' ? 'good' : l[0] === '-' ? 'bad' : 'plain';
      return [{ text: ` ${l}`, tone }];
    }),
  ];
}

/** Step 8: the review body (scrolled by the frame). */
export function reviewBody(view: WizardView, trialSeconds: number): Body {
  const { state, width, glyphs: g } = view;
  const planned = view.planned;
  if (view.onDisk === undefined || planned === undefined)
    return {
      lines: [
        plain('Reading the files on disk…', 'dim'),
        ...hanging('Enter applies once their diff shows.', width, 'dim', ''),
      ],
      focusLine: undefined,
    };
  if ('problems' in planned) {
    return {
      lines: [
        plain('The site file cannot be planned yet:', 'bad'),
        ...planned.problems.flatMap((p) => hanging(p, width, 'bad', `${g.check.fail} `)),
      ],
      focusLine: undefined,
    };
  }
  const { plan } = planned;
  const iface = plan.site.interface;
  const lines: Line[] = [
    ...hanging(
      `Enter applies as a ${trialSeconds} s trial: keep it with a key press once the tunnel state shows, or everything reverts by itself (also when this SSH session drops).`,
      width,
      'warn',
      '',
    ),
    ...fileLines(view, pathsFor(iface).site, 0o600, siteText(state), true),
    ...plan.files.flatMap((f) => fileLines(view, f.path, f.mode, f.content)),
    plain(`${pathsFor(iface).privateKey} (0600, never shown)`, 'head'),
  ];
  const psk = state.choices.presharedKey ? siteFileFrom(state).peers[0]?.presharedKeyFile : undefined;
  if (psk) lines.push(plain(`${psk} (0600, never shown)`, 'head'));
  lines.push(plain('Commands:', 'head'));
  for (const c of plan.commands) lines.push(...hanging(c, width, 'plain', '  $ '));
  for (const w of plan.warnings) lines.push(...hanging(w, width, 'warn', `${g.check.warn} `));
  return { lines, focusLine: undefined };
}
