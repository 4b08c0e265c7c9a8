/**
 * The setup wizard as a pure state machine: `transition(state, event)` returns the next state and
 * never performs I/O. The screens render the state and turn key presses into events.
 *
 * Protocol for the caller (the Ink screens or a test):
 * 1. `let state = initialState(facts)` with facts gathered by the system layer.
 * 2. For every admin action: `state = transition(state, event)`; render `state`.
 * 3. After every transition, perform each request in `state.effects` (they belong to that
 *    transition only) and feed the outcome back as an event:
 *    - `generate-key` → generate a private key, keep it outside the machine (it is written to the
 *      key file at apply), then send `{ type: 'key-generated', publicKey }` or `key-failed`.
 *    - `apply` → write `sitePath` (the site file JSON), the private key file (generated, existing or
 *      from `previousWgQuick`), the preshared key file if requested, then plan with planSite (passing
 *      `previousWgQuick`) and apply like `wg-site apply`; send `apply-done` or `apply-failed`.
 *    While an effect runs, `state.pending` is set and `next` is refused.
 * 4. `back` is always allowed. `next` is refused while the steps so far have problems; the refusal
 *    puts every message in `state.blockers` and the per-field text in `state.errors`.
 * Never render `state.secretPresharedKey` or the effects' contents: they may hold a preshared key.
 */
import { parsePublicKey } from '../keys.js';
import { pathsFor } from '../plan/context.js';
import { InputError } from '../errors.js';
import { fieldsOf, inlineErrors, ownPublicKey, stepIndex } from './fields.js';
import { allowedIpsOf, importConfig, orientTunnel, pastePairingCode, setField } from './prefill.js';
import { presharedKeyFileOf, problemsUpTo, siteFileFrom } from './site-file.js';
import {
  STEPS,
  type ErrorSlot,
  type StepId,
  type WizardEffect,
  type WizardEvent,
  type WizardState,
} from './types.js';

function go(state: WizardState, step: StepId): WizardState {
  const entered = step === 'allowed-ips' ? setField(state, 'allowedIps', allowedIpsOf(state), false) : state;
  return { ...entered, step, blockers: [], effects: [], errors: inlineErrors(entered) };
}

function previousStep(step: StepId): StepId {
  if (step === 'apply' || step === 'handoff') return 'review';
  return STEPS[Math.max(0, stepIndex(step) - 1)]!;
}

/** Refuse `next` with these problems, shown per field and as a list. */
function refuse(
  state: WizardState,
  problems: Array<{ slot: ErrorSlot | undefined; message: string }>,
): WizardState {
  const errors = { ...state.errors };
  for (const p of problems) if (p.slot && errors[p.slot] === undefined) errors[p.slot] = p.message;
  const blockers = [...new Set(problems.map((p) => p.message))];
  return { ...state, errors, blockers, effects: [] };
}

/** Problems that block leaving `state.step`: inline errors of its fields, then checkSite's. */
function stepProblems(state: WizardState): Array<{ slot: ErrorSlot | undefined; message: string }> {
  const step = state.step;
  const inline = (stepIndex(step) >= stepIndex('review') ? STEPS.flatMap(fieldsOf) : fieldsOf(step))
    .filter(
      (field) => state.errors[field] !== undefined && (field !== 'allowedIps' || step === 'allowed-ips'),
    )
    .map((field) => ({ slot: field as ErrorSlot, message: state.errors[field]! }));
  if (step === 'keys') {
    const key = ownPublicKey(state);
    if (key === undefined && state.choices.keys !== 'generate') {
      inline.push({ slot: 'keys', message: 'There is no key to keep; choose "generate a new key".' });
    }
  }
  if (step === 'routing' && state.choices.routing === undefined) {
    inline.push({
      slot: 'routing',
      message: 'Choose how LAN hosts reach the far site: default router, static route or masquerade.',
    });
  }
  if (inline.length > 0 || step === 'detect' || step === 'keys') return inline;
  return problemsUpTo(state, step);
}

function applyEffect(state: WizardState): WizardEffect {
  const iface = state.fields.interface.trim();
  const path = presharedKeyFileOf(state);
  const secret = state.secretPresharedKey;
  return {
    kind: 'apply',
    interface: iface,
    sitePath: pathsFor(iface).site,
    siteFile: siteFileFrom(state),
    previousWgQuick: state.previousWgQuick,
    privateKey:
      state.choices.keys === 'keep'
        ? 'existing'
        : state.choices.keys === 'imported'
          ? 'imported-config'
          : 'generated',
    presharedKey: !state.choices.presharedKey
      ? undefined
      : secret
        ? { path, source: secret.source, value: secret.value }
        : { path, source: 'generate' },
  };
}

function next(state: WizardState): WizardState {
  if (state.pending) {
    const what = state.pending === 'apply' ? 'Applying' : 'Generating the key';
    return { ...state, blockers: [`${what}… wait for it to finish.`], effects: [] };
  }
  if (state.step === 'handoff') return { ...state, done: true, effects: [] };
  if (state.step === 'apply') {
    const { apply: _retrying, ...errors } = state.errors;
    return { ...state, errors, pending: 'apply', effects: [applyEffect(state)], blockers: [] };
  }
  const problems = stepProblems(state);
  if (problems.length > 0) return refuse(state, problems);
  if (state.step === 'keys' && ownPublicKey(state) === undefined) {
    return {
      ...state,
      pending: 'generate-key',
      blockers: [],
      effects: [{ kind: 'generate-key', interface: state.fields.interface.trim() }],
    };
  }
  if (state.step === 'review') {
    return { ...go(state, 'apply'), pending: 'apply', effects: [applyEffect(state)] };
  }
  return go(state, STEPS[stepIndex(state.step) + 1]!);
}

function keyGenerated(state: WizardState, publicKey: string): WizardState {
  let key: string;
  try {
    key = parsePublicKey(publicKey, 'publicKey');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { ...state, pending: undefined, effects: [], errors: { ...state.errors, keys: error.message } };
  }
  const waiting = state.pending === 'generate-key';
  const { keys: _cleared, ...rest } = state.errors;
  const updated: WizardState = {
    ...state,
    generatedPublicKey: key,
    pending: undefined,
    effects: [],
    errors: rest,
  };
  const oriented = orientTunnel(updated);
  const checked = { ...oriented, errors: inlineErrors(oriented) };
  return waiting && state.step === 'keys' ? go(checked, 'far-site') : checked;
}

/** The machine: the state after `event`. Pure; see the protocol above. */
export function transition(state: WizardState, event: WizardEvent): WizardState {
  const base = { ...state, effects: [] };
  switch (event.type) {
    case 'edit':
      return setField(base, event.field, event.value);
    case 'next':
      return next(base);
    case 'back':
      return go(base, previousStep(state.step));
    case 'goto':
      return stepIndex(event.step) < stepIndex(state.step) && stepIndex(event.step) <= stepIndex('review')
        ? go(base, event.step)
        : base;
    case 'choose-keys': {
      const updated = orientTunnel({
        ...base,
        choices: { ...base.choices, keys: event.value },
        blockers: [],
      });
      return { ...updated, errors: inlineErrors(updated) };
    }
    case 'set-preshared-key':
      return {
        ...base,
        choices: { ...base.choices, presharedKey: event.value },
        secretPresharedKey: event.value ? base.secretPresharedKey : undefined,
        blockers: [],
      };
    case 'choose-routing': {
      const { routing: _cleared, ...errors } = base.errors;
      return { ...base, choices: { ...base.choices, routing: event.value }, errors, blockers: [] };
    }
    case 'choose-firewall': {
      const updated = { ...base, choices: { ...base.choices, firewall: event.value }, blockers: [] };
      return { ...updated, errors: inlineErrors(updated) };
    }
    case 'paste-pairing-code':
      return pastePairingCode(base, event.text);
    case 'import-config':
      return importConfig(base, event.text);
    case 'key-generated':
      return keyGenerated(base, event.publicKey);
    case 'key-failed':
      return { ...base, pending: undefined, errors: { ...base.errors, keys: event.message } };
    case 'apply-done':
      return { ...base, pending: undefined, applied: true, step: 'handoff', blockers: [] };
    case 'apply-failed':
      return { ...base, pending: undefined, errors: { ...base.errors, apply: event.message } };
  }
}
