import type { HostFacts } from '../domain/plan/context.js';
import type { CommandRunner } from './command-runner.js';

interface IpRoute {
  dst?: string;
  dev?: string;
  gateway?: string;
  prefsrc?: string;
  protocol?: string;
  scope?: string;
}

interface IpAddrInfo {
  family: 'inet' | 'inet6';
  local: string;
  prefixlen: number;
  scope?: string;
}

interface IpLink {
  ifname: string;
  mtu?: number;
  operstate?: string;
  link_type?: string;
  addr_info?: IpAddrInfo[];
}

async function json<T>(runner: CommandRunner, args: string[]): Promise<T | undefined> {
  const result = await runner.run('ip', ['-j', ...args]);
  if (result.exitCode !== 0 || result.stdout.trim() === '') return undefined;
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    return undefined;
  }
}

/** True when a program is on the PATH. */
export async function hasProgram(runner: CommandRunner, name: string): Promise<boolean> {
  const result = await runner.run('sh', ['-c', `command -v ${name}`]);
  return result.exitCode === 0;
}

/**
 * Gather what planning needs from the host: uplink MTU (interface of the default route), the
 * firewall backend, and — when `lanInterface` is given or can be guessed — the LAN address.
 */
export async function detectHostFacts(
  runner: CommandRunner,
  want: { lanInterface?: string } = {},
): Promise<HostFacts> {
  const [routes, links, nft] = await Promise.all([
    json<IpRoute[]>(runner, ['route', 'show', 'default']),
    json<IpLink[]>(runner, ['addr', 'show']),
    hasProgram(runner, 'nft'),
  ]);
  const uplink = routes?.[0]?.dev;
  const uplinkLink = links?.find((link) => link.ifname === uplink);
  const candidates = (links ?? []).filter(
    (link) =>
      link.link_type === 'ether' && link.addr_info?.some((a) => a.family === 'inet' && a.scope !== 'host'),
  );
  // A LAN interface is one with a private IPv4 address that is not the uplink, else the uplink itself.
  // A LAN interface named by the site file is taken as it is (or not at all when the host lacks it).
  const lan =
    want.lanInterface !== undefined
      ? links?.find((link) => link.ifname === want.lanInterface)
      : (candidates.find((link) => link.ifname !== uplink) ??
        candidates.find((link) => link.ifname === uplink));
  const lanV4 = lan?.addr_info?.find((a) => a.family === 'inet' && a.scope !== 'host');
  const lanRouter = routes?.find((r) => r.dev === lan?.ifname)?.gateway;
  return {
    firewallBackend: nft ? 'nft' : 'iptables',
    ...(uplinkLink?.mtu ? { uplinkMtu: uplinkLink.mtu, uplinkInterface: uplinkLink.ifname } : {}),
    ...(lan ? { lanInterface: lan.ifname } : {}),
    ...(lanV4 ? { lanAddress: `${lanV4.local}/${lanV4.prefixlen}` } : {}),
    ...(lanRouter ? { lanRouter } : {}),
  };
}
