// Fakes for the apply machinery: a scripted command runner that records every argv, a FileStore
// rooted in a temporary directory, and fake process control.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandResult, CommandRunner } from '../../../source/system/command-runner.js';
import { systemFiles, type FileStore } from '../../../source/system/file-store.js';
import type { ApplyDeps } from '../../../source/system/apply/deps.js';
import { planSite, type Plan } from '../../../source/domain/plan/plan.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';

/** A FileStore whose absolute paths all live below ROOT. */
export function rootedFiles(root: string): FileStore {
  const at = (path: string) => join(root, path);
  return {
    read: (p) => systemFiles.read(at(p)),
    writeAtomic: (p, c, m) => systemFiles.writeAtomic(at(p), c, m),
    createExclusive: (p, c, m) => systemFiles.createExclusive(at(p), c, m),
    remove: (p) => systemFiles.remove(at(p)),
    exists: (p) => systemFiles.exists(at(p)),
    list: (d) => systemFiles.list(at(d)),
    mode: (p) => systemFiles.mode(at(p)),
    stat: (p) => systemFiles.stat(at(p)),
  };
}

/** A small model of a gateway that answers the commands apply runs. */
export class FakeGateway implements CommandRunner {
  calls: string[] = [];
  up = false;
  table = false;
  sysctl: Record<string, string> = { 'net.ipv4.ip_forward': '0' };
  /** Commands (full text) that fail. */
  failing = new Set<string>();
  /** Extra answers by full command text. */
  answers = new Map<string, Partial<CommandResult>>();
  /** Answers used once, before `answers`. */
  once = new Map<string, Partial<CommandResult>>();
  /** What `wg syncconf` was given (read through `readFile`, which the test sets). */
  syncconfInput: string | undefined;
  readFile: ((path: string) => string | undefined) | undefined;
  constructor(readonly peerLine: string) {}

  async run(file: string, args: readonly string[]): Promise<CommandResult> {
    const text = [file, ...args].join(' ');
    this.calls.push(text);
    const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
    const fail = (stderr = 'failed'): CommandResult => ({ stdout: '', stderr, exitCode: 1 });
    if (this.failing.has(text)) return fail(`${file}: simulated failure`);
    const answer = this.once.get(text) ?? this.answers.get(text);
    this.once.delete(text);
    if (answer) return { stdout: '', stderr: '', exitCode: 0, ...answer };
    if (file === 'wg' && args[0] === 'syncconf') this.syncconfInput = this.readFile?.(args[2]!);
    if (file === 'sh' && args[0] === '-c') return ok(); // command -v: every program exists
    if (text === 'ip -j link show dev wg0')
      return this.up ? ok('[{"ifname":"wg0"}]') : fail('Device "wg0" does not exist.');
    if (text === 'wg-quick up wg0') return ((this.up = true), (this.table = true), ok());
    if (text === 'wg-quick down wg0') return ((this.up = false), (this.table = false), ok());
    if (file === 'sysctl' && args[0] === '-n') return ok(`${this.sysctl[args[1]!] ?? ''}\n`);
    if (file === 'sysctl' && args[0] === '-w') {
      const [key, value] = args[1]!.split('=');
      this.sysctl[key!] = value!;
      return ok();
    }
    if (text.startsWith('nft list table inet'))
      return this.table ? ok('table inet wg_site_wg0 {\n}\n') : fail('No such file');
    if (text.startsWith('nft -f /etc/wireguard/')) return ((this.table = true), ok());
    if (text === 'nft add table inet wg_site_wg0; delete table inet wg_site_wg0')
      return ((this.table = false), ok());
    if (text === 'nft -j list tables') {
      const tables = this.table ? [{ table: { family: 'inet', name: 'wg_site_wg0', handle: 1 } }] : [];
      return ok(JSON.stringify({ nftables: [{ metainfo: {} }, ...tables] }));
    }
    if (text === 'wg-quick strip wg0') {
      const [key, , , allowed] = this.peerLine.split('\t');
      return ok(`[Interface]\nListenPort = 51820\n\n[Peer]\nPublicKey = ${key}\nAllowedIPs = ${allowed}\n`);
    }
    if (text === 'wg show wg0 dump') return ok(`PRIVATE\tPUBLIC\t51820\toff\n${this.peerLine}\n`);
    if (text === 'ip -j -4 route show dev wg0')
      return ok(
        this.up
          ? '[{"dst":"10.0.0.0/31","protocol":"kernel"},{"dst":"192.168.2.0/24","protocol":"boot"}]'
          : '[]',
      );
    if (text === 'ip -j -6 route show dev wg0') return ok('[]');
    return ok();
  }
}

/** The alpha fixture site, planned for nft. */
export function alphaPlan(): { plan: Plan; text: string } {
  const text = readFileSync(
    new URL('../../fixtures/sites/alpha-default-router.json', import.meta.url),
    'utf8',
  );
  const { site, problems } = checkSiteText(text, {});
  if (!site) throw new Error(problems.map((p) => p.message).join('; '));
  return { plan: planSite(site, { firewallBackend: 'nft' }), text };
}

/** The peer line `wg show wg0 dump` prints when alpha is applied. */
export const ALPHA_PEER_LINE =
  'kJKKbI3SCtlyP5eBEEtyzV/Pu7plgg+vQ31whA9jaWI=\t(none)\t(none)\t10.0.0.0/32,192.168.2.0/24\t0\t0\t0\t25';

/** Dependencies around a fake gateway and a temporary root. */
export function fakeDeps(gateway: FakeGateway, root = mkdtempSync(join(tmpdir(), 'wg-site-apply-'))) {
  let now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
  const spawned: string[][] = [];
  const killed: number[] = [];
  const alive = new Set<number>();
  const deps: ApplyDeps = {
    runner: gateway,
    files: rootedFiles(root),
    clock: { now: () => now },
    env: {},
    proc: {
      pid: 4242,
      uid: 0,
      cli: { node: '/usr/bin/node', args: ['/opt/wg-site/bin/wg-site.js'] },
      spawnDetached(file, args) {
        spawned.push([file, ...args]);
        alive.add(5151);
        return 5151;
      },
      alive: (pid) => alive.has(pid),
      kill(pid) {
        killed.push(pid);
        alive.delete(pid);
      },
    },
    sleep: async (ms) => {
      now += ms;
    },
    log: () => undefined,
  };
  return { deps, root, spawned, killed, alive, advance: (ms: number) => (now += ms) };
}
