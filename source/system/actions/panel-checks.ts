/**
 * The panel's health checks: the same snapshot `wg-site check` takes, but fed the panel's latest
 * WireGuard sample when it is fresh, so a check run spawns no `wg show` of its own.
 */
import type { CheckResult } from '../../domain/checks/types.js';
import type { Sample } from '../../domain/status/types.js';
import { samplerFor, snapshot, type CollectIo } from '../checks/collect.js';
import type { Sampler } from '../sample/sampler.js';

/** Options of {@link panelChecks}. */
export interface PanelChecksOptions {
  /** The poll loop's latest sample, if any. */
  readonly latest: () => Sample | undefined;
  /** A sample older than this (ms) is not reused; default 5 000. */
  readonly maxAgeMs?: number;
  /** Used when there is no fresh sample; default the interface's own sampler. */
  readonly fallback?: Sampler;
}

/** A sampler that hands over the latest sample while it is fresh, else reads a new one. */
export function reusingSampler(
  now: () => number,
  latest: () => Sample | undefined,
  maxAgeMs: number,
  fallback: Sampler,
): Sampler {
  let source: Sampler['lastSource'];
  return {
    get lastSource() {
      return source;
    },
    async sample() {
      const s = latest();
      if (s !== undefined && s.interface !== undefined && now() - s.at <= maxAgeMs) return s;
      const fresh = await fallback.sample();
      source = fallback.lastSource;
      return fresh;
    },
  };
}

/** Build the panel's check gatherer for IFACE. */
export function panelChecks(
  io: CollectIo,
  iface: string,
  options: PanelChecksOptions,
): () => Promise<readonly CheckResult[]> {
  const sampler = reusingSampler(
    () => io.clock.now(),
    options.latest,
    options.maxAgeMs ?? 5000,
    options.fallback ?? samplerFor(io, iface),
  );
  return async () => (await snapshot(io, iface, { sampler })).checks;
}
