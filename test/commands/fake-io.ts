/**
 * Test helpers for the headless commands: an in-memory FileStore, a CommandRunner that answers only
 * the host-detection commands it was told about (and fails the test on anything else), and a
 * CommandIo that records stdout and stderr.
 */
import type { FileFacts } from '../../source/domain/apply/secret-file.js';
import assert from 'node:assert/strict';
import type { CommandIo } from '../../source/commands/command.js';
import type { CommandResult, CommandRunner } from '../../source/system/command-runner.js';
import type { FileStore } from '../../source/system/file-store.js';

/** One file held by {@link MemoryFiles}. */
export interface MemoryFile {
  content: string;
  mode: number;
  /** Owner; root when absent. */
  uid?: number;
}

/** A FileStore backed by a Map; parent directories are implicit. */
export class MemoryFiles implements FileStore {
  readonly files = new Map<string, MemoryFile>();

  constructor(initial: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(initial)) this.files.set(path, { content, mode: 0o600 });
  }

  async read(path: string): Promise<string | undefined> {
    return this.files.get(path)?.content;
  }

  async writeAtomic(path: string, content: string, mode: number): Promise<void> {
    this.files.set(path, { content, mode });
  }

  async createExclusive(path: string, content: string, mode: number): Promise<boolean> {
    if (this.files.has(path)) return false;
    this.files.set(path, { content, mode });
    return true;
  }

  async remove(path: string): Promise<void> {
    this.files.delete(path);
  }

  async exists(path: string): Promise<boolean> {
    return this.files.has(path);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = `${dir.replace(/\/+$/, '')}/`;
    return [...this.files.keys()]
      .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map((p) => p.slice(prefix.length));
  }

  async mode(path: string): Promise<number | undefined> {
    return this.files.get(path)?.mode;
  }

  async stat(path: string): Promise<FileFacts | undefined> {
    const file = this.files.get(path);
    return file && { kind: 'file', mode: file.mode, uid: file.uid ?? 0 };
  }
}

/** What `ip -j …` reports on the fake host. */
export interface FakeHost {
  routes?: unknown[];
  links?: unknown[];
  /** Whether `command -v nft` finds nft. */
  nft?: boolean;
}

/** A gateway with eth0 (uplink, MTU 1400, 192.168.1.10/24) and the default route via 192.168.1.1. */
export const defaultHost: FakeHost = {
  routes: [{ dst: 'default', gateway: '192.168.1.1', dev: 'eth0', protocol: 'dhcp' }],
  links: [
    {
      ifname: 'lo',
      mtu: 65536,
      link_type: 'loopback',
      addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host' }],
    },
    {
      ifname: 'eth0',
      mtu: 1400,
      link_type: 'ether',
      addr_info: [{ family: 'inet', local: '192.168.1.10', prefixlen: 24, scope: 'global' }],
    },
  ],
  nft: true,
};

function ok(stdout: string): CommandResult {
  return { stdout, stderr: '', exitCode: 0 };
}

/** A runner that answers exactly the host-detection commands and records every call. */
export function fakeRunner(host: FakeHost = defaultHost): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async run(file, args) {
      calls.push([file, ...args]);
      const line = [file, ...args].join(' ');
      if (line === 'ip -j route show default') return ok(JSON.stringify(host.routes ?? []));
      if (line === 'ip -j addr show') return ok(JSON.stringify(host.links ?? []));
      if (line === 'sh -c command -v nft')
        return host.nft === false ? { stdout: '', stderr: '', exitCode: 1 } : ok('/usr/sbin/nft\n');
      assert.fail(`unexpected command: ${line}`);
    },
  };
}

/** A CommandIo with recorded output. */
export interface FakeIo extends CommandIo {
  out: string[];
  err: string[];
  stdoutText(): string;
  stderrText(): string;
}

/** Build a fake io; `files` defaults to an empty MemoryFiles. */
export function fakeIo(options: { files?: FileStore; runner?: CommandRunner; stdin?: string } = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    runner: options.runner ?? fakeRunner(),
    files: options.files ?? new MemoryFiles(),
    clock: { now: () => 1_700_000_000_000 },
    env: {},
    readStdin: async () => options.stdin ?? '',
    interactive: false,
  };
}
