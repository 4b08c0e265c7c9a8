// Test-side wrapper around test/lab/lab.sh: bring the two-site lab up and down, run commands in its nodes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import type { CommandResult, CommandRunner, RunOptions } from '../../source/system/command-runner.js';
import { shellQuote } from './terminal.js';

/** Absolute path of the lab script. */
export const LAB_SH = fileURLToPath(new URL('./lab.sh', import.meta.url));

/** The lab's nodes (network + mount namespaces). */
export type LabNode = 'wan' | 'routerA' | 'gwA' | 'hostA' | 'routerB' | 'gwB' | 'hostB';

/** One of the two sites: A is 192.168.11.0/24, B is 192.168.12.0/24. */
export type LabSite = 'A' | 'B';

/** Addresses of the lab (all live only inside its namespaces). */
export const LAB_ADDR = {
  gwAWan: '198.51.100.1',
  gwBWan: '198.51.100.2',
  wanRouter: '198.51.100.254',
  routerA: '192.168.11.1',
  gwALan: '192.168.11.2',
  hostA: '192.168.11.10',
  routerB: '192.168.12.1',
  gwBLan: '192.168.12.2',
  hostB: '192.168.12.10',
  lanA: '192.168.11.0/24',
  lanB: '192.168.12.0/24',
} as const;

/** Options for {@link labExec}. */
export interface LabExecOptions {
  /** Text written to the command's standard input (otherwise stdin is /dev/null). */
  input?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Kill the command after this many milliseconds (default 30 s); exitCode is then 124. */
  timeoutMs?: number;
}

/** Where the lab can't run, why. */
export interface LabAvailability {
  ok: boolean;
  reason?: string;
}

function run(file: string, args: readonly string[], opts: LabExecOptions = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ stdout, stderr: `${stderr}${err.message}\n`, exitCode: 127 });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) stderr += `timed out after ${opts.timeoutMs ?? 30_000} ms\n`;
      resolve({ stdout, stderr, exitCode: timedOut ? 124 : (code ?? 1) });
    });
    if (opts.input !== undefined && child.stdin) child.stdin.end(opts.input);
  });
}

/** Runs `lab.sh ARGS...` and throws with its stderr unless it exits 0. */
export async function labCtl(args: readonly string[], opts: LabExecOptions = {}): Promise<string> {
  const r = await run(LAB_SH, args, { timeoutMs: 120_000, ...opts });
  if (r.exitCode !== 0) {
    throw new Error(
      `lab.sh ${args.join(' ')} failed (exit ${r.exitCode}): ${r.stderr.trim() || r.stdout.trim()}`,
    );
  }
  return r.stdout;
}

/** Builds the lab (tearing down a running one first). Throws if it cannot. */
export async function labUp(): Promise<void> {
  await labCtl(['up']);
}

/** Removes every lab process, namespace and state file. Throws if something survives. */
export async function labDown(): Promise<void> {
  await labCtl(['down']);
}

/**
 * Runs ARGV inside NODE's network and mount namespaces. Never throws: a failure is in exitCode
 * (125 when the lab is not up, 127 when the program is missing, 124 on timeout).
 */
export function labExec(
  node: LabNode,
  argv: readonly string[],
  opts: LabExecOptions = {},
): Promise<CommandResult> {
  return run(LAB_SH, ['exec', node, '--', ...argv], opts);
}

/** A {@link CommandRunner} whose commands run inside NODE — for testing source/system code for real. */
export function labRunner(node: LabNode): CommandRunner {
  return {
    run: (file: string, args: readonly string[], options: RunOptions = {}) =>
      labExec(node, [file, ...args], options),
  };
}

/** Makes the gateway unreachable over the WAN (its own interfaces stay untouched). */
export const labCut = (gw: 'gwA' | 'gwB') => labCtl(['cut', gw]);
/** Undoes {@link labCut}. */
export const labRestore = (gw: 'gwA' | 'gwB') => labCtl(['restore', gw]);
/** Sets the MTU of the WAN path; bigger packets are dropped without an ICMP error. */
export const labWanMtu = (mtu: number) => labCtl(['wan-mtu', String(mtu)]);
/** The site's host uses its gateway as default router ('default-router' case). */
export const labRouteViaGateway = (site: LabSite) => labCtl(['route-via-gateway', site]);
/** The site's router gets the far LAN via the gateway ('static-route' case). */
export const labStaticRoute = (site: LabSite) => labCtl(['static-route', site]);
/** Back to the initial routes: host via router, router without a far-LAN route. */
export const labResetRoutes = (site: LabSite) => labCtl(['reset-routes', site]);
/** Drops (silently, both ways) the SSH connections between the admin (node wan) and the gateway. */
export const labSshCut = (gw: 'gwA' | 'gwB') => labCtl(['ssh-cut', gw]);
/** Undoes {@link labSshCut}. */
export const labSshRestore = (gw: 'gwA' | 'gwB') => labCtl(['ssh-restore', gw]);

/**
 * The admin's `ssh` (in node wan, with this lab run's key and known hosts) to gateway GW, running
 * ARGV there: `lab.sh ssh SSH-OPTIONS... GW -- 'ARGV quoted for the remote shell'`.
 */
export function labSshArgv(gw: 'gwA' | 'gwB', argv: readonly string[], sshOptions: readonly string[] = []) {
  return [LAB_SH, 'ssh', ...sshOptions, gw, '--', argv.map(shellQuote).join(' ')];
}

/**
 * Polls CHECK until it returns true, at most TIMEOUTMS; returns whether it did.
 * For waiting on a state (handshake, reachability) instead of sleeping a fixed time.
 */
export async function labWaitFor(
  check: () => Promise<boolean>,
  { timeoutMs = 10_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** One ICMP echo from NODE to ADDR with a 1 s timeout; true when answered. */
export async function labPing(node: LabNode, addr: string): Promise<boolean> {
  return (await labExec(node, ['ping', '-n', '-c1', '-W1', addr])).exitCode === 0;
}

/** Waits (bounded) until pinging ADDR from NODE succeeds (EXPECT true) or fails (EXPECT false). */
export function labPingUntil(
  node: LabNode,
  addr: string,
  expect: boolean,
  timeoutMs = 10_000,
): Promise<boolean> {
  return labWaitFor(async () => (await labPing(node, addr)) === expect, { timeoutMs, intervalMs: 100 });
}

let availability: LabAvailability | undefined;

function probe(): LabAvailability {
  if (process.platform !== 'linux') return { ok: false, reason: 'the lab needs Linux network namespaces' };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'the lab needs root (run the tests as root)' };
  for (const tool of [
    'bash',
    'unshare',
    'nsenter',
    'setsid',
    'flock',
    'ip',
    'ping',
    'wg',
    'wg-quick',
    'wireguard-go',
  ]) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
    if (!found) return { ok: false, reason: `${tool} is not installed` };
  }
  if (!existsSync('/dev/net/tun'))
    return { ok: false, reason: '/dev/net/tun is missing (wireguard-go needs it)' };
  const ns = spawnSync(
    'unshare',
    ['--net', '--mount', '--', 'ip', 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1'],
    {
      encoding: 'utf8',
    },
  );
  if (ns.status !== 0) {
    return { ok: false, reason: `cannot create a namespace with a veth pair: ${(ns.stderr || '').trim()}` };
  }
  return { ok: true };
}

/** Whether the lab's gateways get an sshd (openssh-server and openssh-client are installed). */
export function labSshAvailable(): LabAvailability {
  for (const tool of ['/usr/sbin/sshd', 'ssh', 'ssh-keygen', 'nft']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
    if (!found) return { ok: false, reason: `${tool} is not installed (npm run setup installs it)` };
  }
  return { ok: true };
}

/** Like {@link requireLab}, for tests that also need SSH in the lab. */
export function requireLabSsh(t: TestContext): boolean {
  if (!requireLab(t)) return false;
  const { ok, reason = 'unknown reason' } = labSshAvailable();
  if (ok) return true;
  if (process.env.CI === 'true')
    throw new Error(`SSH in the lab is required in CI but unavailable: ${reason}`);
  process.stderr.write(`LAB SKIPPED: ${reason}\n`);
  t.skip(reason);
  return false;
}

/** Whether this machine can run the lab (root, tools, /dev/net/tun, namespaces); cached. */
export function labAvailable(): LabAvailability {
  availability ??= probe();
  return availability;
}

/**
 * Call first in a lab test: returns true when the lab can run. Otherwise skips the test with the reason,
 * prints 'LAB SKIPPED: …' to stderr, and returns false (the test should then return). When CI=true an
 * unavailable lab is a failure: it throws instead of skipping.
 */
export function requireLab(t: TestContext): boolean {
  const { ok, reason = 'unknown reason' } = labAvailable();
  if (ok) return true;
  if (process.env.CI === 'true') throw new Error(`the lab is required in CI but unavailable: ${reason}`);
  process.stderr.write(`LAB SKIPPED: ${reason}\n`);
  t.skip(reason);
  return false;
}
