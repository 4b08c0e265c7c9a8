/**
 * What the wizard does on the admin's behalf: it feeds events to the pure machine, performs the
 * effects the machine asks for through {@link WizardServices} and feeds their outcome back, and
 * carries out the commands of the key table that are more than a focus or scroll move (next,
 * typing, keep, revert, quit). Every function reads the latest screen state through `get`.
 */
import { NO_PROBES } from '../../domain/apply/far-answer.js';
import type { Key } from 'ink';
import { isClampedPrivateKey } from '../../domain/keys.js';
import type { HostReport, WizardClock, WizardServices } from '../../domain/wizard/services.js';
import { siteFileFrom } from '../../domain/wizard/site-file.js';
import { transition } from '../../domain/wizard/transition.js';
import type { WizardEffect, WizardEvent } from '../../domain/wizard/types.js';
import { controlsOf, type Control } from './controls.js';
import { reviewPaths } from './review-lines.js';
import { editText, isPaste } from './text-edit.js';
import { farKeyHidden, problemText, type WizardOutcome, type WizardUi } from './wizard-ui-state.js';

/** What the actions work with. */
export interface WizardActionsEnv {
  /** The latest screen state. */
  get(): WizardUi;
  /** Change the screen state (at once: the next key press sees it) and redraw. */
  update(patch: Partial<WizardUi>): void;
  readonly services: WizardServices;
  readonly clock: WizardClock;
  readonly report: HostReport;
  /** How long the keep prompt must have been on screen before a key counts (ms). */
  readonly armDelayMs: number;
  finish(outcome: WizardOutcome): void;
}

/** The actions; see {@link createWizardActions}. */
export interface WizardActions {
  readonly env: WizardActionsEnv;
  dispatch(event: WizardEvent): void;
  /** The focusable controls of the current step. */
  controls(): Control[];
  /** The interface being set up. */
  iface(): string;
  /** Enter on a form step or the review. */
  next(): void;
  /** A typed text (or an editing key) into the focused text control. */
  type(control: Control, input: string, key: Partial<Key>): void;
  /** The whole chunk as a pasted pairing code, decoded at once. */
  pastePairing(text: string): void;
  keep(): void;
  revert(): void;
  quit(): void;
}

/** The actions on ENV. */
export function createWizardActions(env: WizardActionsEnv): WizardActions {
  const { services, clock } = env;
  const iface = () => env.get().machine.fields.interface.trim();
  const controls = () => controlsOf(env.get().machine, env.get().machine.step, env.report.configs.length);

  // dispatch, perform and checkFarKey are hoisted: they call each other.
  function dispatch(event: WizardEvent): void {
    const before = env.get().machine;
    const next = transition(before, event);
    const moved = next.step !== before.step;
    env.update({
      machine: next,
      ...(moved ? { focus: 0, scroll: 0, message: undefined, ownCode: false } : {}),
      ...(moved && next.step === 'review' ? { onDisk: undefined, planned: undefined } : {}),
    });
    if (moved && next.step === 'review') {
      const request = {
        siteFile: siteFileFrom(next),
        previousWgQuick: next.previousWgQuick,
        paths: reviewPaths(next),
      };
      services.review(request).then(
        ({ onDisk, planned }) => env.update({ onDisk, planned }),
        (error: unknown) => env.update({ onDisk: {}, planned: { problems: [problemText(error)] } }),
      );
    }
    // However the far public key changed (typed, pasted in a code, imported), ask whether it is in
    // fact this gateway's private key; until the answer comes a key-shaped value is not drawn.
    if (next.fields.farPublicKey !== before.fields.farPublicKey) checkFarKey(next.fields.farPublicKey);
    if (next.done) env.finish('done');
    for (const effect of next.effects) perform(effect);
  }

  function perform(effect: WizardEffect): void {
    if (effect.kind === 'generate-key') {
      services.generateKey(effect.interface).then(
        (publicKey) => dispatch({ type: 'key-generated', publicKey }),
        (error: unknown) => dispatch({ type: 'key-failed', message: problemText(error) }),
      );
      return;
    }
    const log: string[] = [];
    env.update({ apply: { kind: 'applying', log } });
    services
      .apply(effect, (line) => {
        log.push(line);
        if (env.get().apply.kind === 'applying') env.update({ apply: { kind: 'applying', log: [...log] } });
      })
      .then(
        (trial) =>
          env.update({
            apply: {
              kind: 'trial',
              trial,
              log,
              tunnel: undefined,
              probe: NO_PROBES,
              promptAt: undefined,
              armed: false,
            },
            now: clock.now(),
          }),
        (error: unknown) => {
          env.update({ apply: { kind: 'idle' } });
          dispatch({ type: 'apply-failed', message: problemText(error) });
        },
      );
  }

  function checkFarKey(value: string): void {
    if (!isClampedPrivateKey(value)) return;
    services.isOwnPrivateKey(iface(), value).then(
      (own) => env.update({ keyCheck: { value, own } }),
      () => env.update({ keyCheck: { value, own: false } }),
    );
  }

  // A far key already in the first state (an edited site file) is checked like a typed one.
  checkFarKey(env.get().machine.fields.farPublicKey);

  const importAndGo = (path: string): void => {
    services.readImport(path).then(
      (text) => {
        env.update({ importedPath: path });
        dispatch({ type: 'import-config', text });
        if (env.get().machine.errors.importConfig === undefined) dispatch({ type: 'next' });
      },
      (error: unknown) => env.update({ message: { text: problemText(error), tone: 'bad' } }),
    );
  };

  const pastePairing = (text: string): void => {
    env.update({ pairingText: text, pairingDecoded: text, message: undefined });
    dispatch({ type: 'paste-pairing-code', text });
  };

  return {
    env,
    dispatch,
    controls,
    iface,
    pastePairing,
    next() {
      const u = env.get();
      const m = u.machine;
      const c = controls()[u.focus];
      if (
        m.step === 'far-site' &&
        c?.kind === 'pairing' &&
        u.pairingText.trim() !== '' &&
        u.pairingText !== u.pairingDecoded
      ) {
        pastePairing(u.pairingText);
        return;
      }
      if (m.step === 'far-site' && farKeyHidden(u)) {
        env.update({
          message: { text: 'Cannot continue: the far public key field holds a private key.', tone: 'bad' },
        });
        return;
      }
      if (m.step === 'review' && u.onDisk === undefined) {
        env.update({
          message: {
            text: 'Wait: the files on disk are still being read; Enter applies once the diff shows.',
            tone: 'warn',
          },
        });
        return;
      }
      if (m.step === 'detect' && u.importChoice > 0) {
        const path = env.report.configs[u.importChoice - 1]!;
        if (u.importedPath !== path) return importAndGo(path);
      }
      dispatch({ type: 'next' });
    },
    type(control, input, key) {
      const u = env.get();
      if (control.kind === 'pairing') {
        const value = editText(u.pairingText, input, key);
        if (value === undefined) return;
        if (isPaste(input)) pastePairing(value);
        else env.update({ pairingText: value, message: undefined });
        return;
      }
      if (control.kind !== 'field') return;
      const value = editText(u.machine.fields[control.field], input, key);
      if (value === undefined) return;
      env.update({ message: undefined });
      dispatch({ type: 'edit', field: control.field, value });
    },
    keep() {
      const a = env.get().apply;
      if (a.kind !== 'trial' || !a.armed || clock.now() - (a.promptAt ?? Infinity) < env.armDelayMs) return;
      env.update({ apply: { kind: 'confirming' }, message: undefined });
      services.confirm(iface()).then(
        () => {
          env.update({ apply: { kind: 'idle' } });
          dispatch({ type: 'apply-done' });
        },
        (error: unknown) => env.update({ apply: a, message: { text: problemText(error), tone: 'bad' } }),
      );
    },
    revert() {
      env.update({ apply: { kind: 'reverting' }, message: undefined });
      services.revert(iface()).then(
        (summary) => {
          env.update({ apply: { kind: 'idle' } });
          dispatch({ type: 'apply-failed', message: `Reverted at your request. ${summary}` });
        },
        (error: unknown) => {
          env.update({ apply: { kind: 'idle' } });
          dispatch({ type: 'apply-failed', message: problemText(error) });
        },
      );
    },
    quit() {
      const u = env.get();
      const m = u.machine;
      if (m.step === 'handoff') return env.finish('done');
      const halfFilled = m.step !== 'detect' || m.touched.length > 0 || u.pairingText !== '';
      if (halfFilled) env.update({ askQuit: true });
      else env.finish('abandoned');
    },
  };
}
