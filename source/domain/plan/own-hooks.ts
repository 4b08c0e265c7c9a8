/**
 * Which hook lines of an existing wg-quick file are wg-site's, and how the plan's hooks are merged
 * with the admin's. wg-site's lines carry the `# wg-site` marker; files written before the marker are
 * migrated by recognising the exact lines those versions rendered for this interface. Anything else
 * is the admin's and is kept byte for byte, in place.
 */
import { hasOwnMarker, withOwnMarker } from '../wg-config/own-marker.js';
import { firewallTableName, legacyFirewallTableName, pathsFor } from './context.js';

/** The preshared-key hook earlier versions rendered: a 44-character key and a path without spaces. */
const LEGACY_PSK_HOOK = /^wg set %i peer [A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]= preshared-key \/\S*$/;

/** The exact hook lines wg-site wrote for IFACE before it marked its lines. */
function legacyHooks(iface: string): Set<string> {
  const paths = pathsFor(iface);
  const tables = new Set([firewallTableName(iface), legacyFirewallTableName(iface)]);
  return new Set([
    `wg set %i private-key ${paths.privateKey}`,
    `nft -f ${paths.nft}`,
    ...[...tables].map((table) => `nft 'add table inet ${table}; delete table inet ${table}'`),
    `sh ${paths.iptables} up`,
    `sh ${paths.iptables} down`,
  ]);
}

/** True when hook VALUE (as written after `=`) is wg-site's own for interface IFACE. */
export function isOwnHook(value: string, iface: string): boolean {
  const trimmed = value.trim();
  return hasOwnMarker(trimmed) || legacyHooks(iface).has(trimmed) || LEGACY_PSK_HOOK.test(trimmed);
}

/**
 * The hook list to write: the admin's hooks from PREVIOUS in their order, with wg-site's commands
 * (marked) where its own lines were, or first when there were none.
 */
export function mergeHooks(previous: readonly string[], own: readonly string[], iface: string): string[] {
  const marked = own.map(withOwnMarker);
  const first = previous.findIndex((value) => isOwnHook(value, iface));
  const admin = (values: readonly string[]) => values.filter((value) => !isOwnHook(value, iface));
  if (first < 0) return [...marked, ...previous];
  return [...admin(previous.slice(0, first)), ...marked, ...admin(previous.slice(first))];
}
