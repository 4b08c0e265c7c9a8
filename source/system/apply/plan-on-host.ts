/**
 * Planning a site file for this host, the one way `plan`, `apply`, the wizard's review and apply,
 * and the panel's restart all do it: check the text (refusing this gateway's own keys as a peer's),
 * detect the host facts afresh, read the wg-quick file on disk (so the admin's lines survive), plan.
 */
import { InputProblems } from '../../domain/errors.js';
import { parseKey, publicKeyOf } from '../../domain/keys.js';
import { parseInterfaceName } from '../../domain/names.js';
import { pathsFor, type HostFacts } from '../../domain/plan/context.js';
import { planContext, planSite, type Plan } from '../../domain/plan/plan.js';
import type { OwnKeys, Site } from '../../domain/site/model.js';
import { checkSiteText, readSiteJson } from '../../domain/site/validate.js';
import { MAX_KEY_FILE_BYTES } from '../../domain/input-limits.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileStore } from '../file-store.js';
import { detectHostFacts } from '../host-facts.js';

/** Host facts a person set on the command line, over what detection finds. */
export interface FactOverrides {
  firewallBackend?: HostFacts['firewallBackend'];
  uplinkMtu?: number;
}

/** What planning on the host reads. */
export interface PlanHostDeps {
  runner: CommandRunner;
  files: FileStore;
  /** Fact detection (default: {@link detectHostFacts} on `runner`). */
  detect?: (lanInterface: string | undefined) => Promise<HostFacts>;
}

/** A site planned for this host, with the facts it was planned with. */
export interface HostPlan {
  plan: Plan;
  facts: HostFacts;
  /** The LAN interface the plan uses (from the site file, else found on the host). */
  lanInterface: string;
}

/** The interface a site file names (default wg0), read before full validation. */
function interfaceOf(text: string): string {
  const json = readSiteJson(text);
  const raw = 'raw' in json ? (json.raw as { interface?: unknown } | null) : undefined;
  return typeof raw?.interface === 'string' ? raw.interface : 'wg0';
}

/** This gateway's keys, when its key file exists and is readable, so peers cannot repeat them. */
export async function ownKeys(files: FileStore, iface: string): Promise<OwnKeys> {
  try {
    parseInterfaceName(iface);
  } catch {
    return {};
  }
  const text = await files.read(pathsFor(iface).privateKey, MAX_KEY_FILE_BYTES).catch(() => undefined);
  if (text === undefined) return {};
  try {
    const privateKey = parseKey(text);
    return { privateKey, publicKey: publicKeyOf(privateKey) };
  } catch {
    return {};
  }
}

/** Check a site file's text on this host; every problem in it is reported at once. */
export async function checkSiteOnHost(files: FileStore, text: string): Promise<Site> {
  const { site, problems } = checkSiteText(text, await ownKeys(files, interfaceOf(text)));
  if (!site) throw new InputProblems(problems);
  return site;
}

/** Detected host facts with a person's overrides on top. */
export async function factsOnHost(
  deps: PlanHostDeps,
  lanInterface: string | undefined,
  overrides: FactOverrides = {},
): Promise<HostFacts> {
  const detected = deps.detect
    ? await deps.detect(lanInterface)
    : await detectHostFacts(deps.runner, lanInterface === undefined ? {} : { lanInterface });
  return { ...detected, ...overrides };
}

/** What to plan: the site's text and how to treat the host. */
export interface PlanRequest {
  siteText: string;
  overrides?: FactOverrides;
  /** The wg-quick file to carry the admin's lines from (default: the one on disk). */
  previousWgQuick?: string;
  /** Ignore the wg-quick file on disk. */
  fresh?: boolean;
}

/** Check and plan a site file's text against this host, with facts detected now. */
export async function planOnHost(deps: PlanHostDeps, request: PlanRequest): Promise<HostPlan> {
  const site = await checkSiteOnHost(deps.files, request.siteText);
  const facts = await factsOnHost(deps, site.lan.interface, request.overrides);
  const previous = request.fresh
    ? undefined
    : (request.previousWgQuick ?? (await deps.files.read(pathsFor(site.interface).wgQuick)));
  const plan = planSite(site, facts, previous);
  return { plan, facts, lanInterface: planContext(site, facts).lanInterface };
}
