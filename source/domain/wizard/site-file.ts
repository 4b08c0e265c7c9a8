/**
 * From wizard state to the site file: the same JSON `wg-site plan/apply` read, checked by the same
 * `checkSite`. While the admin is on an early step, the parts of later steps are filled with
 * placeholders, so cross-field checks of the finished steps (overlaps, the tunnel subnet) run early;
 * problems that land on a placeholder are not reported. When the wizard edits an existing site
 * file, its peers after the first are written back unchanged.
 */
import { parseEndpoint, DEFAULT_PORT } from '../endpoint.js';
import { cidrContains, parseCidr, parseInterfaceAddress, parseIp } from '../cidr.js';
import { presharedKeyPath, type PeerJson, type SiteFileJson } from '../pairing/site-from-pairing.js';
import { checkSite } from '../site/validate.js';
import type { InputError } from '../errors.js';
import { listOf, normalCidr, ownPublicKey, slotOfPath, stepIndex, stepOfSlot } from './fields.js';
import type { ErrorSlot, StepId, WizardState } from './types.js';

/** A public key no real far gateway has, used as the placeholder peer's key before the far-site step. */
const PLACEHOLDER_KEY = 'kJKKbI3SCtlyP5eBEEtyzV/Pu7plgg+vQ31whA9jaWI=';

/** Digits become a number; anything else stays text, so the schema reports it. */
function numberOr(text: string): number | string {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : t;
}

function endpointText(text: string): string {
  try {
    return parseEndpoint(text).text;
  } catch {
    return text.trim();
  }
}

function farPeer(state: WizardState): PeerJson {
  const f = state.fields;
  const peer: PeerJson = {
    name: f.farName.trim(),
    publicKey: f.farPublicKey.trim(),
    tunnelAddress: f.farTunnelAddress.trim(),
    subnets: listOf(f.farSubnets).map(normalCidr),
  };
  if (f.farEndpoint.trim() !== '') peer.endpoint = endpointText(f.farEndpoint);
  const keepalive = numberOr(f.keepalive);
  if (keepalive !== '' && keepalive !== 0) peer.persistentKeepalive = keepalive as number;
  if (state.choices.presharedKey) peer.presharedKeyFile = presharedKeyFileOf(state);
  return peer;
}

/**
 * Where the far peer's preshared key file is: the path the edited site file names, else the
 * wizard's own /etc/wireguard/<if>-<far site>.psk.
 */
export function presharedKeyFileOf(state: WizardState): string {
  return (
    state.editing?.presharedKeyFile ??
    presharedKeyPath(state.fields.interface.trim(), state.fields.farName.trim())
  );
}

function placeholderPeer(state: WizardState): PeerJson {
  let tunnelAddress = '10.255.255.1';
  try {
    tunnelAddress = parseInterfaceAddress(state.fields.tunnelAddress).address.text;
  } catch {
    // any parseable address will do: problems on a placeholder are never reported
  }
  return { name: 'far', publicKey: PLACEHOLDER_KEY, tunnelAddress, subnets: ['192.0.2.0/24'] };
}

/**
 * Build the site file from the state. With `upTo`, the values of steps after it are placeholders.
 * @returns JSON for `checkSite`; invalid text stays as typed so its problem is reported.
 */
export function buildSite(state: WizardState, upTo?: StepId): SiteFileJson {
  const f = state.fields;
  const reached = (step: StepId) => upTo === undefined || stepIndex(step) <= stepIndex(upTo);
  const lan: SiteFileJson['lan'] = { subnets: listOf(f.lanSubnets).map(normalCidr) };
  if (f.lanInterface.trim() !== '') lan.interface = f.lanInterface.trim();
  if (f.lanAddress.trim() !== '') lan.address = f.lanAddress.trim();
  const tunnel: SiteFileJson['tunnel'] = {
    address: f.tunnelAddress.trim(),
    listenPort: numberOr(f.listenPort) as number,
  };
  if (reached('firewall') && f.mtu.trim() !== '') tunnel.mtu = numberOr(f.mtu) as number;
  const ports = (text: string) => listOf(text).map(numberOr) as number[];
  const fromRemote: SiteFileJson['firewall'] =
    reached('firewall') && state.choices.firewall === 'ports'
      ? { fromRemote: { tcp: ports(f.tcpPorts), udp: ports(f.udpPorts) } }
      : { fromRemote: 'all' };
  const site: SiteFileJson = {
    interface: f.interface.trim(),
    name: f.name.trim(),
    lan,
    tunnel,
    routing: reached('routing') ? state.choices.routing! : 'default-router',
    firewall: fromRemote,
    // An edited site file's far peer is real from the start, so overlaps with it show on early steps.
    peers: [
      reached('far-site') || state.editing ? farPeer(state) : placeholderPeer(state),
      ...(state.editing?.otherPeers ?? []),
    ],
  };
  if (site.routing === undefined) delete (site as Partial<SiteFileJson>).routing;
  return site;
}

/** The finished site file the wizard writes: validate it with `checkSite` (the wizard does at review). */
export function siteFileFrom(state: WizardState): SiteFileJson {
  return buildSite(state);
}

/** One problem found by checkSite, with the wizard field it belongs to. */
export interface StepProblem {
  slot: ErrorSlot | undefined;
  message: string;
}

/** checkSite's problems that belong to `step` or an earlier step (all of them when `step` is review or later). */
export function problemsUpTo(state: WizardState, step: StepId): StepProblem[] {
  const late = stepIndex(step) >= stepIndex('review');
  const raw = buildSite(state, late ? undefined : step);
  const own = ownPublicKey(state);
  const { problems } = checkSite(raw, own === undefined ? {} : { publicKey: own });
  return problems
    .map((problem: InputError) => ({ slot: slotOfPath(problem.field, step), message: problem.message }))
    .filter((p) => late || p.slot === undefined || stepIndex(stepOfSlot(p.slot)) <= stepIndex(step));
}

/** The far gateway's listen port as far as this side knows it: its endpoint's port, else the default. */
export function farListenPort(state: WizardState): number {
  try {
    return parseEndpoint(state.fields.farEndpoint).port;
  } catch {
    return DEFAULT_PORT;
  }
}

/** True when an address is not reachable from the internet as it is (RFC 1918, CGNAT, link-local, ULA). */
export function isPrivateAddress(text: string): boolean {
  let ip;
  try {
    ip = parseIp(text);
  } catch {
    return false;
  }
  const ranges =
    ip.version === 4
      ? ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '127.0.0.0/8']
      : ['fc00::/7', 'fe80::/10', '::1/128'];
  return ranges.some((range) => cidrContains(parseCidr(range), ip));
}
