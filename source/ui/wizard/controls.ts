/**
 * The focusable parts of each form step, in order: text fields of the machine, the pairing-code
 * input, and choices. Pure; the app keeps the index of the focused one.
 */
import type { RoutingOption } from '../../domain/site/model.js';
import type { FieldId, StepId, WizardChoices, WizardEvent, WizardState } from '../../domain/wizard/types.js';

/** A choice that is not text. */
export type ChoiceId = 'import' | 'keys' | 'psk' | 'routing' | 'firewall';

/** One focusable control. */
export type Control =
  { kind: 'field'; field: FieldId } | { kind: 'pairing' } | { kind: 'choice'; choice: ChoiceId };

const field = (f: FieldId): Control => ({ kind: 'field', field: f });
const choice = (c: ChoiceId): Control => ({ kind: 'choice', choice: c });

/** The controls of STEP (empty for the steps without a form). */
export function controlsOf(state: WizardState, step: StepId, importable: number): Control[] {
  switch (step) {
    case 'detect':
      return importable > 0 ? [choice('import')] : [];
    case 'site':
      return (
        [
          'interface',
          'name',
          'lanInterface',
          'lanAddress',
          'lanSubnets',
          'tunnelAddress',
          'listenPort',
          'ownEndpoint',
        ] as FieldId[]
      ).map(field);
    case 'keys':
      return [choice('keys'), choice('psk')];
    case 'far-site':
      return [
        { kind: 'pairing' },
        ...(
          [
            'farName',
            'farPublicKey',
            'farEndpoint',
            'farTunnelAddress',
            'farSubnets',
            'keepalive',
          ] as FieldId[]
        ).map(field),
      ];
    case 'allowed-ips':
      return [field('allowedIps')];
    case 'routing':
      return [choice('routing')];
    case 'firewall':
      return [
        choice('firewall'),
        ...(state.choices.firewall === 'ports' ? [field('tcpPorts'), field('udpPorts')] : []),
        field('mtu'),
      ];
    default:
      return [];
  }
}

/** Key choices available in this state. */
export function keyOptions(state: WizardState): Array<WizardChoices['keys']> {
  return [
    'generate',
    ...(state.facts.existingPublicKey !== undefined ? (['keep'] as const) : []),
    ...(state.importedPublicKey !== undefined ? (['imported'] as const) : []),
  ];
}

const ROUTING: RoutingOption[] = ['default-router', 'static-route', 'masquerade'];

function cycle<T>(options: readonly T[], current: T | undefined, delta: number): T {
  const at = current === undefined ? (delta > 0 ? -1 : 0) : options.indexOf(current);
  return options[(at + delta + options.length) % options.length]!;
}

/**
 * The machine event for moving a choice one option on (DELTA = 1) or back (-1); undefined for the
 * import choice, which the app keeps itself.
 */
export function cycleChoice(state: WizardState, id: ChoiceId, delta: number): WizardEvent | undefined {
  switch (id) {
    case 'keys':
      return { type: 'choose-keys', value: cycle(keyOptions(state), state.choices.keys, delta) };
    case 'psk':
      return { type: 'set-preshared-key', value: !state.choices.presharedKey };
    case 'routing':
      return { type: 'choose-routing', value: cycle(ROUTING, state.choices.routing, delta) };
    case 'firewall':
      return {
        type: 'choose-firewall',
        value: state.choices.firewall === 'all' ? 'ports' : 'all',
      };
    case 'import':
      return undefined;
  }
}
