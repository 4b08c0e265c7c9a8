/**
 * `r` in the panel: look the selected peer's endpoint name up now (the watch engine's re-resolve, on
 * demand and whatever the handshake age) and set the new address with `wg set` when it changed.
 */
import { reresolveEndpoint, systemResolver, type Resolver } from '../checks/watcher.js';
import {
  needPeer,
  sitePeerOf,
  storedSite,
  withTimeout,
  type ActionDeps,
  type ActionPeer,
} from './context.js';

/** Deps of the re-resolve action. */
export interface ResolveDeps extends ActionDeps {
  /** Default: the system resolver. */
  readonly resolver?: Resolver;
  /** Bound on the lookup; default 5 s. */
  readonly lookupTimeoutMs?: number;
}

/** Build the re-resolve action. */
export function resolveAction(deps: ResolveDeps): (peer: ActionPeer | undefined) => Promise<string> {
  const resolver = deps.resolver ?? systemResolver;
  const ms = deps.lookupTimeoutMs ?? 5000;
  return async (selected) => {
    const peer = needPeer(selected);
    const site = await storedSite(deps.files, deps.iface);
    if (site === undefined)
      return `no valid site file ${deps.iface}.json in /etc/wg-site: the configured endpoint is unknown`;
    const configured = sitePeerOf(site, peer)?.endpoint;
    if (configured === undefined)
      return 'no endpoint in the site file: the far side dials in, nothing to resolve';
    if (configured.kind !== 'hostname')
      return `endpoint ${configured.text} is an address, not a name: nothing to resolve`;
    const bounded: Resolver = {
      resolve: (host) => withTimeout(resolver.resolve(host), ms, `looking up ${host}`),
    };
    const r = await reresolveEndpoint(
      { runner: deps.runner, resolver: bounded },
      deps.iface,
      peer,
      configured,
    );
    switch (r.kind) {
      case 'lookup-failed':
        return `cannot resolve ${r.host}: ${r.error}`;
      case 'no-address':
        return `${r.host} has no address`;
      case 'unchanged':
        return `${r.host} → ${r.address} (unchanged)`;
      case 'set':
        return `${r.host} → ${r.address}: endpoint set to ${r.target} (was ${r.previous ?? 'none'})`;
      case 'set-failed':
        throw new Error(`${r.host} → ${r.address}, but wg set endpoint ${r.target} failed: ${r.error}`);
    }
  };
}
