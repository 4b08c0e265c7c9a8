/**
 * Path-MTU probe through the tunnel: ping the far gateway's tunnel address with DF set, once small
 * and once at the tunnel MTU; when only the small one passes, try smaller sizes (in parallel) to
 * find one that fits. Costs 2 spawns when all is well; meant for a slow cadence.
 */
import { looseCidr } from '../../domain/checks/ip-json.js';
import type { MtuProbe } from '../../domain/checks/types.js';
import type { PeerSample } from '../../domain/status/types.js';
import type { CommandRunner } from '../command-runner.js';

/** IPv4 + ICMP headers: a ping with `-s N` makes an (N + 28)-byte packet. */
const ICMP4_OVERHEAD = 28;

async function pingFits(runner: CommandRunner, target: string, packetSize: number): Promise<boolean> {
  const args = ['-n', '-c1', '-W1', '-M', 'do', '-s', String(packetSize - ICMP4_OVERHEAD), target];
  const r = await runner.run('ping', args, { timeoutMs: 3000 });
  return r.exitCode === 0;
}

/** The far tunnel address of a peer: its first IPv4 host prefix in AllowedIPs. */
export function probeTarget(peer: PeerSample): string | undefined {
  for (const text of peer.allowedIps) {
    const c = looseCidr(text);
    if (c && c.version === 4 && c.prefix === 32) return c.text.slice(0, -3);
  }
  return undefined;
}

/** Probe one peer. `tunnelMtu` is the WireGuard interface's MTU. */
export async function probeMtu(
  runner: CommandRunner,
  peer: PeerSample,
  tunnelMtu: number,
): Promise<MtuProbe | undefined> {
  const target = probeTarget(peer);
  if (!target) return undefined;
  const [smallOk, fullOk] = await Promise.all([
    pingFits(runner, target, 84),
    pingFits(runner, target, tunnelMtu),
  ]);
  const probe: MtuProbe = { publicKey: peer.publicKey, target, tunnelMtu, smallOk, fullOk };
  if (!smallOk || fullOk) return probe;
  const sizes: number[] = [];
  for (let s = tunnelMtu - 20; s >= 1200 && sizes.length < 12; s -= 20) sizes.push(s);
  const fits = await Promise.all(sizes.map((s) => pingFits(runner, target, s)));
  const largestOk = sizes.find((_, i) => fits[i]);
  return largestOk === undefined ? probe : { ...probe, largestOk };
}
