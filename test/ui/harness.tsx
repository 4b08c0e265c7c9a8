/**
 * Rendering helpers for the panel tests. ink-testing-library's stdout is fixed at 100 columns;
 * the App takes its size as props, and the fake stdout is given the same width so Ink lays the
 * frame out at that width too. Waiting is done by yielding to the event loop until the expected
 * frame appears (bounded), never by sleeping.
 */
import React from 'react';
import { render } from 'ink-testing-library';
import { App, type AppProps } from '../../source/ui/app.js';
import type { PanelStore } from '../../source/ui/panel-store.js';

/** A rendered panel. */
export type Rendered = ReturnType<typeof render>;

/** Give the event loop a turn (lets promises, stdin events and Ink's render run). */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Wait until `predicate` holds, at most `turns` event-loop turns. */
export async function waitFor(predicate: () => boolean, what: string, turns = 500): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Wait until the store's first check run has finished. */
export async function checksSettled(store: PanelStore): Promise<PanelStore> {
  await waitFor(() => store.getSnapshot().checks.kind !== 'pending', 'the first check run');
  return store;
}

/** Render the App at a given size (no colour unless asked). */
export function renderApp(
  props: Partial<AppProps> & { store: PanelStore; width: number; height: number },
): Rendered {
  const element = <App interfaceName="wg0" siteName="hq" color={false} {...props} />;
  const instance = render(element);
  Object.defineProperty(instance.stdout, 'columns', { get: () => props.width, configurable: true });
  instance.rerender(element);
  return instance;
}

/** Wait for a frame that satisfies `predicate` and return it. */
export async function frameWhere(
  instance: Rendered,
  predicate: (frame: string) => boolean,
  what: string,
): Promise<string> {
  try {
    await waitFor(() => predicate(instance.lastFrame() ?? ''), what);
  } catch (error) {
    throw new Error(`${(error as Error).message}; last frame:\n${instance.lastFrame()}`);
  }
  return instance.lastFrame() ?? '';
}

/** Send keys, one press at a time, giving Ink a turn after each. */
export async function press(instance: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    instance.stdin.write(key);
    await tick();
  }
}

/** Escape sequences of special keys. */
export const KEYS = { up: '\u001B[A', down: '\u001B[B', pageDown: '\u001B[6~', escape: '\u001B' } as const;
