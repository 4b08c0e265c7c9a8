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

/** Every AllowedIPs prefix of the plan. */
export function allowedPrefixes(plan: Plan): string[] {
  return plan.site.peers.flatMap((peer) => [
    `${peer.tunnelAddress.text}/${peer.tunnelAddress.version === 4 ? 32 : 128}`,
    ...peer.subnets.map((s) => s.text),
  ]);
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

/** Bring a running interface in line with the (already written) wg-quick file. */
export async function syncRunningInterface(deps: ApplyDeps, plan: Plan): Promise<void> {
  const iface = plan.site.interface;
  const stripped = await must(deps, 'wg-quick', ['strip', iface]);
  const temp = `${STATE_DIR}/${iface}.sync-${deps.proc.pid}.conf`;
  await deps.files.writeAtomic(temp, stripped, 0o600);
  try {
    await must(deps, 'wg', ['syncconf', iface, temp]);
  } finally {
    await deps.files.remove(temp);
  }
  // The key files are set by PostUp hooks, which syncconf does not run: set them again.
  await must(deps, 'wg', ['set', iface, 'private-key', pathsFor(iface).privateKey]);
  for (const peer of plan.site.peers) {
    if (peer.presharedKeyFile) {
      await must(deps, 'wg', ['set', iface, 'peer', peer.publicKey, 'preshared-key', peer.presharedKeyFile]);
    }
  }
  await reconcileRoutes(deps, plan);
}
