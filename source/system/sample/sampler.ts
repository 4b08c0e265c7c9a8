/**
 * One tick's read of everything the live panel shows, with at most one process spawned per tick:
 * - peers from the UAPI socket when a userspace daemon (wireguard-go) serves one: no spawn;
 *   otherwise `wg show <if> dump` (the kernel module): one spawn;
 * - host figures from `/proc` and `/sys` (no spawn);
 * - Raspberry Pi throttling from sysfs, or — only on a Pi, only on a tick that spawned nothing
 *   else, and at most every `throttledEveryMs` — from `vcgencmd get_throttled`.
 */
import { parseThrottled } from '../../domain/status/host.js';
import { parseUapiGet } from '../../domain/status/uapi.js';
import { parseWgDump } from '../../domain/status/wg-dump.js';
import type { DeviceStatus, Sample, Throttled } from '../../domain/status/types.js';
import type { Clock } from '../clock.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileReader } from './file-reader.js';
import { HOST_PATHS, readHostFiles } from './host-files.js';
import { queryUapi, UAPI_SOCKET_DIR, uapiSocketPath, type UapiQuery } from './uapi-client.js';

/** Where a tick's peer data came from. */
export type PeerSource = 'uapi' | 'dump';

/** Inputs of {@link createSampler}. */
export interface SamplerOptions {
  readonly interfaceName: string;
  readonly files: FileReader;
  readonly runner: CommandRunner;
  readonly clock: Clock;
  /** UAPI transport; defaults to {@link queryUapi}. */
  readonly uapi?: UapiQuery;
  /** Directory of UAPI sockets; defaults to `/var/run/wireguard`. */
  readonly socketDir?: string;
  /** Minimum time between two `vcgencmd` runs; default 10 s. */
  readonly throttledEveryMs?: number;
  /** Timeout for `wg show dump`; default 5 s. */
  readonly commandTimeoutMs?: number;
}

/** Reads one {@link Sample} per call. */
export interface Sampler {
  sample(): Promise<Sample>;
  /** Where the last sample's peers came from (undefined before the first). */
  readonly lastSource: PeerSource | undefined;
}

/** Re-derive the interface public key from the private key every this many UAPI reads. */
const DERIVE_EVERY = 60;

/** Build a sampler for one WireGuard interface. */
export function createSampler(options: SamplerOptions): Sampler {
  const { interfaceName, files, runner, clock } = options;
  const uapi = options.uapi ?? ((path: string) => queryUapi(path));
  const socketPath = uapiSocketPath(interfaceName, options.socketDir ?? UAPI_SOCKET_DIR);
  const throttledEveryMs = options.throttledEveryMs ?? 10_000;
  let lastSource: PeerSource | undefined;
  let uapiReads = 0;
  let publicKey: string | undefined;
  let isPi: boolean | undefined;
  let vcgencmdWorks = true;
  let lastVcgencmdAt = -Infinity;
  let lastThrottled: Throttled | undefined;

  async function readPeers(): Promise<{ device: DeviceStatus; spawned: boolean }> {
    let answer: string | undefined;
    try {
      answer = await uapi(socketPath);
    } catch {
      answer = undefined; // no userspace daemon (kernel module) or socket unusable: ask `wg`
    }
    if (answer !== undefined) {
      const derive = publicKey === undefined || uapiReads % DERIVE_EVERY === 0;
      uapiReads++;
      const device = parseUapiGet(answer, { derivePublicKey: derive });
      if (derive) publicKey = device.interface.publicKey;
      lastSource = 'uapi';
      return { device: { ...device, interface: { ...device.interface, publicKey } }, spawned: false };
    }
    const result = await runner.run('wg', ['show', interfaceName, 'dump'], {
      timeoutMs: options.commandTimeoutMs ?? 5000,
    });
    if (result.exitCode !== 0) {
      const why = result.stderr.trim() || `exit code ${result.exitCode}`;
      throw new Error(`wg show ${interfaceName} dump failed: ${why}`);
    }
    lastSource = 'dump';
    return { device: parseWgDump(result.stdout), spawned: true };
  }

  async function vcgencmdThrottled(now: number): Promise<Throttled | undefined> {
    if (isPi === undefined) isPi = ((await files.readText(HOST_PATHS.model)) ?? '').includes('Raspberry Pi');
    if (!isPi || !vcgencmdWorks || now - lastVcgencmdAt < throttledEveryMs) return lastThrottled;
    lastVcgencmdAt = now;
    const result = await runner.run('vcgencmd', ['get_throttled'], { timeoutMs: 2000 });
    try {
      if (result.exitCode !== 0) throw new Error('vcgencmd failed');
      lastThrottled = parseThrottled(result.stdout);
    } catch {
      vcgencmdWorks = false; // not installed or no firmware access: stop trying
      lastThrottled = undefined;
    }
    return lastThrottled;
  }

  return {
    get lastSource() {
      return lastSource;
    },
    async sample() {
      const at = clock.now();
      const [{ device, spawned }, host] = await Promise.all([
        readPeers(),
        readHostFiles(files, interfaceName),
      ]);
      const sample: Sample = { at, peers: device.peers, interface: device.interface, ...host };
      if (host.throttled === undefined && !spawned) {
        const throttled = await vcgencmdThrottled(at);
        if (throttled) return { ...sample, throttled };
      }
      return sample;
    },
  };
}
