/**
 * The trial loop of the apply step, on the one {@link WizardClock}: while a trial runs, every tick
 * moves the countdown, polls the tunnel state (one poll at a time; the keep prompt appears with the
 * first answer), pings the far tunnel address (one ping at a time, so the tunnel wakes without the
 * admin sending anything, and the replies are counted), arms the prompt once it has been on screen for the arming delay, and at the
 * deadline asks whether the watchdog reverted the trial.
 */
import { useEffect } from 'react';
import { addProbe } from '../../domain/apply/far-answer.js';
import type { WizardActions } from './wizard-actions.js';

/** Runs the trial loop while the apply phase is a trial. */
export function useTrial(actions: WizardActions): void {
  const { env } = actions;
  const running = env.get().apply.kind === 'trial';
  useEffect(() => {
    if (!running) return undefined;
    const { clock, services } = env;
    let polling = false;
    let probing = false;
    let checkingEnd = false;
    const tick = (): void => {
      const now = clock.now();
      const a = env.get().apply;
      if (a.kind !== 'trial') return;
      const armed = a.armed || (a.promptAt !== undefined && now - a.promptAt >= env.armDelayMs);
      env.update({ now, apply: { ...a, armed } });
      if (!polling) {
        polling = true;
        services
          .tunnelState(actions.iface())
          .then((tunnel) => {
            const current = env.get().apply;
            if (current.kind === 'trial') {
              env.update({ apply: { ...current, tunnel, promptAt: current.promptAt ?? clock.now() } });
            }
          })
          .catch(() => undefined)
          .finally(() => (polling = false));
      }
      const far = env.get().machine.fields.farTunnelAddress.trim();
      if (!probing && far !== '') {
        probing = true;
        services
          .probeFar(far)
          .catch(() => ({ answered: false }))
          .then((reply) => {
            const current = env.get().apply;
            if (current.kind === 'trial') {
              env.update({ apply: { ...current, probe: addProbe(current.probe, reply) } });
            }
          })
          .finally(() => (probing = false));
      }
      if (now >= a.trial.deadline && !checkingEnd) {
        checkingEnd = true;
        services
          .trialPending(actions.iface())
          .then((pending) => {
            if (!pending && env.get().apply.kind === 'trial') {
              env.update({ apply: { kind: 'idle' } });
              actions.dispatch({
                type: 'apply-failed',
                message: `Not kept within ${a.trial.timeoutSeconds} s: everything was reverted to how it was before.`,
              });
            }
          })
          .catch(() => undefined)
          .finally(() => (checkingEnd = false));
      }
    };
    tick();
    return clock.subscribe(tick);
    // The loop reads everything through env.get(); it restarts only when a trial starts or ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [running]);
}
