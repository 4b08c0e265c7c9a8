/**
 * What the setup wizard learns about the host before its first screen: the facts its machine
 * proposes values from ({@link WizardHostFacts}), and a report for the detect step (interfaces,
 * routes, WireGuard implementation, firewall backend, forwarding, existing configs, the SSH client)
 * with every problem found and its fix, and the interface's existing site file (checked), which the
 * wizard then edits. Reads only; changes nothing.
 */
import { sshClientAddress } from '../../domain/apply/ssh-guard.js';
import { parseKey, publicKeyOf } from '../../domain/keys.js';
import { pathsFor } from '../../domain/plan/context.js';
import { lanSubnetChoices, uplinksOf } from '../../domain/wizard/proposals.js';
import type { WizardHostFacts } from '../../domain/wizard/types.js';
import { checkSiteText } from '../../domain/site/validate.js';
import type {
  ExistingSiteFile,
  HostInterface,
  HostProblem,
  HostReport,
  WizardHost,
} from '../../domain/wizard/services.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileStore } from '../file-store.js';
import { detectHostFacts, hasProgram } from '../host-facts.js';

export type { ExistingSiteFile, HostInterface, HostProblem, HostReport, WizardHost };

interface IpAddrLink {
  ifname: string;
  mtu?: number;
  operstate?: string;
  link_type?: string;
  addr_info?: Array<{ family: string; local: string; prefixlen: number; scope?: string }>;
}

interface IpRoute {
  dst?: string;
  dev?: string;
  gateway?: string;
  scope?: string;
  protocol?: string;
}

async function ipJson<T>(runner: CommandRunner, args: string[]): Promise<T[]> {
  const r = await runner.run('ip', ['-j', ...args]);
  if (r.exitCode !== 0) return [];
  try {
    const value = JSON.parse(r.stdout) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** Inputs of {@link detectWizardHost}. */
export interface DetectDeps {
  runner: CommandRunner;
  files: FileStore;
  env: Record<string, string | undefined>;
  /** Effective user id (0 = root). */
  uid: number;
}

function problemsOf(report: Omit<HostReport, 'problems'>): HostProblem[] {
  const problems: HostProblem[] = [];
  if (!report.root) {
    problems.push({
      message: 'Not running as root: applying needs root.',
      fix: 'run the wizard with sudo (sudo wg-site setup).',
    });
  }
  if (report.wireguard === 'missing') {
    problems.push({
      message: 'No WireGuard: the kernel has no wireguard module and wireguard-go is not installed.',
      fix: 'apt install wireguard (kernel module) or wireguard-go for a userspace tunnel.',
    });
  }
  if (!report.tools.wg || !report.tools.wgQuick) {
    problems.push({ message: 'wg or wg-quick is missing.', fix: 'apt install wireguard-tools.' });
  }
  if (report.backend === 'none') {
    problems.push({ message: 'Neither nft nor iptables is installed.', fix: 'apt install nftables.' });
  }
  if (report.forwarding === false) {
    problems.push({
      message: 'IPv4 forwarding is off (net.ipv4.ip_forward = 0): nothing would pass the gateway.',
      fix: 'nothing to do by hand: apply turns it on and keeps it in /etc/sysctl.d/.',
    });
  }
  if (report.defaultRoute === undefined) {
    problems.push({
      message: 'There is no default route: the far gateway cannot be reached.',
      fix: 'give the host an uplink (ip route add default via <router>) before applying.',
    });
  }
  return problems;
}

/** Read the existing key file of IFACE and return its public key, if there is a valid one. */
async function existingPublicKey(files: FileStore, iface: string): Promise<string | undefined> {
  const text = await files.read(pathsFor(iface).privateKey).catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return publicKeyOf(parseKey(text.trim()));
  } catch {
    return undefined;
  }
}

/**
 * Read and check the site file of IFACE, if there is one. `ownPublicKey` lets the check refuse a
 * peer that repeats this gateway's own key.
 */
async function readExistingSite(
  files: FileStore,
  iface: string,
  ownPublicKey: string | undefined,
): Promise<ExistingSiteFile | undefined> {
  const path = pathsFor(iface).site;
  let text: string | undefined;
  try {
    text = await files.read(path);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { path, site: undefined, problems: [`${path} cannot be read: ${detail}`] };
  }
  if (text === undefined) return undefined;
  const { site, problems } = checkSiteText(
    text,
    ownPublicKey === undefined ? {} : { publicKey: ownPublicKey },
  );
  if (site) return { path, site, problems: [] };
  // Name the field when the message does not, so the admin finds the line to fix.
  const named = problems.map((p) =>
    p.message.includes(p.field) || p.field.startsWith('(') ? p.message : `${p.field}: ${p.message}`,
  );
  return { path, site: undefined, problems: named };
}

/** A broken site file, as problems of the detect step: the wizard starts from the host instead. */
function siteFileProblems(existing: ExistingSiteFile | undefined): HostProblem[] {
  if (existing === undefined || existing.site) return [];
  return existing.problems.map((message) => ({
    message: `${existing.path}: ${message}`,
    fix: `the wizard starts from the host and replaces the file when applied; to keep it, fix it by hand and run wg-site setup again.`,
  }));
}

/** Look at the host (see the module comment). `iface` is the WireGuard interface to set up. */
export async function detectWizardHost(deps: DetectDeps, iface = 'wg0'): Promise<WizardHost> {
  const { runner, files } = deps;
  const [base, links, routes, routes6, wireguardGo, wg, wgQuick, iptables] = await Promise.all([
    detectHostFacts(runner),
    ipJson<IpAddrLink>(runner, ['addr', 'show']),
    ipJson<IpRoute>(runner, ['route', 'show']),
    ipJson<IpRoute>(runner, ['-6', 'route', 'show', 'default']),
    hasProgram(runner, 'wireguard-go'),
    hasProgram(runner, 'wg'),
    hasProgram(runner, 'wg-quick'),
    hasProgram(runner, 'iptables'),
  ]);
  const kernel = await files.exists('/sys/module/wireguard');
  const forwardText = await files.read('/proc/sys/net/ipv4/ip_forward').catch(() => undefined);
  const hostname = (await files.read('/proc/sys/kernel/hostname').catch(() => undefined))?.trim();
  const configs = (await files.list('/etc/wireguard').catch(() => []))
    .filter((name) => name.endsWith('.conf'))
    .sort()
    .map((name) => `/etc/wireguard/${name}`);
  const interfaces: HostInterface[] = links
    .filter((l) => l.link_type !== 'loopback')
    .map((l) => ({
      name: l.ifname,
      state: (l.operstate ?? 'unknown').toLowerCase(),
      mtu: l.mtu,
      addresses: (l.addr_info ?? [])
        .filter((a) => a.scope !== 'host' && a.scope !== 'link')
        .sort((a, b) => (a.family === b.family ? 0 : a.family === 'inet' ? -1 : 1))
        .map((a) => `${a.local}/${a.prefixlen}`),
    }));
  const def = routes.find((r) => r.dst === 'default');
  const uplinkInterfaces = [
    ...new Set([def, ...routes6.filter((r) => r.dst === 'default')].flatMap((r) => (r?.dev ? [r.dev] : []))),
  ];
  const uplinks = uplinksOf({ uplinkInterfaces });
  const connected = lanSubnetChoices(
    routes
      .filter((r) => r.dst !== undefined && r.dst !== 'default' && r.scope === 'link' && r.dev !== undefined)
      .map((r) => ({ subnet: r.dst!.includes('/') ? r.dst! : `${r.dst!}/32`, dev: r.dev! })),
    uplinks,
  );
  const uplinkAddress = interfaces
    .find((i) => i.name === base.uplinkInterface)
    ?.addresses.find((a) => !a.includes(':'))
    ?.split('/')[0];
  const sshClient = sshClientAddress(deps.env)?.text;
  const partial: Omit<HostReport, 'problems'> = {
    interfaces,
    defaultRoute: def
      ? { ...(def.gateway ? { gateway: def.gateway } : {}), ...(def.dev ? { dev: def.dev } : {}) }
      : undefined,
    connected,
    wireguard: kernel ? 'kernel' : wireguardGo ? 'wireguard-go' : 'missing',
    tools: { wg, wgQuick },
    backend: base.firewallBackend === 'nft' ? 'nft' : iptables ? 'iptables' : 'none',
    forwarding: forwardText === undefined ? undefined : forwardText.trim() === '1',
    configs,
    sshClient,
    root: deps.uid === 0,
  };
  const key = await existingPublicKey(files, iface);
  const facts: WizardHostFacts = {
    interface: iface,
    ...(hostname ? { hostname } : {}),
    ...(base.lanInterface ? { lanInterface: base.lanInterface } : {}),
    ...(base.lanAddress ? { lanAddress: base.lanAddress } : {}),
    ...(base.lanRouter ? { lanRouter: base.lanRouter } : {}),
    ...(base.uplinkInterface ? { uplinkInterface: base.uplinkInterface } : {}),
    uplinkInterfaces,
    ...(base.uplinkMtu !== undefined ? { uplinkMtu: base.uplinkMtu } : {}),
    ...(uplinkAddress ? { uplinkAddress } : {}),
    routes: routes.filter((r) => r.dst !== undefined && r.dst !== 'default').map((r) => r.dst!),
    ...(key ? { existingPublicKey: key } : {}),
    firewallBackend: base.firewallBackend,
  };
  const existingSite = await readExistingSite(files, iface, key);
  const problems = [...siteFileProblems(existingSite), ...problemsOf(partial)];
  return { facts, report: { ...partial, problems }, ...(existingSite ? { existingSite } : {}) };
}
