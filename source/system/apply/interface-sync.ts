/**
 * Updating an interface that is already up without taking it down: `wg syncconf` with what
 * `wg-quick strip` prints, the key hooks again, and the routes brought in step with AllowedIPs
 * (syncconf does not touch routes).
 */
import { pathsFor } from '../../domain/plan/context.js';
import type { Plan } from '../../domain/plan/plan.js';
import {
  routeCidr,
  staleRoutes,
  uncoveredPrefixes,
  type RouteEntry,
} from '../../domain/apply/verify-rules.js';
import type { Cidr } from '../../domain/cidr.js';
import type { ApplyDeps } from './deps.js';
import { STATE_DIR } from './paths.js';
import { must } from './must.js';
import { parseKey } from '../../domain/keys.js';
import { peerAllowedIps } from '../../domain/site/allowed-ips.js';
import { applyConfig, parseWgConfig, readConfig, renderWgConfig } from '../../domain/wg-config/index.js';

/** Every AllowedIPs prefix of the plan. */
export function allowedPrefixes(plan: Plan): string[] {
  return plan.site.peers.flatMap((peer) => peerAllowedIps(peer).map((c) => c.text));
}

/** Routes via IFACE in the main table, both families. */
export async function routesVia(
  deps: ApplyDeps,
  iface: string,
): Promise<Array<{ entry: RouteEntry; cidr: Cidr }>> {
  const out: Array<{ entry: RouteEntry; cidr: Cidr }> = [];
  for (const version of [4, 6] as const) {
    const r = await deps.runner.run('ip', ['-j', `-${version}`, 'route', 'show', 'dev', iface]);
    if (r.exitCode !== 0 || r.stdout.trim() === '') continue;
    let entries: RouteEntry[];
    try {
      entries = JSON.parse(r.stdout) as RouteEntry[];
    } catch {
      continue;
    }
    for (const entry of entries) {
      const cidr = routeCidr(entry, version);
      if (cidr) out.push({ entry, cidr });
    }
  }
  return out;
}

/** Add a route for every AllowedIPs prefix no route covers; delete routes AllowedIPs no longer has. */
export async function reconcileRoutes(deps: ApplyDeps, plan: Plan): Promise<void> {
  const iface = plan.site.interface;
  const prefixes = allowedPrefixes(plan);
  const routes = await routesVia(deps, iface);
  for (const prefix of uncoveredPrefixes(
    prefixes,
    routes.map((r) => r.cidr),
  )) {
    await must(deps, 'ip', ['route', 'replace', prefix, 'dev', iface]);
  }
  for (const stale of staleRoutes(prefixes, routes)) {
    await must(deps, 'ip', ['route', 'delete', stale, 'dev', iface]);
  }
}

/**
 * The stripped wg-quick file with the secrets that PostUp hooks normally load put back in, so that
 * `wg syncconf` sees this gateway's own private key (and the preshared keys) unchanged. Without them
 * syncconf would clear the key and every session, dropping the tunnel until the next handshake.
 */
async function syncInput(deps: ApplyDeps, plan: Plan, stripped: string): Promise<string> {
  const iface = plan.site.interface;
  const keyPath = pathsFor(iface).privateKey;
  const keyText = await deps.files.read(keyPath);
  if (keyText === undefined)
    throw new Error(`${keyPath} is missing; create it with \`wg-site keygen --interface ${iface}\``);
  const { document } = parseWgConfig(stripped);
  const settings = readConfig(document);
  settings.interface.privateKey = parseKey(keyText, keyPath);
  for (const peer of settings.peers) {
    const file = plan.site.peers.find((p) => p.publicKey === peer.publicKey)?.presharedKeyFile;
    if (!file) continue;
    const psk = await deps.files.read(file);
    if (psk === undefined) throw new Error(`${file} (preshared key) is missing`);
    peer.presharedKey = parseKey(psk, file);
  }
  return renderWgConfig(applyConfig(document, settings));
}

/** Files earlier versions fed to `wg syncconf` (`<iface>.sync-<pid>.conf`); each holds a private key. */
const STALE_SYNC_FILE = /^.+\.sync-\d+\.conf$/;

/**
 * Remove every syncconf input file an earlier version left in the state directory (a kill during
 * `wg syncconf` left them behind, private key included). Nothing writes such files any more.
 */
export async function removeStaleSyncFiles(deps: ApplyDeps): Promise<void> {
  for (const name of await deps.files.list(STATE_DIR)) {
    if (STALE_SYNC_FILE.test(name)) await deps.files.remove(`${STATE_DIR}/${name}`);
  }
}

/**
 * `wg syncconf IFACE /dev/stdin` with its input in a real pipe. Node hands a child its standard input
 * as a socket, which `wg` cannot open by path (ENXIO), so `cat` copies it into a pipe first. The
 * interface name is an argument (`$1`), never part of the script.
 */
export const SYNC_THROUGH_PIPE = 'cat | wg syncconf "$1" /dev/stdin';

/**
 * Bring a running interface in line with the (already written) wg-quick file, without dropping it.
 * The keys go to `wg syncconf` through its standard input, never through a file, so a kill at any
 * moment leaves no copy of them behind.
 */
export async function syncRunningInterface(deps: ApplyDeps, plan: Plan): Promise<void> {
  const iface = plan.site.interface;
  const stripped = await must(deps, 'wg-quick', ['strip', iface]);
  await must(deps, 'sh', ['-c', SYNC_THROUGH_PIPE, 'wg-site', iface], {
    input: await syncInput(deps, plan, stripped),
  });
  await reconcileRoutes(deps, plan);
}
