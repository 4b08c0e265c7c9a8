/**
 * The live panel's heartbeat: sample, hand the result on, wait, repeat.
 *
 * The next poll is scheduled only after the current one has finished (a setTimeout chain, never
 * setInterval), so polls never overlap even when one is slow. Cadence is kept by waiting
 * `max(0, interval − time the poll took)`. A failing poll is reported and the loop goes on.
 */
import type { Clock } from '../clock.js';

/** The timer functions the loop needs; tests pass fakes. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real timers. */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Inputs of {@link startPolling}. */
export interface PollOptions<T> {
  /** Target time between the starts of two polls, ms. */
  readonly intervalMs: number;
  /** One poll. */
  readonly sample: () => Promise<T>;
  /** Called with each result (not after stop). */
  readonly onSample: (value: T) => void;
  /** Called when a poll (or onSample) throws; the loop continues. */
  readonly onError: (error: unknown) => void;
  readonly clock?: Clock;
  readonly timers?: Timers;
}

/** A running loop. */
export interface Poller {
  /** Stop polling. Resolves once a poll that was in flight has settled; its result is dropped. */
  stop(): Promise<void>;
}

/** Start polling now (the first poll begins immediately). */
export function startPolling<T>(options: PollOptions<T>): Poller {
  const clock = options.clock ?? { now: () => Date.now() };
  const timers = options.timers ?? systemTimers;
  let stopped = false;
  let handle: unknown;
  let inflight: Promise<void> = Promise.resolve();

  const report = (error: unknown): void => {
    try {
      options.onError(error);
    } catch {
      // an error handler that throws must not end the loop
    }
  };

  async function poll(): Promise<void> {
    const started = clock.now();
    try {
      const value = await options.sample();
      if (!stopped) options.onSample(value);
    } catch (error) {
      if (!stopped) report(error);
    }
    if (stopped) return;
    const delay = Math.max(0, options.intervalMs - (clock.now() - started));
    handle = timers.setTimeout(tick, delay);
  }

  function tick(): void {
    handle = undefined;
    inflight = poll();
  }

  tick();
  return {
    async stop() {
      stopped = true;
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
      await inflight;
    },
  };
}
