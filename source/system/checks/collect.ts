/**
 * One snapshot for the headless commands: build a sampler, gather facts, fold in the stored counter
 * evidence (and store it back), run the checks.
 */
import { runChecks } from '../../domain/checks/run.js';
import { statusJson, type StatusJson } from '../../domain/checks/status-json.js';
import type { CheckFacts, CheckResult } from '../../domain/checks/types.js';
import type { Clock } from '../clock.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileStore } from '../file-store.js';
import type { FileReader } from '../sample/file-reader.js';
import { createSampler, type Sampler } from '../sample/sampler.js';
import { loadEvidence, saveEvidence } from './evidence-store.js';
import { gatherFacts } from './gather.js';

/** What a snapshot needs from the command's environment. */
export interface CollectIo {
  readonly runner: CommandRunner;
  readonly files: FileStore;
  readonly clock: Clock;
  readonly env: Record<string, string | undefined>;
}

/** A snapshot: facts, check results, and the status document built from them. */
export interface Snapshot {
  readonly facts: CheckFacts;
  readonly checks: CheckResult[];
  readonly status: StatusJson;
}

/** A {@link FileReader} over a {@link FileStore} (errors read as missing). */
export function readerOf(files: FileStore): FileReader {
  return { readText: (path) => files.read(path).catch(() => undefined) };
}

/**
 * The sampler for one interface. `WG_SITE_UAPI_DIR` in the environment overrides the UAPI socket
 * directory (tests point it at an empty directory so `wg show dump` is used).
 */
export function samplerFor(io: CollectIo, iface: string): Sampler {
  const socketDir = io.env.WG_SITE_UAPI_DIR;
  return createSampler({
    interfaceName: iface,
    files: readerOf(io.files),
    runner: io.runner,
    clock: io.clock,
    ...(socketDir ? { socketDir } : {}),
  });
}

/**
 * Gather, check and describe one interface once. `options.sampler` replaces the interface's own
 * sampler, e.g. one that hands over the live panel's latest sample instead of spawning `wg show`.
 */
export async function snapshot(
  io: CollectIo,
  iface: string,
  options: { probeMtu?: boolean; sampler?: Sampler } = {},
): Promise<Snapshot> {
  const evidence = await loadEvidence(io.files, iface);
  const sampler = options.sampler ?? samplerFor(io, iface);
  const { facts } = await gatherFacts(
    { runner: io.runner, files: io.files, clock: io.clock, sampler },
    { iface, evidence, probeMtu: options.probeMtu ?? false },
  );
  if (facts.device) await saveEvidence(io.files, iface, facts.evidence);
  const checks = runChecks(facts);
  return { facts, checks, status: statusJson(facts, checks) };
}
