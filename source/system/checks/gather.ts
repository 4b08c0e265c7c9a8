/**
 * Gathers the facts the checks read, with as few spawns as possible: `/proc/sys` and files are read
 * directly; then one `ip -j addr`, one `ip -j route show table all` (both families), the firewall
 * rulesets as {@link gatherFirewallRulesets} reads them (shared with the apply preflight), `timedatectl` only
 * where it exists, and the peers through the sampler (UAPI socket: no spawn; else `wg show dump`).
 * Every part that cannot be read is left undefined with a reason; gathering itself never fails.
 */
import { updateEvidence, type EvidenceState } from '../../domain/checks/evidence.js';
import { parseIpAddr, parseIpRoutes } from '../../domain/checks/ip-json.js';
import type { CheckFacts, ClockFact, LinkFact, MtuProbe } from '../../domain/checks/types.js';
import { keyFilePaths, type KeyFileFact } from '../../domain/checks/key-files.js';
import { pathsFor } from '../../domain/plan/context.js';
import { planContext } from '../../domain/plan/plan.js';
import { renderNftRuleset } from '../../domain/plan/nft.js';
import type { Site } from '../../domain/site/model.js';
import { checkSiteText } from '../../domain/site/validate.js';
import type { Sample } from '../../domain/status/types.js';
import type { Clock } from '../clock.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileStore } from '../file-store.js';
import type { Sampler } from '../sample/sampler.js';
import { attempt, findProgram, gatherFirewallRulesets, runText } from './firewall-rulesets.js';
import { probeMtu } from './mtu-probe.js';

/** What gathering touches. */
export interface GatherDeps {
  readonly runner: CommandRunner;
  readonly files: FileStore;
  readonly clock: Clock;
  readonly sampler: Sampler;
}

/** What to gather. */
export interface GatherOptions {
  readonly iface: string;
  /** Evidence from earlier samples; the new sample is folded in. */
  readonly evidence: EvidenceState;
  /** Run the path-MTU probe (spawns pings) toward every peer with a recent handshake. */
  readonly probeMtu?: boolean;
}

/** The facts, plus the raw sample (for status output). */
export interface Gathered {
  readonly facts: CheckFacts;
  readonly sample: Sample | undefined;
}

async function readClock(deps: GatherDeps): Promise<ClockFact> {
  const timedatectl = await findProgram(deps.files, 'timedatectl');
  if (timedatectl) {
    const r = await deps.runner.run(timedatectl, ['show', '-p', 'NTPSynchronized', '--value'], {
      timeoutMs: 3000,
    });
    const v = r.stdout.trim();
    if (r.exitCode === 0 && (v === 'yes' || v === 'no'))
      return { synced: v === 'yes', source: 'timedatectl' };
  }
  if (await deps.files.exists('/run/systemd/timesync/synchronized'))
    return { synced: true, source: 'timesyncd' };
  return { synced: undefined, source: 'unknown' };
}

async function readSite(files: FileStore, iface: string): Promise<{ site?: Site; problem?: string }> {
  const path = pathsFor(iface).site;
  let text: string | undefined;
  try {
    text = await files.read(path);
  } catch (error) {
    // Not a regular file, too large, not UTF-8: the reader's sentence names the path.
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (text === undefined) return { problem: `${path} is missing` };
  const checked = checkSiteText(text);
  if (!checked.site)
    return { problem: `${path} is not valid: ${checked.problems[0]?.message ?? 'unknown problem'}` };
  return { site: checked.site };
}

/** The ruleset wg-site would load now: planned from the site file, else the installed .nft file. */
async function expectedRuleset(
  files: FileStore,
  iface: string,
  site: Site | undefined,
  links: readonly LinkFact[] | undefined,
): Promise<string | undefined> {
  if (site) {
    const lan = site.lan.interface;
    const lanAddress = links?.find((l) => l.name === lan)?.addresses.find((a) => !a.includes(':'));
    try {
      return renderNftRuleset(
        planContext(site, {
          firewallBackend: 'nft',
          ...(lan ? { lanInterface: lan } : {}),
          ...(lanAddress ? { lanAddress } : {}),
        }),
      );
    } catch {
      // the site names no LAN and the host has none: fall back to the installed file
    }
  }
  return files.read(pathsFor(iface).nft).catch(() => undefined);
}

/** Mode and owner of every key file the site uses (the private key even without a site file). */
export async function statKeyFiles(
  files: FileStore,
  iface: string,
  site: Site | undefined,
): Promise<KeyFileFact[]> {
  return Promise.all(
    keyFilePaths({ interface: iface, peers: site?.peers ?? [] }).map(async (f) => ({
      ...f,
      stat: await files.stat(f.path).catch(() => undefined),
    })),
  );
}

/** Gather everything {@link runChecks} needs for one interface. */
export async function gatherFacts(deps: GatherDeps, options: GatherOptions): Promise<Gathered> {
  const { runner, files } = deps;
  const iface = options.iface;
  const read = (path: string) =>
    files.read(path).then(
      (t) => t?.trim(),
      () => undefined,
    );
  const [addr, routes, firewall, clock, siteRead, sysctlFile, v4, v6, sampled] = await Promise.all([
    runText(runner, 'ip', ['-j', 'addr']),
    runText(runner, 'ip', ['-j', 'route', 'show', 'table', 'all']),
    gatherFirewallRulesets(runner, files),
    readClock(deps),
    readSite(files, iface),
    files.read(pathsFor(iface).sysctl).catch(() => undefined),
    read('/proc/sys/net/ipv4/ip_forward'),
    read('/proc/sys/net/ipv6/conf/all/forwarding'),
    deps.sampler.sample().then(
      (sample) => ({ sample, problem: undefined }),
      (error: unknown) => ({
        sample: undefined,
        problem: error instanceof Error ? error.message : String(error),
      }),
    ),
  ]);
  const links = attempt(addr.text, parseIpAddr);
  const rpNames = new Set([
    'all',
    iface,
    ...(siteRead.site?.lan.interface ? [siteRead.site.lan.interface] : []),
  ]);
  const rpFilter: Record<string, number> = {};
  await Promise.all(
    [...rpNames].map(async (name) => {
      const v = await read(`/proc/sys/net/ipv4/conf/${name}/rp_filter`);
      if (v !== undefined && /^\d+$/.test(v)) rpFilter[name] = Number(v);
    }),
  );
  const now = deps.clock.now();
  const sample = sampled.sample;
  const device = sample?.interface ? { interface: sample.interface, peers: sample.peers } : undefined;
  const evidence = device ? updateEvidence(options.evidence, device.peers, now) : options.evidence;
  let mtu: MtuProbe[] | undefined;
  const tunnelMtu = links?.find((l) => l.name === iface)?.mtu;
  if (options.probeMtu && device && tunnelMtu) {
    const fresh = device.peers.filter((p) => p.latestHandshake > 0 && now / 1000 - p.latestHandshake <= 180);
    const probes = await Promise.all(fresh.map((p) => probeMtu(runner, p, tunnelMtu)));
    mtu = probes.filter((p): p is MtuProbe => p !== undefined);
  }
  const facts: CheckFacts = {
    iface,
    now,
    site: siteRead.site,
    siteProblem: siteRead.problem,
    device,
    deviceProblem: sampled.problem,
    links,
    routes: attempt(routes.text, parseIpRoutes),
    sysctl: { ipv4Forward: v4, ipv6Forward: v6, rpFilter },
    sysctlFile,
    nft: firewall.nft,
    nftProblem: firewall.nftProblem,
    expectedNft: await expectedRuleset(files, iface, siteRead.site, links),
    legacy: firewall.legacy,
    clock,
    evidence,
    mtu,
    keyFiles: await statKeyFiles(files, iface, siteRead.site),
  };
  return { facts, sample };
}
