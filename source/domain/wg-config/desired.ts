/**
 * Checking and comparing desired settings before they are written: every value must pass the
 * same checks a parsed file does, so a rendered file is always one `wg` accepts.
 */
import { parseInterfaceAddress } from '../cidr.js';
import { parseEndpoint } from '../endpoint.js';
import { DuplicateError, InputError, KeyError, NameError } from '../errors.js';
import { publicKeyOf } from '../keys.js';
import { specOf } from './schema.js';
import { parseValue } from './values.js';
import type { InterfaceSettings, KnownKey, PeerSettings, WgSettings } from './types.js';

/** A desired value in comparable form: undefined (no line), a scalar, or a list of items. */
export type Desired = string | number | boolean | string[] | undefined;

/** The desired value of a key, from a section's settings (SaveConfig false counts as unset). */
export function desiredOf(key: KnownKey, settings: InterfaceSettings | PeerSettings): Desired {
  const i = settings as InterfaceSettings;
  const p = settings as PeerSettings;
  const values: Record<KnownKey, Desired> = {
    Address: i.addresses,
    ListenPort: i.listenPort,
    MTU: i.mtu,
    PrivateKey: i.privateKey,
    DNS: i.dns,
    Table: i.table,
    FwMark: i.fwMark,
    SaveConfig: i.saveConfig ? true : undefined,
    PreUp: i.preUp,
    PostUp: i.postUp,
    PreDown: i.preDown,
    PostDown: i.postDown,
    PublicKey: p.publicKey,
    PresharedKey: p.presharedKey,
    Endpoint: p.endpoint,
    AllowedIPs: p.allowedIps,
    PersistentKeepalive: p.persistentKeepalive,
  };
  const value = values[key];
  return Array.isArray(value) ? value.map((v) => (specOf(key).shape === 'hook' ? v : v.trim())) : value;
}

/** The text a value is written as in the file. */
export function formatValue(key: KnownKey, value: Exclude<Desired, undefined>): string {
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Comparable form of one list item or scalar. */
function normalise(key: KnownKey, value: string | number | boolean): string {
  const text = String(value).trim();
  if (key === 'Address' || key === 'AllowedIPs') {
    const a = parseInterfaceAddress(text);
    return `${a.address.text}/${a.prefix}`;
  }
  if (key === 'Endpoint') return parseEndpoint(text).text;
  if (key === 'DNS') return text.toLowerCase();
  return text;
}

/** True when the current and desired values mean the same (lists: same items in any order; hooks: same order). */
export function sameValue(key: KnownKey, current: Desired, desired: Desired): boolean {
  if (current === undefined || desired === undefined) return current === desired;
  const shape = specOf(key).shape;
  if (shape === 'hook') {
    const a = current as string[];
    const b = desired as string[];
    return a.length === b.length && a.every((v, n) => v === b[n]);
  }
  if (shape === 'list') {
    const a = (current as string[]).map((v) => normalise(key, v)).sort();
    const b = (desired as string[]).map((v) => normalise(key, v)).sort();
    return a.length === b.length && a.every((v, n) => v === b[n]);
  }
  return normalise(key, current as string) === normalise(key, desired as string);
}

function checkSection(
  settings: InterfaceSettings | PeerSettings,
  section: 'Interface' | 'Peer',
  prefix: string,
): void {
  for (const spec of KEYS[section]) {
    const value = desiredOf(spec, settings);
    if (value === undefined) continue;
    const field = `${prefix}.${spec}`;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (/[\r\n]/.test(String(item))) {
        throw new InputError(field, `${spec} contains a line break; each value must fit on one line.`);
      }
    }
    if (Array.isArray(value) && value.length === 0) continue;
    const parsed = parseValue(spec, formatValue(spec, value), field, () => {});
    if (specOf(spec).shape === 'scalar' && typeof value !== 'string' && parsed !== value) {
      throw new InputError(field, `${spec} ${String(value)} is not a value wg accepts.`);
    }
  }
}

const KEYS: Record<'Interface' | 'Peer', KnownKey[]> = {
  Interface: [
    'Address',
    'ListenPort',
    'MTU',
    'PrivateKey',
    'DNS',
    'Table',
    'FwMark',
    'SaveConfig',
    'PreUp',
    'PostUp',
    'PreDown',
    'PostDown',
  ],
  Peer: ['PublicKey', 'PresharedKey', 'Endpoint', 'AllowedIPs', 'PersistentKeepalive'],
};

/** The keys of a section, in canonical order. */
export function keysOf(section: 'Interface' | 'Peer'): readonly KnownKey[] {
  return KEYS[section];
}

/**
 * Check desired settings with the same rules as a parsed file.
 * @throws InputError (KeyError, AddressError, EndpointError, ValueRangeError, DuplicateError, NameError)
 * naming a field such as `Peer[1].Endpoint`; never echoing a key.
 */
export function checkDesired(desired: WgSettings): void {
  checkSection(desired.interface, 'Interface', 'Interface');
  const own = desired.interface.privateKey
    ? publicKeyOf(desired.interface.privateKey, 'Interface.PrivateKey')
    : undefined;
  const seen = new Map<string, number>();
  desired.peers.forEach((peer, n) => {
    const prefix = `Peer[${n}]`;
    checkSection(peer, 'Peer', prefix);
    if (
      peer.name !== undefined &&
      (/[\r\n]/.test(peer.name) || peer.name.trim() === '' || peer.name.includes('='))
    ) {
      throw new NameError(
        `${prefix}.name`,
        'A peer name must be one line of text without "=" (it is written as a # comment).',
      );
    }
    const key = peer.publicKey.trim();
    if (key === own) {
      throw new KeyError(
        `${prefix}.PublicKey`,
        "This is the interface's own public key; use the far gateway's public key.",
      );
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new DuplicateError(
        `${prefix}.PublicKey`,
        `Peer[${earlier}] has the same PublicKey; each peer needs its own.`,
      );
    }
    seen.set(key, n);
  });
}
