/**
 * Filling fields: one edit with its automatic follow-ups, an imported wg-quick file, and a pasted
 * pairing code. Every path ends with the inline errors recomputed.
 */
import { cidrContains, parseCidrList, parseInterfaceAddress, parseIp, type Cidr } from '../cidr.js';
import { InputError } from '../errors.js';
import { parsePublicKey, publicKeyOf } from '../keys.js';
import { tunnelEndByKeys } from '../tunnel-addressing.js';
import { decodePairingCode } from '../pairing/code.js';
import { siteFromPairing } from '../pairing/site-from-pairing.js';
import { parseWgConfig } from '../wg-config/parse.js';
import { readConfig } from '../wg-config/read.js';
import { hostPrefixOf, inlineErrors, listOf, ownPublicKey } from './fields.js';
import { behindNat, farEndOf, proposeOwnEndpoint, proposeTunnel, subnetOf } from './proposals.js';
import type { FieldId, WizardState } from './types.js';

function parsed<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/** AllowedIPs as the far peer will get them: its tunnel address as a host prefix, then its LAN subnets. */
export function allowedIpsOf(state: WizardState): string {
  const far = parsed(() => parseIp(state.fields.farTunnelAddress));
  const tunnel = far ? hostPrefixOf(far) : state.fields.farTunnelAddress.trim();
  return [tunnel, ...listOf(state.fields.farSubnets)].filter((x) => x !== '').join(', ');
}

function raw(state: WizardState, field: FieldId, value: string, touch: boolean): WizardState {
  const touched = touch && !state.touched.includes(field) ? [...state.touched, field] : state.touched;
  return { ...state, fields: { ...state.fields, [field]: value }, touched };
}

function follow(state: WizardState, field: FieldId): WizardState {
  let s = state;
  const auto = (target: FieldId, value: string | undefined) => {
    if (value !== undefined && !s.touched.includes(target) && s.fields[target] !== value) {
      s = follow(raw(s, target, value, false), target);
    }
  };
  switch (field) {
    case 'lanAddress':
      auto('lanSubnets', subnetOf(s.fields.lanAddress));
      break;
    case 'lanSubnets': {
      const tunnel = parsed(() => parseCidrList(s.fields.lanSubnets))
        ? proposeTunnel(s.fields.lanSubnets, s.facts)
        : undefined;
      // The far end follows the new tunnel address through the 'tunnelAddress' case.
      auto('tunnelAddress', tunnel?.local);
      break;
    }
    case 'tunnelAddress':
      auto('farTunnelAddress', farEndOf(s.fields.tunnelAddress));
      break;
    case 'listenPort':
      auto('ownEndpoint', proposeOwnEndpoint(s.facts, s.fields.listenPort) || undefined);
      break;
    case 'farTunnelAddress':
    case 'farSubnets':
      s = raw(s, 'allowedIps', allowedIpsOf(s), false);
      break;
    case 'allowedIps': {
      const far = parsed(() => parseIp(s.fields.farTunnelAddress));
      const entries = parsed(() => parseCidrList(s.fields.allowedIps, 'allowedIps'));
      if (far && entries?.some((c) => c.text === hostPrefixOf(far))) {
        const subnets = entries.filter((c) => c.text !== hostPrefixOf(far)).map((c) => c.text);
        s = raw(s, 'farSubnets', subnets.join(', '), true);
      }
      break;
    }
  }
  return s;
}

/**
 * Once both public keys are known, take the end of the proposed tunnel pair that the far gateway
 * expects of this one (tunnelEndByKeys: the lower key takes the lower address), so two gateways set
 * up by hand never take the same address. Addresses typed, pasted from a code or read from a site
 * file are left as they are. The inline errors are not recomputed here.
 */
export function orientTunnel(state: WizardState): WizardState {
  if (state.touched.includes('tunnelAddress') || state.touched.includes('farTunnelAddress')) return state;
  const own = ownPublicKey(state);
  const far = parsed(() => parsePublicKey(state.fields.farPublicKey.trim()));
  if (own === undefined || far === undefined) return state;
  const ends = parsed(() => tunnelEndByKeys(state.fields.tunnelAddress.trim(), own, far));
  if (ends === undefined || ends.local === state.fields.tunnelAddress.trim()) return state;
  const moved = follow(raw(state, 'tunnelAddress', ends.local, false), 'tunnelAddress');
  return {
    ...moved,
    notices: [
      ...moved.notices,
      `This gateway's tunnel address is now ${ends.local}: of two gateways, the one with the lower public key takes the lower address, so both ends agree without a pairing code.`,
    ],
  };
}

/** Set one field as the admin typed it, apply the automatic follow-ups, and re-check every field. */
export function setField(state: WizardState, field: FieldId, value: string, touch = true): WizardState {
  const next = orientTunnel(follow(raw(state, field, value, touch), field));
  const farFromPairingCode = next.farFromPairingCode && field !== 'farPublicKey';
  return { ...next, farFromPairingCode, errors: inlineErrors(next), blockers: [] };
}

/** Pick the peer's tunnel address among its AllowedIPs: a host prefix inside our tunnel subnet, else any host prefix. */
function farTunnelFrom(allowed: Cidr[], tunnelAddress: string): Cidr | undefined {
  const own = parsed(() => parseInterfaceAddress(tunnelAddress));
  const hosts = allowed.filter((c) => c.prefix === (c.version === 4 ? 32 : 128));
  const inside = own ? hosts.find((c) => cidrContains(own.network, c)) : undefined;
  return inside ?? hosts[0];
}

/** Prefill from an existing wg-quick file; its text is kept so apply preserves comments and hooks. */
export function importConfig(state: WizardState, text: string): WizardState {
  let document;
  let warnings;
  try {
    ({ document, warnings } = parseWgConfig(text));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return {
      ...state,
      errors: { ...state.errors, importConfig: `The file cannot be imported: ${error.message}` },
    };
  }
  const settings = readConfig(document);
  const notices = warnings.map((w) => `imported file, line ${w.line}: ${w.message}`);
  let s = state;
  const set = (field: FieldId, value: string | number | undefined) => {
    if (value !== undefined) s = setField(s, field, String(value));
  };
  const iface = settings.interface;
  set('tunnelAddress', iface.addresses[0]);
  if (iface.addresses.length > 1) {
    notices.push(
      `The file has ${iface.addresses.length} addresses; the wizard keeps only ${iface.addresses[0]}.`,
    );
  }
  set('listenPort', iface.listenPort);
  set('mtu', iface.mtu);
  let importedPublicKey = s.importedPublicKey;
  let keys = s.choices.keys;
  if (iface.privateKey !== undefined) {
    importedPublicKey = publicKeyOf(iface.privateKey, 'PrivateKey');
    keys = 'imported';
    notices.push('The private key in the file moves to its own 0600 key file when applied.');
  }
  const peer = settings.peers[0];
  let secret = s.secretPresharedKey;
  let psk = s.choices.presharedKey;
  if (peer) {
    set('farName', peer.name ?? '');
    set('farPublicKey', peer.publicKey);
    set('farEndpoint', peer.endpoint ?? '');
    set('keepalive', peer.persistentKeepalive ? peer.persistentKeepalive : '');
    const allowed = peer.allowedIps.flatMap((a) => parsed(() => [parseInterfaceAddress(a).network]) ?? []);
    const tunnel = farTunnelFrom(allowed, s.fields.tunnelAddress);
    if (tunnel) set('farTunnelAddress', tunnel.text.split('/')[0]);
    set(
      'farSubnets',
      allowed
        .filter((c) => c !== tunnel)
        .map((c) => c.text)
        .join(', '),
    );
    if (peer.presharedKey !== undefined) {
      secret = { value: peer.presharedKey, source: 'imported-config' };
      psk = true;
    }
  }
  if (settings.peers.length > 1) {
    notices.push(
      `The file has ${settings.peers.length} peers; the wizard sets up one far site (the first), and applying would remove the others from the file.`,
    );
  }
  const next: WizardState = {
    ...s,
    previousWgQuick: text,
    importedPublicKey,
    choices: { ...s.choices, keys, presharedKey: psk },
    secretPresharedKey: secret,
    notices: [...s.notices, ...notices],
  };
  const { importConfig: _dropped, ...errors } = inlineErrors(next);
  return { ...next, errors };
}

/** Fill the far site (and this side's tunnel address) from the far gateway's pairing code. */
export function pastePairingCode(state: WizardState, text: string): WizardState {
  const own = ownPublicKey(state);
  let info;
  try {
    info = decodePairingCode(text, own === undefined ? {} : { publicKey: own });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { ...state, errors: { ...state.errors, pairingCode: error.message } };
  }
  const f = state.fields;
  const result = siteFromPairing(
    {
      siteName: f.name.trim(),
      publicKey: own ?? '',
      ...(f.ownEndpoint.trim() !== '' ? { endpoint: f.ownEndpoint.trim() } : {}),
      subnets: listOf(f.lanSubnets),
      listenPort: Number(f.listenPort) || 0,
      interface: f.interface.trim(),
      behindNat: behindNat(state.facts),
      // result.farSite is not used here (the hand-off offers no file to a gateway that made a code).
      farRouting: 'masquerade',
    },
    info,
  );
  const notices = [...result.warnings];
  if (result.tunnelAddress !== f.tunnelAddress.trim()) {
    notices.push(
      `This gateway's tunnel address is now ${result.tunnelAddress}, as the pairing code asks, so both ends match.`,
    );
  }
  let s = state;
  const set = (field: FieldId, value: string) => (s = setField(s, field, value));
  set('tunnelAddress', result.tunnelAddress);
  set('farName', result.peer.name);
  set('farPublicKey', result.peer.publicKey);
  set('farEndpoint', result.peer.endpoint ?? '');
  set('farTunnelAddress', result.peer.tunnelAddress);
  set('farSubnets', result.peer.subnets.join(', '));
  set('keepalive', result.peer.persistentKeepalive ? String(result.peer.persistentKeepalive) : '');
  let secret = s.secretPresharedKey;
  let psk = s.choices.presharedKey;
  if (info.presharedKey !== undefined) {
    secret = { value: info.presharedKey, source: 'pairing-code' };
    psk = true;
    notices.push('The pairing code carries a preshared key; it is written to a 0600 file when applied.');
  } else if (psk) {
    notices.push(
      'This gateway will use a preshared key: give the far gateway the same one (wg-site pair --include-psk).',
    );
  }
  const { pairingCode: _dropped, ...errors } = s.errors;
  return {
    ...s,
    errors,
    choices: { ...s.choices, presharedKey: psk },
    secretPresharedKey: secret,
    farFromPairingCode: true,
    notices: [...s.notices, ...notices],
  };
}
