/**
 * What the wizard shows besides the form: the consequences of each routing option, and at handoff
 * this gateway's pairing code and the far gateway's matching site file.
 */
import { parseInterfaceAddress } from '../cidr.js';
import { InputError, InputProblems } from '../errors.js';
import { encodePairingCode, type PairingInfo } from '../pairing/code.js';
import {
  NAT_KEEPALIVE,
  presharedKeyPath,
  siteFileBetween,
  type GatewayEnd,
  type SiteFileJson,
} from '../pairing/site-from-pairing.js';
import { planContext } from '../plan/plan.js';
import { routingAdvice, type RoutingAdvice } from '../plan/routing-advice.js';
import type { RoutingOption } from '../site/model.js';
import { checkSite } from '../site/validate.js';
import { listOf, ownPublicKey } from './fields.js';
import { buildSite, farListenPort } from './site-file.js';
import type { WizardState } from './types.js';

const OPTIONS: RoutingOption[] = ['default-router', 'static-route', 'masquerade'];

/**
 * The advice for every routing option, from the same routingAdvice `wg-site plan` prints.
 * Empty until the site and far-site steps hold a valid site (the advice names subnets and addresses).
 */
export function routingChoices(state: WizardState): RoutingAdvice[] {
  const facts = { ...state.facts, firewallBackend: state.facts.firewallBackend ?? 'nft' };
  return OPTIONS.flatMap((option) => {
    const draft = buildSite({ ...state, choices: { ...state.choices, routing: option } }, 'routing');
    const { site } = checkSite(draft);
    if (!site) return [];
    try {
      return [routingAdvice(planContext(site, facts))];
    } catch (error) {
      if (error instanceof InputError) return [];
      throw error;
    }
  });
}

/** The prefix length of this gateway's tunnel address (the far end takes the same). */
function tunnelPrefix(state: WizardState): number {
  return parseInterfaceAddress(state.fields.tunnelAddress, 'tunnel.address').prefix;
}

/** This gateway as the far one will see it. Valid once the site and keys steps are done. */
export function selfEnd(state: WizardState): GatewayEnd {
  const publicKey = ownPublicKey(state);
  if (publicKey === undefined) {
    throw new InputError('publicKey', 'This gateway has no key yet; finish the keys step first.');
  }
  const f = state.fields;
  const end: GatewayEnd = {
    siteName: f.name.trim(),
    publicKey,
    tunnelAddress: f.tunnelAddress.trim(),
    subnets: listOf(f.lanSubnets),
    listenPort: Number(f.listenPort.trim()),
  };
  if (f.ownEndpoint.trim() !== '') end.endpoint = f.ownEndpoint.trim();
  return end;
}

/** The far gateway as entered on the far-site step. */
export function farEnd(state: WizardState): GatewayEnd {
  const f = state.fields;
  const end: GatewayEnd = {
    siteName: f.farName.trim(),
    publicKey: f.farPublicKey.trim(),
    tunnelAddress: `${f.farTunnelAddress.trim()}/${tunnelPrefix(state)}`,
    subnets: listOf(f.farSubnets),
    listenPort: farListenPort(state),
  };
  if (f.farEndpoint.trim() !== '') end.endpoint = f.farEndpoint.trim();
  return end;
}

/**
 * This gateway's pairing code, for the far gateway's wizard. Available from the end of the keys step
 * on (the far tunnel address is the proposed one until the far-site step changes it).
 * The preshared key is included only with `includePresharedKey` and a key to include: the one from
 * the state (pasted or imported) or `presharedKey`, read by the caller from the 0600 file.
 * @throws InputError when a value the code needs is not valid yet.
 */
export function pairingCodeFrom(
  state: WizardState,
  options: { includePresharedKey?: boolean; presharedKey?: string } = {},
): string {
  const self = selfEnd(state);
  const info: PairingInfo = {
    ...self,
    peerTunnelAddress: `${state.fields.farTunnelAddress.trim()}/${tunnelPrefix(state)}`,
  };
  const psk = options.presharedKey ?? state.secretPresharedKey?.value;
  if (psk !== undefined) info.presharedKey = psk;
  return encodePairingCode(info, { includePresharedKey: options.includePresharedKey === true });
}

/** The far gateway's site file as far as this gateway can know it: all but the far side's routing. */
export type FarSiteFile = Omit<SiteFileJson, 'routing'>;

/**
 * What the hand-off offers the far gateway besides this gateway's pairing code: a site file, or
 * nothing when the far gateway made its own (its pairing code was pasted here). Never a routing
 * option: that is the far admin's choice for the far LAN, and the pairing code does not carry it.
 */
export type FarSiteHandoff =
  { kind: 'file'; file: FarSiteFile; note: string } | { kind: 'own'; note: string };

/**
 * The far gateway's matching site file: this gateway as its only peer. Its LAN interface is detected
 * there, and `routing` is left out for the far admin to add (see {@link FarSiteHandoff}).
 * @throws InputProblems when the file would not pass checkSite once a routing is added (e.g. the
 * far-site step is unfinished).
 */
export function farSiteFileFrom(state: WizardState): FarSiteFile {
  const far = farEnd(state);
  const self = selfEnd(state);
  const { routing: _theirs, ...file } = siteFileBetween(far, self, {
    interface: 'wg0',
    // Only to check the rest of the file: the far side's routing is not known here.
    routing: 'masquerade',
    ...(far.endpoint === undefined ? { persistentKeepalive: NAT_KEEPALIVE } : {}),
    ...(state.choices.presharedKey ? { presharedKeyFile: presharedKeyPath('wg0', self.siteName) } : {}),
  });
  const { problems } = checkSite({ ...file, routing: 'masquerade' });
  if (problems.length > 0) throw new InputProblems(problems);
  return file;
}

/** What to hand the far gateway besides the code (see {@link FarSiteHandoff}). */
export function farSiteHandoff(state: WizardState): FarSiteHandoff {
  if (state.farFromPairingCode) {
    return {
      kind: 'own',
      note: `${state.fields.farName.trim()} made the pairing code pasted here, so it has its own site file and its own routing choice: it needs only this gateway's code, pasted on its step 4.`,
    };
  }
  return {
    kind: 'file',
    file: farSiteFileFrom(state),
    note: 'Its "routing" is left out: only the far admin knows the far LAN. Add "routing": "default-router", "static-route" or "masquerade" (wg-site plan there explains each), review its LAN interface, then wg-site apply --site <file>.',
  };
}
