/** Shared set-up for the wizard tests: host facts, keys, and a driver that feeds events. */
import assert from 'node:assert/strict';
import { generatePrivateKey, publicKeyOf } from '../../../source/domain/keys.js';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import type {
  StepId,
  WizardEvent,
  WizardHostFacts,
  WizardState,
} from '../../../source/domain/wizard/types.js';

/** A gateway with a public uplink and one LAN. */
export const publicFacts: WizardHostFacts = {
  hostname: 'alpha.example.net',
  lanInterface: 'eth1',
  lanAddress: '192.168.1.10/24',
  lanRouter: '192.168.1.1',
  uplinkInterface: 'eth0',
  uplinkMtu: 1500,
  uplinkAddress: '203.0.113.5',
  routes: ['192.168.1.0/24', '203.0.113.0/24', '10.255.255.0/31'],
  firewallBackend: 'nft',
};

/** A gateway behind NAT on a PPPoE line. */
export const natFacts: WizardHostFacts = {
  hostname: 'beta',
  lanInterface: 'eth0',
  lanAddress: '192.168.2.1/24',
  uplinkInterface: 'ppp0',
  uplinkMtu: 1492,
  uplinkAddress: '100.64.3.4',
  firewallBackend: 'iptables',
};

/**
 * A fresh key pair. Of two gateways set up by hand, the one whose public key sorts first takes the
 * lower tunnel address; `low` and `high` pick a key that sorts before or after any `high`/`low` one.
 */
export const keys = (end: 'low' | 'high' | 'any' = 'any') => {
  for (;;) {
    const privateKey = generatePrivateKey();
    const publicKey = publicKeyOf(privateKey);
    if (end === 'any' || (end === 'low') === publicKey < 'M') return { privateKey, publicKey };
  }
};

/** Feed events one after the other. */
export function run(state: WizardState, ...events: WizardEvent[]): WizardState {
  return events.reduce(transition, state);
}

/** Press next and insist that it moved to `step`. */
export function nextTo(state: WizardState, step: StepId): WizardState {
  const after = transition(state, { type: 'next' });
  assert.deepEqual(after.blockers, [], `next from ${state.step} was refused`);
  assert.equal(after.step, step);
  return after;
}

/** Walk from the start to the far-site step with a generated key. */
export function toFarSite(facts: WizardHostFacts, publicKey: string): WizardState {
  let s = initialState(facts);
  s = nextTo(s, 'site');
  s = nextTo(s, 'keys');
  s = transition(s, { type: 'next' });
  assert.deepEqual(s.effects, [{ kind: 'generate-key', interface: 'wg0' }]);
  s = transition(s, { type: 'key-generated', publicKey });
  assert.equal(s.step, 'far-site');
  return s;
}

/** Fill the far site by hand. */
export function fillFarSite(state: WizardState, farKey: string, subnets = '192.168.2.0/24'): WizardState {
  return run(
    state,
    { type: 'edit', field: 'farName', value: 'beta' },
    { type: 'edit', field: 'farPublicKey', value: farKey },
    { type: 'edit', field: 'farEndpoint', value: 'beta.example.org:51820' },
    { type: 'edit', field: 'farSubnets', value: subnets },
  );
}

/** A state on `step` with every earlier step valid. */
export function stateAt(step: StepId, gateway = keys('low'), far = keys('high')): WizardState {
  let s = initialState(publicFacts);
  const path: StepId[] = ['site', 'keys'];
  for (const next of path) {
    if (s.step === step) return s;
    s = nextTo(s, next);
  }
  if (s.step === step) return s;
  s = fillFarSite(toFarSite(publicFacts, gateway.publicKey), far.publicKey);
  if (step === 'far-site') return s;
  s = nextTo(s, 'allowed-ips');
  if (step === 'allowed-ips') return s;
  s = nextTo(s, 'routing');
  s = transition(s, { type: 'choose-routing', value: 'masquerade' });
  if (step === 'routing') return s;
  s = run(nextTo(s, 'firewall'), { type: 'choose-firewall', value: 'ports' });
  if (step === 'firewall') return s;
  s = nextTo(s, 'review');
  if (step === 'review') return s;
  s = transition(s, { type: 'next' });
  if (step === 'apply') return s;
  return transition(s, { type: 'apply-done' });
}
