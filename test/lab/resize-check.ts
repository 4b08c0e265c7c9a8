// Whether a full-screen view (the panel, the wizard) survives window resizes in a real terminal:
// after each resize the WHOLE screen must be one clean frame — the one a fresh pane of that size
// shows, live numbers aside — with exactly one title line and no stale copy of an older frame.
import assert from 'node:assert/strict';
import { labWaitFor } from './lab.js';
import type { ScreenCondition, TmuxPane, TmuxServer } from './terminal.js';

/** A window size in cells. */
export interface PaneSize {
  readonly width: number;
  readonly height: number;
}

/** The sizes the check goes through: shrink from 100×30 to 80×24, then grow back. */
export const RESIZES: readonly PaneSize[] = [
  { width: 80, height: 24 },
  { width: 100, height: 30 },
];

/**
 * SCREEN without what changes by itself between two captures: digits, and sparklines (their blocks
 * and their length, which grows with the samples a view has gathered).
 */
export function steadyPart(screen: string): string {
  return screen
    .replace(/\d+/g, '0')
    .replace(/ *[▁▂▃▄▅▆▇█]+/gu, ' ▁')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
}

/** Options of {@link checkResizes}. */
export interface ResizeCheck {
  readonly server: TmuxServer;
  /** Prefix of the session names (unique per run). */
  readonly name: string;
  /** The command each pane runs, and its environment. */
  readonly argv: readonly string[];
  readonly env: Record<string, string>;
  /** The view's title line; the screen must hold exactly one, on its first row. */
  readonly title: RegExp;
  /** The view is drawn (and done with its first, slow steps). */
  readonly ready: ScreenCondition;
}

async function openReady(o: ResizeCheck, suffix: string, size: PaneSize): Promise<TmuxPane> {
  const pane = await o.server.open(`${o.name}-${suffix}`, o.argv, { ...size, env: o.env });
  // Generous: from source through tsx (and over SSH) on a loaded machine.
  await pane.waitFor(o.ready, `${o.name}-${suffix} to draw`, 120_000);
  return pane;
}

/**
 * Opens the view at 100×30, shrinks the window to 80×24 and grows it back; after each step the
 * whole screen must equal (steady parts) a fresh pane opened at that size. Throws with both screens.
 */
export async function checkResizes(o: ResizeCheck): Promise<void> {
  const resized = await openReady(o, 'resized', { width: 100, height: 30 });
  const fresh = await Promise.all(RESIZES.map((size) => openReady(o, `${size.width}x${size.height}`, size)));
  for (const [i, size] of RESIZES.entries()) {
    await o.server.tmux([
      'resize-window',
      '-t',
      resized.name,
      '-x',
      String(size.width),
      '-y',
      String(size.height),
    ]);
    let screen = '';
    let reference = '';
    const same = await labWaitFor(
      async () => {
        [screen, reference] = await Promise.all([resized.text(), fresh[i]!.text()]);
        return steadyPart(screen) === steadyPart(reference);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const sizeText = `${size.width}×${size.height}`;
    assert.ok(
      same,
      `after resizing to ${sizeText} the screen is not one clean frame.\nScreen:\n${screen}\nA fresh ${sizeText} pane:\n${reference}`,
    );
    const titles = screen.split('\n').filter((line) => o.title.test(line));
    assert.equal(titles.length, 1, `exactly one title line at ${sizeText}:\n${screen}`);
    assert.match(screen.split('\n')[0]!, o.title, `the title is on the first row at ${sizeText}`);
  }
}
