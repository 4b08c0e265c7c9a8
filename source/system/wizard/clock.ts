/**
 * The wizard's one timer: a single interval shared by every listener (the trial countdown, the
 * tunnel-state poll and the confirm arming delay all read the same clock), running only while
 * someone listens.
 */
import type { Clock } from '../clock.js';
import type { WizardClock } from '../../domain/wizard/services.js';

/** A {@link WizardClock} on CLOCK with one interval of `periodMs` (default 1 s). */
export function createWizardClock(clock: Clock, periodMs = 1000): WizardClock {
  const listeners = new Set<() => void>();
  let handle: ReturnType<typeof setInterval> | undefined;
  return {
    now: () => clock.now(),
    subscribe(listener) {
      listeners.add(listener);
      handle ??= setInterval(() => {
        for (const l of [...listeners]) l();
      }, periodMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && handle !== undefined) {
          clearInterval(handle);
          handle = undefined;
        }
      };
    },
  };
}
