/**
 * Per-field knowledge: which step a field belongs to, its inline check (always one of the core's
 * parsers, so the wizard shows the same message as `wg-site plan`), and which field a site-file
 * problem path such as `peers[0].subnets[1]` points at.
 */
import { parseCidr, parseCidrList, parseInterfaceAddress, parseIp, type IpAddress } from '../cidr.js';
import { parseEndpoint, parsePort } from '../endpoint.js';
import { InputError, KeyError, ValueRangeError } from '../errors.js';
import { parsePublicKey } from '../keys.js';
import { parseInterfaceName, parseSiteName } from '../names.js';
import { STEPS, type ErrorSlot, type FieldId, type StepId, type WizardState } from './types.js';

/** The step each field is edited on. */
export const FIELD_STEP: Record<FieldId, StepId> = {
  interface: 'site',
  name: 'site',
  lanInterface: 'site',
  lanAddress: 'site',
  lanSubnets: 'site',
  tunnelAddress: 'site',
  listenPort: 'site',
  ownEndpoint: 'site',
  farName: 'far-site',
  farPublicKey: 'far-site',
  farEndpoint: 'far-site',
  farTunnelAddress: 'far-site',
  farSubnets: 'far-site',
  keepalive: 'far-site',
  allowedIps: 'allowed-ips',
  tcpPorts: 'firewall',
  udpPorts: 'firewall',
  mtu: 'firewall',
};

/** Every field, in the order the steps show them. */
export const FIELDS = Object.keys(FIELD_STEP) as FieldId[];

/** Position of a step in {@link STEPS}. */
export function stepIndex(step: StepId): number {
  return STEPS.indexOf(step);
}

/** The fields of one step. */
export function fieldsOf(step: StepId): FieldId[] {
  return FIELDS.filter((field) => FIELD_STEP[field] === step);
}

/** Comma-separated entries, trimmed, empty ones dropped. */
export function listOf(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** This gateway's public key as the current key choice gives it, if known. */
export function ownPublicKey(state: WizardState): string | undefined {
  switch (state.choices.keys) {
    case 'keep':
      return state.facts.existingPublicKey;
    case 'imported':
      return state.importedPublicKey;
    case 'generate':
      return state.generatedPublicKey;
  }
}

/** The far gateway's tunnel address as a host prefix (`10.0.0.1/32`), the AllowedIPs entry for it. */
export function hostPrefixOf(address: IpAddress): string {
  return `${address.text}/${address.version === 4 ? 32 : 128}`;
}

/** Keepalive: blank (off) or seconds 0–65535, as the site file takes it. */
function checkKeepalive(text: string, field: string): void {
  const t = text.trim();
  if (t === '') return;
  if (!/^\d+$/.test(t) || Number(t) > 65535) {
    throw new ValueRangeError(
      field,
      `Keepalive "${t}" must be seconds from 1 to 65535 (25 keeps a NAT mapping open), or empty for off.`,
    );
  }
}

function checkMtuText(text: string, field: string): void {
  const t = text.trim();
  if (t === '') return;
  if (!/^\d+$/.test(t)) {
    throw new ValueRangeError(
      field,
      `MTU "${t}" must be a whole number, usually 1420; leave it empty to derive it.`,
    );
  }
}

function checkPorts(text: string, field: string): void {
  listOf(text).forEach((item, i) => parsePort(item, `${field}[${i}]`));
}

function checkList(text: string, field: string, what: string): void {
  if (listOf(text).length === 0) {
    throw new InputError(field, `${what} is empty; give at least one subnet, e.g. 192.168.1.0/24.`);
  }
  parseCidrList(text, field);
}

function checkAllowedIps(state: WizardState, field: string): void {
  const text = state.fields.allowedIps;
  checkList(text, field, 'AllowedIPs');
  let far: IpAddress;
  try {
    far = parseIp(state.fields.farTunnelAddress, 'peers[0].tunnelAddress');
  } catch {
    return; // the far-site step reports the tunnel address itself
  }
  const entries = parseCidrList(text, field);
  const host = hostPrefixOf(far);
  if (!entries.some((c) => c.text === host)) {
    throw new InputError(
      field,
      `AllowedIPs must keep ${host}, the far gateway's tunnel address; the rest are the far LAN subnets.`,
    );
  }
  if (entries.length < 2) {
    throw new InputError(field, `AllowedIPs needs at least one far LAN subnet besides ${host}.`);
  }
}

function checkFarKey(state: WizardState, field: string): void {
  const key = parsePublicKey(state.fields.farPublicKey, field);
  const own = ownPublicKey(state);
  if (own !== undefined && key === own) {
    throw new KeyError(
      field,
      `This is this gateway's own public key; paste the far gateway's public key instead.`,
    );
  }
}

/** Run the inline check of one field; returns the error text, or undefined when it is fine. */
export function fieldError(state: WizardState, field: FieldId): string | undefined {
  const text = state.fields[field];
  const optional = (check: () => unknown) => (text.trim() === '' ? undefined : check());
  const checks: Record<FieldId, () => unknown> = {
    interface: () => parseInterfaceName(text, 'interface'),
    name: () => parseSiteName(text, 'name'),
    lanInterface: () => parseInterfaceName(text, 'lan.interface'),
    lanAddress: () => optional(() => parseInterfaceAddress(text, 'lan.address')),
    lanSubnets: () => checkList(text, 'lan.subnets', 'LAN subnets'),
    tunnelAddress: () => parseInterfaceAddress(text, 'tunnel.address'),
    listenPort: () => parsePort(text, 'tunnel.listenPort'),
    ownEndpoint: () => optional(() => parseEndpoint(text, 'endpoint')),
    farName: () => parseSiteName(text, 'peers[0].name'),
    farPublicKey: () => checkFarKey(state, 'peers[0].publicKey'),
    farEndpoint: () => optional(() => parseEndpoint(text, 'peers[0].endpoint')),
    farTunnelAddress: () => parseIp(text, 'peers[0].tunnelAddress'),
    farSubnets: () => checkList(text, 'peers[0].subnets', 'Far LAN subnets'),
    keepalive: () => checkKeepalive(text, 'peers[0].persistentKeepalive'),
    allowedIps: () => checkAllowedIps(state, 'allowedIps'),
    tcpPorts: () =>
      state.choices.firewall === 'ports' ? checkPorts(text, 'firewall.fromRemote.tcp') : undefined,
    udpPorts: () =>
      state.choices.firewall === 'ports' ? checkPorts(text, 'firewall.fromRemote.udp') : undefined,
    mtu: () => checkMtuText(text, 'tunnel.mtu'),
  };
  try {
    checks[field]();
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

/** Inline errors of every field. */
export function inlineErrors(state: WizardState): Partial<Record<ErrorSlot, string>> {
  const errors: Partial<Record<ErrorSlot, string>> = {};
  for (const field of FIELDS) {
    const message = fieldError(state, field);
    if (message !== undefined) errors[field] = message;
  }
  return errors;
}

const PEER_FIELDS: Record<string, FieldId> = {
  name: 'farName',
  publicKey: 'farPublicKey',
  endpoint: 'farEndpoint',
  tunnelAddress: 'farTunnelAddress',
  subnets: 'farSubnets',
  persistentKeepalive: 'keepalive',
  presharedKeyFile: 'farName',
};

/**
 * The field (or slot) a site-file problem path points at. On the allowed-ips step the far tunnel
 * address and subnets are edited as AllowedIPs, so their problems are shown there. Problems of the
 * peers after the first (kept from an edited site file) have no field: they are shown as blockers.
 */
export function slotOfPath(path: string, step: StepId): ErrorSlot | undefined {
  const peer = /^peers\[0\]\.([A-Za-z]+)/.exec(path);
  if (peer) {
    const field = PEER_FIELDS[peer[1]!];
    if (step === 'allowed-ips' && (field === 'farSubnets' || field === 'farTunnelAddress'))
      return 'allowedIps';
    return field;
  }
  // Peers after the first are kept unchanged from an edited site file: no field of the wizard holds them.
  if (/^peers\[[1-9]/.test(path)) return undefined;
  if (path === 'peers' || path.startsWith('peers[')) return 'farName';
  const fixed: Array<[RegExp, ErrorSlot]> = [
    [/^interface$/, 'interface'],
    [/^name$/, 'name'],
    [/^lan\.interface$/, 'lanInterface'],
    [/^lan\.address$/, 'lanAddress'],
    [/^lan(\.subnets.*)?$/, 'lanSubnets'],
    [/^tunnel\.address$/, 'tunnelAddress'],
    [/^tunnel\.listenPort$/, 'listenPort'],
    [/^tunnel\.mtu$/, 'mtu'],
    [/^routing$/, 'routing'],
    [/^firewall\.fromRemote\.tcp/, 'tcpPorts'],
    [/^firewall\.fromRemote\.udp/, 'udpPorts'],
  ];
  return fixed.find(([pattern]) => pattern.test(path))?.[1];
}

/** The step on which an error slot is fixed. */
export function stepOfSlot(slot: ErrorSlot): StepId {
  if (slot === 'routing') return 'routing';
  if (slot === 'keys') return 'keys';
  if (slot === 'pairingCode') return 'far-site';
  if (slot === 'importConfig') return 'detect';
  if (slot === 'apply') return 'apply';
  return FIELD_STEP[slot];
}

/** A CIDR normalised when it parses, the text as typed otherwise (so checkSite names the mistake). */
export function normalCidr(text: string): string {
  try {
    return parseCidr(text).text;
  } catch {
    return text.trim();
  }
}
