/**
 * The setup wizard on the terminal. The pure machine (domain/wizard) holds the answers; this
 * component turns key presses into its events through the key table (wizard-keys.ts), performs the
 * effects it asks for through {@link WizardServices}, and draws {@link frameLines}. The trial runs
 * on the one {@link WizardClock}: its ticks drive the countdown, the tunnel-state poll and the
 * arming delay of the keep prompt. Keys pressed before the prompt is armed do not keep anything.
 */
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { useApp, useInput, useStdin, type Key } from 'ink';
import { isClampedPrivateKey } from '../../domain/keys.js';
import { transition } from '../../domain/wizard/transition.js';
import type { WizardEffect, WizardEvent, WizardState } from '../../domain/wizard/types.js';
import type { HostReport } from '../../system/wizard/detect.js';
import { glyphsFor } from '../glyphs.js';
import { Lines } from '../styled-line.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { controlsOf, cycleChoice, type Control } from './controls.js';
import { frameLines, stepBody, type WizardMessage } from './frame-lines.js';
import { reviewPaths } from './review-lines.js';
import { ApplyProblems, type WizardClock, type WizardServices } from './services.js';
import { editText, isPaste, splitControlRun } from './text-edit.js';
import type { ApplyPhase, WizardView } from './view.js';
import { findWizardBinding, type WizardContext } from './wizard-keys.js';

/** How the wizard ended. */
export type WizardOutcome = 'done' | 'abandoned';

/** Props of {@link WizardApp}. */
export interface WizardAppProps {
  readonly initial: WizardState;
  readonly report: HostReport;
  readonly services: WizardServices;
  readonly clock: WizardClock;
  readonly ascii?: boolean;
  readonly color?: boolean;
  /** Fixed size (tests); by default the terminal's, following resizes. */
  readonly width?: number;
  readonly height?: number;
  /** Seconds of the trial, for the review text (the services decide the real one). Default 60. */
  readonly trialSeconds?: number;
  /** How long the keep prompt must have been on screen before a key counts. Default 1000 ms. */
  readonly armDelayMs?: number;
  readonly onExit?: (outcome: WizardOutcome) => void;
}

interface Ui {
  machine: WizardState;
  focus: number;
  importChoice: number;
  importedPath: string | undefined;
  pairingText: string;
  /** The pairing text last decoded (Enter on the pairing field then goes on). */
  pairingDecoded: string;
  /** The far public key value last checked against the own private key, and the answer. */
  keyCheck: { value: string; own: boolean } | undefined;
  onDisk: Record<string, string | undefined> | undefined;
  apply: ApplyPhase;
  now: number;
  scroll: number;
  askQuit: boolean;
  message: WizardMessage | undefined;
}

function problemText(error: unknown): string {
  if (error instanceof ApplyProblems) return error.problems.join('\n') || error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The wizard. */
export function WizardApp(props: WizardAppProps) {
  const { services, clock } = props;
  const size = useTerminalSize(props.width, props.height);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const [, setVersion] = useState(0);
  const ui = useRef<Ui>({
    machine: props.initial,
    focus: 0,
    importChoice: 0,
    importedPath: undefined,
    pairingText: '',
    pairingDecoded: '',
    keyCheck: undefined,
    onDisk: undefined,
    apply: { kind: 'idle' },
    now: clock.now(),
    scroll: 0,
    askQuit: false,
    message: undefined,
  });
  const maxScroll = useRef(0);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const update = useCallback((patch: Partial<Ui>) => {
    ui.current = { ...ui.current, ...patch };
    if (mounted.current) setVersion((v) => v + 1);
  }, []);
  const iface = () => ui.current.machine.fields.interface.trim();
  const armDelay = props.armDelayMs ?? 1000;
  const glyphs = glyphsFor(props.ascii ?? false);

  const finish = useCallback(
    (outcome: WizardOutcome) => {
      props.onExit?.(outcome);
      exit();
    },
    [props, exit],
  );

  // Declared with function hoisting: dispatch and perform call each other.
  function dispatch(event: WizardEvent): void {
    const before = ui.current.machine;
    const next = transition(before, event);
    const moved = next.step !== before.step;
    update({
      machine: next,
      ...(moved ? { focus: 0, scroll: 0, message: undefined } : {}),
      ...(moved && next.step === 'review' ? { onDisk: undefined } : {}),
    });
    if (moved && next.step === 'review') {
      services.readFiles(reviewPaths(next)).then(
        (files) => update({ onDisk: files }),
        () => update({ onDisk: {} }),
      );
    }
    if (next.done) finish('done');
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
    update({ apply: { kind: 'applying', log } });
    services
      .apply(effect, (line) => {
        log.push(line);
        if (ui.current.apply.kind === 'applying') update({ apply: { kind: 'applying', log: [...log] } });
      })
      .then(
        (trial) =>
          update({
            apply: { kind: 'trial', trial, log, tunnel: undefined, promptAt: undefined, armed: false },
            now: clock.now(),
          }),
        (error: unknown) => {
          update({ apply: { kind: 'idle' } });
          dispatch({ type: 'apply-failed', message: problemText(error) });
        },
      );
  }

  // The trial: one clock subscription while it runs.
  const trialRunning = ui.current.apply.kind === 'trial';
  useEffect(() => {
    if (!trialRunning) return undefined;
    let polling = false;
    let checkingEnd = false;
    const tick = (): void => {
      const now = clock.now();
      const a = ui.current.apply;
      if (a.kind !== 'trial') return;
      const armed = a.armed || (a.promptAt !== undefined && now - a.promptAt >= armDelay);
      update({ now, apply: { ...a, armed } });
      if (!polling) {
        polling = true;
        services
          .tunnelState(iface())
          .then((tunnel) => {
            const current = ui.current.apply;
            if (current.kind === 'trial') {
              update({ apply: { ...current, tunnel, promptAt: current.promptAt ?? clock.now() } });
            }
          })
          .catch(() => undefined)
          .finally(() => (polling = false));
      }
      if (now >= a.trial.deadline && !checkingEnd) {
        checkingEnd = true;
        services
          .trialPending(iface())
          .then((pending) => {
            if (!pending && ui.current.apply.kind === 'trial') {
              update({ apply: { kind: 'idle' } });
              dispatch({
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trialRunning]);

  const controls = (): Control[] =>
    controlsOf(ui.current.machine, ui.current.machine.step, props.report.configs.length);

  const contextOf = (): WizardContext => {
    const u = ui.current;
    const m = u.machine;
    if (u.askQuit) return 'ask-quit';
    if (m.step === 'apply') {
      if (u.apply.kind === 'trial') return u.apply.armed ? 'armed' : 'trial';
      if (u.apply.kind === 'idle' && m.pending === undefined && m.errors.apply !== undefined) return 'failed';
      return 'busy';
    }
    if (m.step === 'review') return 'review';
    if (m.step === 'handoff') return 'handoff';
    if (m.pending !== undefined) return 'busy';
    const c = controls()[u.focus];
    return c === undefined || c.kind === 'choice' ? 'choice' : 'field';
  };

  const checkFarKey = (value: string): void => {
    if (!isClampedPrivateKey(value)) return;
    services.isOwnPrivateKey(iface(), value).then(
      (own) => update({ keyCheck: { value, own } }),
      () => update({ keyCheck: { value, own: false } }),
    );
  };

  const farKeyHidden = (): boolean => {
    const u = ui.current;
    const value = u.machine.fields.farPublicKey;
    if (!isClampedPrivateKey(value)) return false;
    return u.keyCheck?.value !== value || u.keyCheck.own;
  };

  const next = (): void => {
    const u = ui.current;
    const m = u.machine;
    const c = controls()[u.focus];
    if (
      m.step === 'far-site' &&
      c?.kind === 'pairing' &&
      u.pairingText.trim() !== '' &&
      u.pairingText !== u.pairingDecoded
    ) {
      update({ pairingDecoded: u.pairingText });
      dispatch({ type: 'paste-pairing-code', text: u.pairingText });
      return;
    }
    if (m.step === 'far-site' && farKeyHidden()) {
      update({
        message: { text: 'Cannot continue: the far public key field holds a private key.', tone: 'bad' },
      });
      return;
    }
    if (m.step === 'detect' && u.importChoice > 0) {
      const path = props.report.configs[u.importChoice - 1]!;
      if (u.importedPath !== path) {
        services.readFiles([path]).then((files) => {
          const text = files[path];
          if (text === undefined) {
            update({ message: { text: `${path} could not be read.`, tone: 'bad' } });
            return;
          }
          update({ importedPath: path });
          dispatch({ type: 'import-config', text });
          if (ui.current.machine.errors.importConfig === undefined) dispatch({ type: 'next' });
        });
        return;
      }
    }
    dispatch({ type: 'next' });
  };

  const type = (control: Control, input: string, key: Key): void => {
    const u = ui.current;
    if (control.kind === 'pairing') {
      const value = editText(u.pairingText, input, key);
      if (value === undefined) return;
      update({ pairingText: value, message: undefined });
      if (isPaste(input)) {
        update({ pairingDecoded: value });
        dispatch({ type: 'paste-pairing-code', text: value });
      }
      return;
    }
    if (control.kind !== 'field') return;
    const value = editText(u.machine.fields[control.field], input, key);
    if (value === undefined) return;
    update({ message: undefined });
    dispatch({ type: 'edit', field: control.field, value });
    if (control.field === 'farPublicKey') checkFarKey(value);
  };

  const onKey = (input: string, key: Key): void => {
    const run = splitControlRun(input);
    if (run !== undefined) {
      for (const press of run) onKey(press.input, { ...key, ...press.key });
      return;
    }
    const u = ui.current;
    const context = contextOf();
    const binding = findWizardBinding(input, key, context);
    if (binding === undefined) {
      if (context === 'field') {
        const c = controls()[u.focus];
        if (c) type(c, input, key);
      } else if (context === 'trial' && input === 'y') {
        update({
          message: {
            text: 'Ignored: that key came before the keep prompt. Wait for it, then press y.',
            tone: 'warn',
          },
        });
      }
      return;
    }
    const count = controls().length;
    const rows = Math.max(1, (props.height ?? size.height) - 4);
    switch (binding.command) {
      case 'next':
        next();
        return;
      case 'back':
        dispatch({ type: 'back' });
        return;
      case 'nextControl':
        if (count > 0) update({ focus: (u.focus + 1) % count });
        return;
      case 'prevControl':
        if (count > 0) update({ focus: (u.focus - 1 + count) % count });
        return;
      case 'chooseNext':
      case 'choosePrev': {
        const c = controls()[u.focus];
        if (c?.kind !== 'choice') return;
        const delta = binding.command === 'chooseNext' ? 1 : -1;
        if (c.choice === 'import') {
          const n = props.report.configs.length + 1;
          update({ importChoice: (u.importChoice + delta + n) % n });
          return;
        }
        const event = cycleChoice(u.machine, c.choice, delta);
        if (event) dispatch(event);
        return;
      }
      case 'scrollUp':
        update({ scroll: Math.max(0, u.scroll - 1) });
        return;
      case 'scrollDown':
        update({ scroll: Math.min(maxScroll.current, u.scroll + 1) });
        return;
      case 'pageUp':
        update({ scroll: Math.max(0, u.scroll - rows + 1) });
        return;
      case 'pageDown':
        update({ scroll: Math.min(maxScroll.current, u.scroll + rows - 1) });
        return;
      case 'clearField': {
        const c = controls()[u.focus];
        if (c?.kind === 'pairing') update({ pairingText: '' });
        else if (c?.kind === 'field') dispatch({ type: 'edit', field: c.field, value: '' });
        return;
      }
      case 'keep': {
        const a = u.apply;
        if (a.kind !== 'trial' || !a.armed || clock.now() - (a.promptAt ?? Infinity) < armDelay) return;
        update({ apply: { kind: 'confirming' }, message: undefined });
        services.confirm(iface()).then(
          () => {
            update({ apply: { kind: 'idle' } });
            dispatch({ type: 'apply-done' });
          },
          (error: unknown) => update({ apply: a, message: { text: problemText(error), tone: 'bad' } }),
        );
        return;
      }
      case 'revert':
        update({ apply: { kind: 'reverting' }, message: undefined });
        services.revert(iface()).then(
          (summary) => {
            update({ apply: { kind: 'idle' } });
            dispatch({ type: 'apply-failed', message: `Reverted at your request. ${summary}` });
          },
          (error: unknown) => {
            update({ apply: { kind: 'idle' } });
            dispatch({ type: 'apply-failed', message: problemText(error) });
          },
        );
        return;
      case 'quit': {
        const m = u.machine;
        if (m.step === 'handoff') {
          finish('done');
          return;
        }
        const halfFilled = m.step !== 'detect' || m.touched.length > 0 || u.pairingText !== '';
        if (halfFilled) update({ askQuit: true });
        else finish('abandoned');
        return;
      }
      case 'abandon':
        finish('abandoned');
        return;
      case 'stay':
        update({ askQuit: false });
        return;
    }
  };
  useInput(onKey, { isActive: isRawModeSupported === true });

  const u = ui.current;
  const context = contextOf();
  const view: WizardView = {
    state: u.machine,
    report: props.report,
    glyphs,
    width: size.width,
    focus: u.focus,
    importChoice: u.importChoice,
    pairingText: u.pairingText,
    privateKeyPasted: farKeyHidden(),
    onDisk: u.onDisk,
    apply: u.apply,
    now: u.now,
    qrMatrix: services.qrMatrix,
  };
  const trialNote =
    u.apply.kind === 'trial'
      ? ` The trial still reverts by itself in ${Math.max(0, Math.ceil((u.apply.trial.deadline - u.now) / 1000))} s.`
      : '';
  const message: WizardMessage | undefined = u.askQuit
    ? { text: `Abandon the wizard? Nothing more is written.${trialNote}`, tone: 'warn' }
    : u.message;
  const trialSeconds = props.trialSeconds ?? 60;
  maxScroll.current = Math.max(0, stepBody(view, trialSeconds).lines.length - (size.height - 4));
  const lines = frameLines({
    view,
    height: size.height,
    scroll: u.scroll,
    context,
    message,
    trialSeconds,
  });
  return <Lines lines={lines} style={{ color: props.color ?? true, ascii: props.ascii ?? false }} />;
}
