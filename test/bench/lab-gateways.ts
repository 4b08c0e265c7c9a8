// The benchmark's lab: both gateways joined with wg-site's own commands (keygen, pubkey, apply --yes)
// from the built bundle, PersistentKeepalive 25 on both sides, plus helpers to find wireguard-go
// and to add dummy peers. The lab's state and lock come from WG_SITE_LAB_STATE / WG_SITE_LAB_LOCK
// (lab.sh's defaults when unset), so several labs can exist side by side.
import { fileURLToPath } from 'node:url';
import { labCtl, labExec, labPingUntil, labUp, LAB_SH, type LabNode } from '../lab/lab.js';
import { LAB_SITE_PATH, LAB_TUNNEL, labSiteFile } from '../lab/site-files.js';
import { netnsOf, pidsByName } from './proc.js';

/** The built CLI (`npm run build` → bin/wg-site.js → dist/cli.js). */
export const WG_SITE_BIN = fileURLToPath(new URL('../../bin/wg-site.js', import.meta.url));

/** Gateways of the lab. */
export type Gateway = 'gwA' | 'gwB';

/** Where this lab keeps its state and lock (as lab.sh will see them). */
export function labLocation(): { state: string; lock: string } {
  return {
    state: process.env.WG_SITE_LAB_STATE ?? '/run/wg-site-lab',
    lock: process.env.WG_SITE_LAB_LOCK ?? '/run/wg-site-lab.lock',
  };
}

/**
 * argv that runs ARGV inside NODE through lab.sh, with the lab location pinned explicitly (tmux
 * panes do not inherit this process's environment reliably).
 */
export function inNode(node: LabNode, argv: readonly string[]): string[] {
  const { state, lock } = labLocation();
  return [
    'env',
    `WG_SITE_LAB_STATE=${state}`,
    `WG_SITE_LAB_LOCK=${lock}`,
    LAB_SH,
    'exec',
    node,
    '--',
    ...argv,
  ];
}

/** Runs ARGV in NODE; returns stdout; throws with stderr when it exits ≠ 0. */
export async function must(node: LabNode, argv: readonly string[], input?: string, timeoutMs = 90_000) {
  const r = await labExec(node, argv, { timeoutMs, ...(input === undefined ? {} : { input }) });
  if (r.exitCode !== 0) {
    throw new Error(
      `${argv.join(' ')} in ${node} exited ${r.exitCode}: ${r.stderr.trim() || r.stdout.trim()}`,
    );
  }
  return r.stdout;
}

/** `wg-site ARGS` from the bundle inside GW. */
export const wgSite = (gw: Gateway, args: readonly string[]) =>
  must(gw, [process.execPath, WG_SITE_BIN, ...args]);

/** Builds a fresh lab and joins the two sites (default-router on both, keepalive 25 on both). */
export async function joinedLab(): Promise<{ publicKeys: Record<Gateway, string> }> {
  await labUp();
  const publicKeys = { gwA: '', gwB: '' };
  for (const gw of ['gwA', 'gwB'] as const) {
    await wgSite(gw, ['keygen']);
    publicKeys[gw] = (await wgSite(gw, ['pubkey'])).trim();
  }
  for (const [gw, site, far] of [
    ['gwA', 'A', 'gwB'],
    ['gwB', 'B', 'gwA'],
  ] as const) {
    const file = labSiteFile(site, 'default-router', publicKeys[far]);
    file.peers = file.peers.map((p) => ({ ...p, persistentKeepalive: 25 }));
    const text = `${JSON.stringify(file, null, 2)}\n`;
    await must(gw, ['sh', '-c', `umask 077 && cat > ${LAB_SITE_PATH}`], text);
    await wgSite(gw, ['apply', '--site', LAB_SITE_PATH, '--yes']);
  }
  if (!(await labPingUntil('gwA', LAB_TUNNEL.gwB, true, 20_000))) {
    throw new Error('gwA does not reach gwB through the tunnel after apply');
  }
  return { publicKeys };
}

/** The holder pid of NODE (its namespaces). */
export async function holderPid(node: LabNode): Promise<number> {
  return Number((await labCtl(['pid', node])).trim());
}

/** The one wireguard-go process serving GW's wg0. */
export async function wireguardGoPid(gw: Gateway): Promise<number> {
  const netns = netnsOf(await holderPid(gw));
  if (netns === undefined) throw new Error(`cannot read the network namespace of ${gw}`);
  const pids = pidsByName('wireguard-go', netns);
  if (pids.length !== 1) throw new Error(`expected one wireguard-go in ${gw}, found ${pids.length}`);
  return pids[0]!;
}

/** GW's UAPI socket directory as seen from the host (through the holder's root). */
export async function uapiDirOf(gw: Gateway): Promise<string> {
  return `/proc/${await holderPid(gw)}/root/run/wireguard`;
}

/**
 * Adds COUNT dummy peers to gwA's wg0: real public keys (`wg genkey | wg pubkey`), one /32 each
 * in 10.200.0.0/16, no endpoint. Returns their public keys.
 */
export async function addDummyPeers(count: number): Promise<string[]> {
  const script = `set -e; for i in $(seq 1 ${count}); do wg genkey | wg pubkey; done`;
  const keys = (await must('gwA', ['sh', '-c', script])).trim().split('\n');
  if (keys.length !== count) throw new Error(`expected ${count} keys, got ${keys.length}`);
  const args = keys.flatMap((k, i) => [
    'peer',
    k,
    'allowed-ips',
    `10.200.${Math.floor(i / 250)}.${(i % 250) + 1}/32`,
  ]);
  await must('gwA', ['wg', 'set', 'wg0', ...args]);
  const listed = (await must('gwA', ['wg', 'show', 'wg0', 'peers'])).trim().split('\n').length;
  if (listed !== count + 1) throw new Error(`gwA's wg0 lists ${listed} peers, expected ${count + 1}`);
  return keys;
}
