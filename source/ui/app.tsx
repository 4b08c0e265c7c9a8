/**
 * The live panel. Subscribes to the {@link PanelStore} (which the single poll loop feeds) and
 * re-renders only when the store publishes a new snapshot — that is, when the model's version,
 * the checks or the poll error changed — or when the user pressed a key or resized the terminal.
 * There is no timer in any component. Keys go through the one key table (keymap.ts).
 */
import React, { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useApp, useInput, useStdin, type Key } from 'ink';
import { glyphsFor } from './glyphs.js';
import { splitKeyChunk } from './key-chunks.js';
import { findBinding, isAction, type ActionId, type KeyBinding, type PanelActions } from './keymap.js';
import { PanelFrame, planFor, type FrameOptions } from './panel-frame.js';
import type { PanelStore } from './panel-store.js';
import { errorLine } from './panel-store.js';
import { peerLabel } from './peer-row.js';
import type { StatusMessage } from './status-line.js';
import { applyCommand, INITIAL_UI, peerWindow, type UiState } from './ui-state.js';
import { useTerminalSize } from './use-terminal-size.js';

/** Props of {@link App}. */
export interface AppProps {
  readonly store: PanelStore;
  readonly interfaceName: string;
  readonly siteName?: string;
  /** ASCII-only drawing (no Unicode glyphs). */
  readonly ascii?: boolean;
  /** Colours and bold; false under NO_COLOR. Default true. */
  readonly color?: boolean;
  /** Tool actions; a missing one says "not available yet" when its key is pressed. */
  readonly actions?: PanelActions;
  /** Fixed size (tests); by default the terminal's, following resizes. */
  readonly width?: number;
  readonly height?: number;
  /** A message for the status line at start (e.g. a site-file warning). */
  readonly initialMessage?: StatusMessage;
  /** Called when the user quits, before the app unmounts. */
  readonly onExit?: () => void;
}

/** The panel. */
export function App(props: AppProps) {
  const { store, actions } = props;
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const size = useTerminalSize(props.width, props.height);
  const [ui, setUi] = useState<UiState>(INITIAL_UI);
  const [message, setMessage] = useState<StatusMessage | undefined>(props.initialMessage);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const sequence = useRef(0);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const ascii = props.ascii ?? false;
  const color = props.color ?? true;
  const options = useMemo<FrameOptions>(
    () => ({
      interfaceName: props.interfaceName,
      siteName: props.siteName,
      glyphs: glyphsFor(ascii),
      style: { color, ascii },
      available: (action: ActionId) => actions?.[action] !== undefined,
    }),
    [props.interfaceName, props.siteName, ascii, color, actions],
  );
  const plan = useMemo(
    () => planFor(snapshot, size, ui, options),
    // The plan depends only on these counts, so children keep a stable plan object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      size.width,
      size.height,
      snapshot.model.peers.length,
      snapshot.checks,
      snapshot.model.events,
      ui.checksOpen,
      ui.eventsOpen,
      ui.helpOpen,
      options,
    ],
  );
  const peers = snapshot.model.peers;
  const window = peerWindow(ui.selected, ui.top, peers.length, plan.peerRows);
  const shown: UiState = ui.selected === window.selected && ui.top === window.top ? ui : { ...ui, ...window };

  // Key presses can arrive faster than renders: the handler reads the latest render's values from
  // a ref and updates state functionally, so no press works on a stale view.
  const latest = useRef({
    peers,
    selected: shown.selected,
    rows: plan.peerRows,
    actions,
    exit,
    onExit: props.onExit,
  });
  latest.current = {
    peers,
    selected: shown.selected,
    rows: plan.peerRows,
    actions,
    exit,
    onExit: props.onExit,
  };

  // An action that asked its y/n question and waits for the answer (a ref: the next key press,
  // however soon, must see it).
  const asking = useRef<{ binding: KeyBinding & { command: ActionId }; what: string } | undefined>(undefined);

  const runAction = useCallback((binding: KeyBinding & { command: ActionId }, answered = false) => {
    const now = latest.current;
    const title = binding.title ?? binding.command;
    const run = now.actions?.[binding.command];
    if (run === undefined) {
      setMessage({ text: `${title}: not available yet.`, tone: 'warn' });
      return;
    }
    const peer = binding.needsPeer ? now.peers[now.selected] : undefined;
    if (binding.needsPeer && peer === undefined) {
      setMessage({ text: `${title}: there is no peer to act on.`, tone: 'warn' });
      return;
    }
    const what = peer === undefined ? title : `${title} ${peerLabel(peer)}`;
    const id = ++sequence.current;
    if (binding.ask !== undefined && !answered) {
      asking.current = { binding, what };
      setMessage({ text: `${what}: ${binding.ask}`, tone: 'warn' });
      return;
    }
    setMessage({ text: `${what}: running…`, tone: 'dim' });
    const settle = (next: StatusMessage): void => {
      if (mounted.current && id === sequence.current) setMessage(next);
    };
    run(peer).then(
      (text) => settle({ text: `${what}: ${text}`, tone: 'plain' }),
      (error: unknown) => settle({ text: `${what} failed: ${errorLine(error)}`, tone: 'bad' }),
    );
  }, []);

  /** The answer to a pending question: `y` runs the action, any other key cancels it. */
  const answer = useCallback(
    (input: string): void => {
      const pending = asking.current!;
      asking.current = undefined;
      if (input === 'y' || input === 'Y') runAction(pending.binding, true);
      else setMessage({ text: `${pending.what}: cancelled.`, tone: 'dim' });
    },
    [runAction],
  );

  const onPress = useCallback(
    (input: string, key: Key) => {
      if (asking.current !== undefined) {
        answer(input);
        return;
      }
      const binding = findBinding(input, key);
      if (binding === undefined) return;
      const command = binding.command;
      if (command === 'quit') {
        latest.current.onExit?.();
        latest.current.exit();
        return;
      }
      if (isAction(command)) {
        runAction(binding as KeyBinding & { command: ActionId });
        return;
      }
      const view = { peers: latest.current.peers.length, rows: latest.current.rows };
      setUi((prev) =>
        applyCommand(
          { ...prev, ...peerWindow(prev.selected, prev.top, view.peers, view.rows) },
          command,
          view,
        ),
      );
    },
    [runAction, answer],
  );
  // A chunk read at once ("jj", keys sent by a script) counts as its keys, in order. A question
  // asked by one of them is answered only by a later chunk: "Ry" asks and does not run.
  const onKey = useCallback(
    (input: string, key: Key) => {
      const waiting = asking.current;
      for (const press of splitKeyChunk(input, key, { textAsKeys: true })) {
        if (asking.current !== undefined && asking.current !== waiting) return;
        onPress(press.input, press.key);
      }
    },
    [onPress],
  );
  useInput(onKey, { isActive: isRawModeSupported === true });

  return (
    <PanelFrame snapshot={snapshot} size={size} plan={plan} ui={shown} message={message} options={options} />
  );
}
