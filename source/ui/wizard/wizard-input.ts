/**
 * The wizard's key handling: one chunk read from the terminal becomes the key presses it holds
 * (see key-chunks.ts; a pasted pairing code stays one paste), and each press becomes the command
 * the key table binds in the current context, or text typed into the focused field.
 */
import type { Key } from 'ink';
import { splitKeyChunk } from '../key-chunks.js';
import { cycleChoice } from './controls.js';
import { isPairingPaste } from './text-edit.js';
import type { WizardActions } from './wizard-actions.js';
import { findWizardBinding, isTextContext } from './wizard-keys.js';
import { contextOf } from './wizard-ui-state.js';

/** Sizes the scrolling commands need. */
export interface ScrollLimits {
  /** Body rows on screen (a page). */
  readonly rows: number;
  /** The largest scroll offset of the current body. */
  readonly maxScroll: number;
}

/** Handles one useInput call: every key press it holds, in order. */
export function handleWizardChunk(
  actions: WizardActions,
  input: string,
  key: Key,
  limits: () => ScrollLimits,
): void {
  const { env } = actions;
  const focused = actions.controls()[env.get().focus];
  if (
    focused?.kind === 'pairing' &&
    isTextContext(contextOf(env.get(), actions.controls())) &&
    isPairingPaste(input)
  ) {
    actions.type(focused, input, key);
    return;
  }
  // A question asked by a key of this chunk ("abandon the wizard?") is answered by a later one only.
  const askedBefore = env.get().askQuit;
  const stillOurs = () => askedBefore || !env.get().askQuit;
  for (const press of splitKeyChunk(input, key)) {
    if (!stillOurs()) return;
    const chars = Array.from(press.input);
    if (chars.length > 1 && !isTextContext(contextOf(env.get(), actions.controls()))) {
      // Outside a text field every letter is a key of its own ("yy", "  ").
      for (let i = 0; i < chars.length && stillOurs(); i++) {
        if (isTextContext(contextOf(env.get(), actions.controls()))) {
          handleWizardKey(actions, chars.slice(i).join(''), press.key, limits);
          break;
        }
        handleWizardKey(actions, chars[i]!, press.key, limits);
      }
    } else handleWizardKey(actions, press.input, press.key, limits);
  }
}

/** Handles one key press. */
export function handleWizardKey(
  actions: WizardActions,
  input: string,
  key: Key,
  limits: () => ScrollLimits,
): void {
  const { env } = actions;
  const u = env.get();
  const controls = actions.controls();
  const context = contextOf(u, controls);
  const binding = findWizardBinding(input, key, context);
  if (binding === undefined) {
    if (isTextContext(context)) {
      const c = controls[u.focus];
      if (c) actions.type(c, input, key);
    } else if (context === 'trial' && input === 'y') {
      env.update({
        message: {
          text: 'Ignored: that key came before the keep prompt. Wait for it, then press y.',
          tone: 'warn',
        },
      });
    }
    return;
  }
  const count = controls.length;
  switch (binding.command) {
    case 'next':
      return actions.next();
    case 'back':
      return actions.dispatch({ type: 'back' });
    case 'nextControl':
      if (count > 0) env.update({ focus: (u.focus + 1) % count });
      return;
    case 'prevControl':
      if (count > 0) env.update({ focus: (u.focus - 1 + count) % count });
      return;
    case 'chooseNext':
    case 'choosePrev': {
      const c = controls[u.focus];
      if (c?.kind !== 'choice') return;
      const delta = binding.command === 'chooseNext' ? 1 : -1;
      if (c.choice === 'import') {
        const n = env.report.configs.length + 1;
        env.update({ importChoice: (u.importChoice + delta + n) % n });
        return;
      }
      const event = cycleChoice(u.machine, c.choice, delta);
      if (event) actions.dispatch(event);
      return;
    }
    case 'scrollUp':
      return env.update({ scroll: Math.max(0, u.scroll - 1) });
    case 'scrollDown':
      return env.update({ scroll: Math.min(limits().maxScroll, u.scroll + 1) });
    case 'pageUp':
      return env.update({ scroll: Math.max(0, u.scroll - limits().rows + 1) });
    case 'pageDown':
      return env.update({ scroll: Math.min(limits().maxScroll, u.scroll + limits().rows - 1) });
    case 'clearField': {
      const c = controls[u.focus];
      if (c?.kind === 'pairing') env.update({ pairingText: '' });
      else if (c?.kind === 'field') actions.dispatch({ type: 'edit', field: c.field, value: '' });
      return;
    }
    case 'showOwnCode':
      return env.update({ ownCode: true, scroll: 0, message: undefined });
    case 'hideOwnCode':
      return env.update({ ownCode: false, scroll: 0 });
    case 'keep':
      return actions.keep();
    case 'revert':
      return actions.revert();
    case 'quit':
      return actions.quit();
    case 'abandon':
      return env.finish('abandoned');
    case 'stay':
      return env.update({ askQuit: false });
  }
}
