/**
 * Gathering the facts preflight decides on. Reads only: nothing here changes the host. The firewall
 * rulesets are read exactly as the health checks read them (one shared function).
 */
import { parseProcNetUdp, parseSsUdp, type UdpListener } from '../../domain/apply/listeners.js';
import {
  preflightNotes,
  preflightProblems,
  type PreflightFacts,
  type PreflightProblem,
} from '../../domain/apply/preflight-rules.js';
import { sshClientAddress } from '../../domain/apply/ssh-guard.js';
import type { Plan } from '../../domain/plan/plan.js';
import { gatherFirewallRulesets } from '../checks/firewall-rulesets.js';
import { hasProgram } from '../host-facts.js';
import { interfaceExists } from './backup.js';
import type { ApplyDeps } from './deps.js';

async function listeners(deps: ApplyDeps): Promise<UdpListener[]> {
  const ss = await deps.runner.run('ss', ['-Hlunp']);
  if (ss.exitCode === 0) return parseSsUdp(ss.stdout);
  const v4 = (await deps.files.read('/proc/net/udp')) ?? '';
  const v6 = (await deps.files.read('/proc/net/udp6')) ?? '';
  return [...parseProcNetUdp(v4), ...parseProcNetUdp(v6)];
}

async function ownListenPort(deps: ApplyDeps, iface: string): Promise<number | undefined> {
  if (!(await interfaceExists(deps, iface))) return undefined;
  const r = await deps.runner.run('wg', ['show', iface, 'listen-port']);
  const port = Number(r.stdout.trim());
  return r.exitCode === 0 && Number.isInteger(port) && port > 0 ? port : undefined;
}

async function routeDevice(deps: ApplyDeps, address: string): Promise<string | undefined> {
  const r = await deps.runner.run('ip', ['-j', 'route', 'get', address]);
  try {
    return r.exitCode === 0 ? (JSON.parse(r.stdout) as { dev?: string }[])[0]?.dev : undefined;
  } catch {
    return undefined;
  }
}

async function presharedKeyFiles(deps: ApplyDeps, plan: Plan): Promise<PreflightFacts['presharedKeyFiles']> {
  const found: PreflightFacts['presharedKeyFiles'] = {};
  for (const peer of plan.site.peers)
    if (peer.presharedKeyFile !== undefined)
      found[peer.presharedKeyFile] = await deps.files.stat(peer.presharedKeyFile);
  return found;
}

/** Probe the host for everything preflight needs. */
export async function gatherPreflightFacts(deps: ApplyDeps, plan: Plan): Promise<PreflightFacts> {
  const iface = plan.site.interface;
  const [wg, wgQuick, wireguardGo, nft, iptables] = await Promise.all(
    ['wg', 'wg-quick', 'wireguard-go', 'nft', 'iptables'].map((name) => hasProgram(deps.runner, name)),
  );
  const kernelModule =
    (await deps.files.exists('/sys/module/wireguard')) ||
    (await deps.runner.run('modprobe', ['-n', 'wireguard'])).exitCode === 0;
  const sshClient = sshClientAddress(deps.env);
  return {
    uid: deps.proc.uid,
    programs: { wg: wg!, wgQuick: wgQuick!, wireguardGo: wireguardGo!, nft: nft!, iptables: iptables! },
    kernelModule,
    backend: plan.firewall.backend,
    listeners: await listeners(deps),
    ownListenPort: await ownListenPort(deps, iface),
    firewall: await gatherFirewallRulesets(deps.runner, deps.files, { iptablesFallback: iptables! }),
    sshClient,
    sshRouteDevice: sshClient ? await routeDevice(deps, sshClient.text) : undefined,
    presharedKeyFiles: await presharedKeyFiles(deps, plan),
  };
}

/** Preflight for PLAN: every problem found, each with its fix. */
export async function preflight(
  deps: ApplyDeps,
  plan: Plan,
  options: { allowForeignFirewall: boolean; lanInterface: string },
): Promise<PreflightProblem[]> {
  return preflightProblems(plan.site, await gatherPreflightFacts(deps, plan), options);
}

/** Preflight with its notes: things that do not stop apply but are worth a line (see preflightNotes). */
export async function preflightWithNotes(
  deps: ApplyDeps,
  plan: Plan,
  options: { allowForeignFirewall: boolean; lanInterface: string },
): Promise<{ problems: PreflightProblem[]; notes: string[] }> {
  const facts = await gatherPreflightFacts(deps, plan);
  return { problems: preflightProblems(plan.site, facts, options), notes: preflightNotes(plan.site, facts) };
}
