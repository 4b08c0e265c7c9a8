/**
 * The keys of a wg-quick file, which section each belongs to, whether it repeats, and who reads
 * it: `wg` (config.c) or the wg-quick script itself (which `wg-quick strip` removes).
 */
import type { KnownKey } from './types.js';

/** How repeated lines of a key combine. */
export type KeyShape =
  /** One value; when repeated, the last line wins. */
  | 'scalar'
  /** Comma list; repeated lines add to the list. */
  | 'list'
  /** One shell command per line; repeated lines run in order. */
  | 'hook';

/** What the model knows about one key. */
export interface KeySpec {
  key: KnownKey;
  section: 'Interface' | 'Peer';
  shape: KeyShape;
  /** Read by the wg-quick script, not by `wg`. */
  wgQuick: boolean;
  /** Holds a secret that must never appear in a message. */
  secret: boolean;
  /** Position in a freshly rendered file (lower first). */
  rank: number;
}

function spec(
  key: KnownKey,
  section: KeySpec['section'],
  shape: KeyShape,
  rank: number,
  flags: { wgQuick?: boolean; secret?: boolean } = {},
): KeySpec {
  return { key, section, shape, rank, wgQuick: flags.wgQuick ?? false, secret: flags.secret ?? false };
}

/** Every known key, in canonical order within its section. */
export const KEY_SPECS: readonly KeySpec[] = [
  spec('Address', 'Interface', 'list', 0, { wgQuick: true }),
  spec('ListenPort', 'Interface', 'scalar', 1),
  spec('MTU', 'Interface', 'scalar', 2, { wgQuick: true }),
  spec('PrivateKey', 'Interface', 'scalar', 3, { secret: true }),
  spec('DNS', 'Interface', 'list', 4, { wgQuick: true }),
  spec('Table', 'Interface', 'scalar', 5, { wgQuick: true }),
  spec('FwMark', 'Interface', 'scalar', 6),
  spec('SaveConfig', 'Interface', 'scalar', 7, { wgQuick: true }),
  spec('PreUp', 'Interface', 'hook', 8, { wgQuick: true }),
  spec('PostUp', 'Interface', 'hook', 9, { wgQuick: true }),
  spec('PreDown', 'Interface', 'hook', 10, { wgQuick: true }),
  spec('PostDown', 'Interface', 'hook', 11, { wgQuick: true }),
  spec('PublicKey', 'Peer', 'scalar', 0),
  spec('PresharedKey', 'Peer', 'scalar', 1, { secret: true }),
  spec('Endpoint', 'Peer', 'scalar', 2),
  spec('AllowedIPs', 'Peer', 'list', 3),
  spec('PersistentKeepalive', 'Peer', 'scalar', 4),
];

const BY_LOWER = new Map(KEY_SPECS.map((s) => [s.key.toLowerCase(), s]));

/** The spec for a key as written (case-insensitive, surrounding whitespace ignored), if known. */
export function lookupKey(keyText: string): KeySpec | undefined {
  return BY_LOWER.get(keyText.trim().toLowerCase());
}

/** The spec of a known key. */
export function specOf(key: KnownKey): KeySpec {
  const found = BY_LOWER.get(key.toLowerCase());
  if (!found) throw new Error(`no spec for ${key}`);
  return found;
}
