/** The wizard's first state, prefilled from what the host told us. */
import { DEFAULT_PORT } from '../endpoint.js';
import { chooseMtu } from '../plan/mtu.js';
import { inlineErrors } from './fields.js';
import {
  proposeKeepalive,
  proposeLan,
  proposeOwnEndpoint,
  proposeSiteName,
  proposeTunnel,
  subnetOf,
} from './proposals.js';
import type { FieldId, WizardHostFacts, WizardState } from './types.js';

/** Start the wizard on the detect step, with every field proposed from `facts` where possible. */
export function initialState(facts: WizardHostFacts): WizardState {
  const { lanInterface, lanAddress } = proposeLan(facts);
  const lanSubnets = subnetOf(lanAddress) ?? '';
  const tunnel = proposeTunnel(lanSubnets, facts);
  const port = String(DEFAULT_PORT);
  const fields: Record<FieldId, string> = {
    interface: facts.interface ?? 'wg0',
    name: proposeSiteName(facts.hostname, lanSubnets || undefined),
    lanInterface,
    lanAddress,
    lanSubnets,
    tunnelAddress: tunnel?.local ?? '',
    listenPort: port,
    ownEndpoint: proposeOwnEndpoint(facts, port),
    farName: '',
    farPublicKey: '',
    farEndpoint: '',
    farTunnelAddress: tunnel?.remote ?? '',
    farSubnets: '',
    keepalive: proposeKeepalive(facts),
    allowedIps: '',
    tcpPorts: '',
    udpPorts: '',
    mtu: String(chooseMtu(undefined, facts.uplinkMtu, facts.uplinkInterface).mtu),
  };
  const state: WizardState = {
    step: 'detect',
    facts,
    fields,
    errors: {},
    touched: [],
    choices: {
      keys: facts.existingPublicKey !== undefined ? 'keep' : 'generate',
      presharedKey: false,
      routing: undefined,
      firewall: 'all',
    },
    generatedPublicKey: undefined,
    importedPublicKey: undefined,
    pending: undefined,
    blockers: [],
    notices: [],
    effects: [],
    previousWgQuick: undefined,
    secretPresharedKey: undefined,
    editing: undefined,
    farFromPairingCode: false,
    applied: false,
    done: false,
  };
  return { ...state, errors: inlineErrors(state) };
}
