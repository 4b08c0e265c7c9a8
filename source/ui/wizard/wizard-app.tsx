/**
 * The setup wizard on the terminal. The pure machine (domain/wizard) holds the answers; the actions
 * (wizard-actions.ts) turn commands into its events and perform the effects it asks for through
 * {@link WizardServices}; the input (wizard-input.ts) turns each chunk read from the terminal into
 * key presses and those into commands through the key table (wizard-keys.ts); the trial runs on the
 * one {@link WizardClock} (use-trial.ts). This component wires them and draws {@link frameLines}.
 */
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { useApp, useInput, useStdin, type Key } from 'ink';
import type { HostReport, WizardClock, WizardServices } from '../../domain/wizard/services.js';
import type { WizardState } from '../../domain/wizard/types.js';
import { glyphsFor } from '../glyphs.js';
import { Lines } from '../styled-line.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { frameLines, stepBody, type WizardMessage } from './frame-lines.js';
import type { WizardView } from './view.js';
import { createWizardActions, type WizardActions } from './wizard-actions.js';
import { handleWizardChunk } from './wizard-input.js';
import { contextOf, farKeyHidden, initialUi, type WizardOutcome, type WizardUi } from './wizard-ui-state.js';
import { useTrial } from './use-trial.js';

export type { WizardOutcome } from './wizard-ui-state.js';

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

/** The wizard. */
export function WizardApp(props: WizardAppProps) {
  const size = useTerminalSize(props.width, props.height);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const [, setVersion] = useState(0);
  const ui = useRef<WizardUi>(initialUi(props.initial, props.clock.now()));
  const maxScroll = useRef(0);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const update = useCallback((patch: Partial<WizardUi>) => {
    ui.current = { ...ui.current, ...patch };
    if (mounted.current) setVersion((v) => v + 1);
  }, []);
  // The latest props, for the actions created once.
  const latest = useRef(props);
  latest.current = props;
  const actionsRef = useRef<WizardActions | undefined>(undefined);
  actionsRef.current ??= createWizardActions({
    get: () => ui.current,
    update,
    services: props.services,
    clock: props.clock,
    report: props.report,
    armDelayMs: props.armDelayMs ?? 1000,
    finish: (outcome) => {
      latest.current.onExit?.(outcome);
      exit();
    },
  });
  const actions = actionsRef.current;
  useTrial(actions);

  const height = props.height ?? size.height;
  const onKey = (input: string, key: Key): void =>
    handleWizardChunk(actions, input, key, () => ({
      rows: Math.max(1, height - 4),
      maxScroll: maxScroll.current,
    }));
  useInput(onKey, { isActive: isRawModeSupported === true });

  const u = ui.current;
  const view: WizardView = {
    state: u.machine,
    report: props.report,
    glyphs: glyphsFor(props.ascii ?? false),
    width: size.width,
    focus: u.focus,
    importChoice: u.importChoice,
    pairingText: u.pairingText,
    ownCode: u.ownCode,
    privateKeyPasted: farKeyHidden(u),
    onDisk: u.onDisk,
    planned: u.planned,
    apply: u.apply,
    now: u.now,
    qrMatrix: props.services.qrMatrix,
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
    context: contextOf(u, actions.controls()),
    message,
    trialSeconds,
  });
  return <Lines lines={lines} style={{ color: props.color ?? true, ascii: props.ascii ?? false }} />;
}
