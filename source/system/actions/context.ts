/**
 * What the panel's tool actions share: the interface, the runner and files they use, the peer they act
 * on, and the facts they look up about it (the stored site file, the far tunnel address, this
 * gateway's LAN address, the tunnel MTU).
 */
import { looseCidr } from '../../domain/checks/ip-json.js';
import { pathsFor } from '../../domain/plan/context.js';
import type { Site, SitePeer } from '../../domain/site/model.js';
import { checkSiteText } from '../../domain/site/validate.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileStore } from '../file-store.js';

/** What every action needs. */
export interface ActionDeps {
  /** The WireGuard interface the panel shows. */
  readonly iface: string;
  readonly runner: CommandRunner;
  readonly files: FileStore;
}

/** The selected peer as the panel knows it (a `PeerView` fits). */
export interface ActionPeer {
  readonly publicKey: string;
  readonly name?: string | undefined;
  readonly endpoint: string | undefined;
  readonly allowedIps: readonly string[];
}

/** A tool action: one line of result for the status line. */
export type Action = (peer: ActionPeer | undefined) => Promise<string>;

/** The peer an action needs, or an error saying there is none. */
export function needPeer(peer: ActionPeer | undefined): ActionPeer {
  if (peer === undefined) throw new Error('no peer is selected');
  return peer;
}

/** The stored site file of IFACE (`/etc/wg-site/<if>.json`), when present and valid. */
export async function storedSite(files: FileStore, iface: string): Promise<Site | undefined> {
  const text = await files.read(pathsFor(iface).site).catch(() => undefined);
  return text === undefined ? undefined : checkSiteText(text).site;
}

/** The site file's entry for PEER. */
export function sitePeerOf(site: Site | undefined, peer: ActionPeer): SitePeer | undefined {
  return site?.peers.find((p) => p.publicKey === peer.publicKey);
}

/**
 * The far gateway's tunnel address: from the site file, else the first host prefix (/32 or /128) in
 * the peer's AllowedIPs.
 */
export function farTunnelAddress(site: Site | undefined, peer: ActionPeer): string | undefined {
  const configured = sitePeerOf(site, peer)?.tunnelAddress.text;
  if (configured !== undefined) return configured;
  for (const text of peer.allowedIps) {
    const c = looseCidr(text);
    if (c && c.prefix === (c.version === 4 ? 32 : 128)) return c.text.slice(0, c.text.lastIndexOf('/'));
  }
  return undefined;
}

function versionOf(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}

/**
 * This gateway's LAN address of the same family as TARGET: the site file's `lan.address`, else the
 * first such address on the site's LAN interface (`ip -j addr show dev <lan>`).
 */
export async function lanAddress(
  deps: ActionDeps,
  site: Site | undefined,
  target: string,
): Promise<string | undefined> {
  const family = versionOf(target);
  const configured = site?.lan.address?.address;
  if (configured && configured.version === family) return configured.text;
  const lan = site?.lan.interface;
  if (lan === undefined) return undefined;
  const r = await deps.runner.run('ip', ['-j', 'addr', 'show', 'dev', lan], { timeoutMs: 3000 });
  if (r.exitCode !== 0) return undefined;
  try {
    const links = JSON.parse(r.stdout) as { addr_info?: { family?: string; local?: string }[] }[];
    const want = family === 4 ? 'inet' : 'inet6';
    return links[0]?.addr_info?.find((a) => a.family === want && a.local !== undefined)?.local;
  } catch {
    return undefined;
  }
}

/** The MTU of the WireGuard interface (`ip -j link show dev <if>`). */
export async function tunnelMtu(deps: ActionDeps): Promise<number> {
  const r = await deps.runner.run('ip', ['-j', 'link', 'show', 'dev', deps.iface], { timeoutMs: 3000 });
  if (r.exitCode !== 0)
    throw new Error(`interface ${deps.iface} is not there (${r.stderr.trim() || `exit ${r.exitCode}`})`);
  let mtu: unknown;
  try {
    mtu = (JSON.parse(r.stdout) as { mtu?: unknown }[])[0]?.mtu;
  } catch {
    mtu = undefined;
  }
  if (typeof mtu !== 'number') throw new Error(`ip -j link show dev ${deps.iface} printed no MTU`);
  return mtu;
}

/** Reject with "<what> took longer than N s" when PROMISE has not settled after MS. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** A runner that gives every command without a timeout of its own one of MS (so no action can hang). */
export function boundedRunner(runner: CommandRunner, ms: number): CommandRunner {
  return { run: (file, args, options = {}) => runner.run(file, args, { timeoutMs: ms, ...options }) };
}
