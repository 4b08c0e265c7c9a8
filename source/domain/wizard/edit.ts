/**
 * Editing an existing site file with the wizard: every step is filled from the file, so that
 * pressing Enter through all steps writes the same site file again (and plans the same files).
 *
 * Sites with several peers: the wizard's forms hold one far site, so they edit the first peer and
 * the others are carried along unchanged (`state.editing.otherPeers`, appended by siteFileFrom).
 * Cross-checks still run over all peers; a problem on another peer has no field and is shown as
 * a blocker. Changing the other peers is done in the site file itself, then `wg-site apply`.
 */
import type { InterfaceAddress } from '../cidr.js';
import type { PeerJson } from '../pairing/site-from-pairing.js';
import { pathsFor } from '../plan/context.js';
import type { Site, SitePeer } from '../site/model.js';
import { checkSite } from '../site/validate.js';
import { FIELDS, inlineErrors, ownPublicKey } from './fields.js';
import { initialState } from './initial.js';
import { allowedIpsOf } from './prefill.js';
import { proposeOwnEndpoint } from './proposals.js';
import type { WizardHost } from './services.js';
import type { FieldId, WizardState } from './types.js';

/** Fields the site file does not hold: proposed or derived as before, never marked as the admin's. */
const DERIVED: FieldId[] = ['ownEndpoint', 'allowedIps'];

function addressText(a: InterfaceAddress): string {
  return `${a.address.text}/${a.prefix}`;
}

/** A checked peer back as site-file JSON; checkSite of it gives the same peer. */
export function peerJsonOf(peer: SitePeer): PeerJson {
  const json: PeerJson = {
    name: peer.name,
    publicKey: peer.publicKey,
    tunnelAddress: peer.tunnelAddress.text,
    subnets: peer.subnets.map((c) => c.text),
  };
  if (peer.endpoint !== undefined) json.endpoint = peer.endpoint.text;
  if (peer.persistentKeepalive !== undefined) json.persistentKeepalive = peer.persistentKeepalive;
  if (peer.presharedKeyFile !== undefined) json.presharedKeyFile = peer.presharedKeyFile;
  return json;
}

/** True for a checked {@link Site} (its addresses are parsed), false for raw site-file JSON. */
function isSite(value: unknown): value is Site {
  const tunnel = (value as { tunnel?: { address?: unknown } } | null)?.tunnel;
  return typeof tunnel?.address === 'object' && tunnel.address !== null;
}

function fieldsFrom(state: WizardState, site: Site): Record<FieldId, string> {
  const peer = site.peers[0]!;
  const fromRemote = site.firewall.fromRemote;
  const listenPort = String(site.tunnel.listenPort);
  const fields: Record<FieldId, string> = {
    interface: site.interface,
    name: site.name,
    // A site file without lan.interface leaves it to detection; the wizard writes the detected one.
    lanInterface: site.lan.interface ?? state.fields.lanInterface,
    lanAddress: site.lan.address ? addressText(site.lan.address) : '',
    lanSubnets: site.lan.subnets.map((c) => c.text).join(', '),
    tunnelAddress: addressText(site.tunnel.address),
    listenPort,
    ownEndpoint: proposeOwnEndpoint(state.facts, listenPort),
    farName: peer.name,
    farPublicKey: peer.publicKey,
    farEndpoint: peer.endpoint?.text ?? '',
    farTunnelAddress: peer.tunnelAddress.text,
    farSubnets: peer.subnets.map((c) => c.text).join(', '),
    keepalive: peer.persistentKeepalive ? String(peer.persistentKeepalive) : '',
    allowedIps: '',
    tcpPorts: fromRemote === 'all' ? '' : fromRemote.tcp.join(', '),
    udpPorts: fromRemote === 'all' ? '' : fromRemote.udp.join(', '),
    // Empty means "derive it", as the site file does without tunnel.mtu.
    mtu: site.tunnel.mtu === undefined ? '' : String(site.tunnel.mtu),
  };
  return fields;
}

function noticesFor(state: WizardState, site: Site): string[] {
  const notices: string[] = [];
  const others = site.peers.slice(1).map((p) => p.name);
  if (others.length > 0) {
    notices.push(
      `The site file has ${site.peers.length} peers: the wizard edits the first (${site.peers[0]!.name}) and keeps ${others.join(', ')} as they are. To change those, edit the site file and run wg-site apply.`,
    );
  }
  if (state.facts.existingPublicKey === undefined) {
    notices.push(
      `There is no key file ${pathsFor(site.interface).privateKey}: a new key is generated, and every far gateway then needs the new public key.`,
    );
  }
  return notices;
}

/**
 * Fill every step of a fresh wizard (from {@link initialState}) from an existing site file, so the
 * admin edits it instead of starting over. `input` is a checked {@link Site} or raw site-file JSON;
 * raw JSON is checked first, and when it has problems the state is returned unchanged but for a
 * notice naming them. `path` is where the file lives (default /etc/wg-site/<if>.json).
 * The key choice is "keep" when the gateway has a key file. With no edits, siteFileFrom(result)
 * checks to the same Site as the file.
 */
export function prefillFromSite(state: WizardState, input: Site | unknown, path?: string): WizardState {
  let site: Site;
  if (isSite(input)) {
    site = input;
  } else {
    const own = ownPublicKey(state);
    const checked = checkSite(input, own === undefined ? {} : { publicKey: own });
    if (!checked.site) {
      const where = path ?? 'The site file';
      const first = checked.problems[0]?.message ?? 'it is not valid';
      const more = checked.problems.length > 1 ? ` (+${checked.problems.length - 1} more)` : '';
      return {
        ...state,
        notices: [...state.notices, `${where} cannot be edited, starting from the host: ${first}${more}`],
      };
    }
    site = checked.site;
  }
  const peer = site.peers[0]!;
  const fields = fieldsFrom(state, site);
  const filled: WizardState = {
    ...state,
    fields,
    touched: FIELDS.filter((f) => !DERIVED.includes(f)),
    choices: {
      ...state.choices,
      keys: state.facts.existingPublicKey !== undefined ? 'keep' : 'generate',
      presharedKey: peer.presharedKeyFile !== undefined,
      routing: site.routing,
      firewall: site.firewall.fromRemote === 'all' ? 'all' : 'ports',
    },
    editing: {
      path: path ?? pathsFor(site.interface).site,
      otherPeers: site.peers.slice(1).map(peerJsonOf),
      presharedKeyFile: peer.presharedKeyFile,
    },
    notices: [...state.notices, ...noticesFor(state, site)],
    blockers: [],
    effects: [],
  };
  const withAllowed: WizardState = {
    ...filled,
    fields: { ...filled.fields, allowedIps: allowedIpsOf(filled) },
  };
  return { ...withAllowed, errors: inlineErrors(withAllowed) };
}

/**
 * The wizard's first state for a host: fresh from the host facts, or filled from the interface's
 * site file when detection found a sound one (a broken one is reported on step 1 instead).
 */
export function startState(host: WizardHost): WizardState {
  const fresh = initialState(host.facts);
  const existing = host.existingSite;
  return existing?.site ? prefillFromSite(fresh, existing.site, existing.path) : fresh;
}
