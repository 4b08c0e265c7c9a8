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

/**
 * The far gateway's matching site file: this gateway as its only peer. The far side's LAN interface
 * and routing are not known here, so routing is `masquerade` (works without router changes) and
 * the interface is detected there; the far admin should review both.
 * @throws InputProblems when the file would not pass checkSite (e.g. the far-site step is unfinished).
 */
export function farSiteFileFrom(state: WizardState): SiteFileJson {
  const far = farEnd(state);
  const self = selfEnd(state);
  const file = siteFileBetween(far, self, {
    interface: 'wg0',
    routing: 'masquerade',
    ...(far.endpoint === undefined ? { persistentKeepalive: NAT_KEEPALIVE } : {}),
    ...(state.choices.presharedKey ? { presharedKeyFile: presharedKeyPath('wg0', self.siteName) } : {}),
  });
  const { problems } = checkSite(file);
  if (problems.length > 0) throw new InputProblems(problems);
  return file;
}
