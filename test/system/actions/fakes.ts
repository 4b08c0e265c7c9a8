// Fakes for the panel's tool actions: a runner that answers scripted commands and records every argv
// with its timeout, and the files of a configured lab-like gateway.
import type { CommandResult, CommandRunner, RunOptions } from '../../../source/system/command-runner.js';
import { MemoryFiles } from '../../commands/fake-io.js';

/** One recorded command. */
export interface Call {
  readonly argv: string;
  readonly timeoutMs: number | undefined;
}

/** Answers by full argv text; anything else exits 127 (so an unexpected command shows in `calls`). */
export class ScriptedRunner implements CommandRunner {
  readonly calls: Call[] = [];
  readonly answers = new Map<string, Partial<CommandResult> | (() => Promise<CommandResult>)>();

  answer(argv: string, result: Partial<CommandResult> | (() => Promise<CommandResult>)): this {
    this.answers.set(argv, result);
    return this;
  }

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const argv = [file, ...args].join(' ');
    this.calls.push({ argv, timeoutMs: options.timeoutMs });
    const a = this.answers.get(argv);
    if (typeof a === 'function') return a();
    if (a === undefined) return { stdout: '', stderr: `${file}: not scripted`, exitCode: 127 };
    return { stdout: '', stderr: '', exitCode: 0, ...a };
  }

  get argv(): string[] {
    return this.calls.map((c) => c.argv);
  }
}

export const FAR_KEY = 'kJKKbI3SCtlyP5eBEEtyzV/Pu7plgg+vQ31whA9jaWI=';

/** The site file of gateway A in the lab's layout; ENDPOINT and LAN address can be varied. */
export function siteText(options: { endpoint?: string | null; lanAddress?: string | null } = {}): string {
  const endpoint = options.endpoint === undefined ? '198.51.100.2:51820' : options.endpoint;
  const lanAddress = options.lanAddress === undefined ? '192.168.11.2/24' : options.lanAddress;
  return JSON.stringify({
    interface: 'wg0',
    name: 'site-a',
    lan: {
      interface: 'eth-lan',
      ...(lanAddress === null ? {} : { address: lanAddress }),
      subnets: ['192.168.11.0/24'],
    },
    tunnel: { address: '10.99.0.0/31', listenPort: 51820 },
    routing: 'default-router',
    firewall: { fromRemote: 'all' },
    peers: [
      {
        name: 'site-b',
        publicKey: FAR_KEY,
        ...(endpoint === null ? {} : { endpoint }),
        tunnelAddress: '10.99.0.1',
        subnets: ['192.168.12.0/24'],
      },
    ],
  });
}

/** Files of a gateway whose stored site file is TEXT (none when null). */
export function gatewayFiles(text: string | null = siteText()): MemoryFiles {
  return new MemoryFiles(text === null ? {} : { '/etc/wg-site/wg0.json': text });
}

/** The selected peer as the panel passes it. */
export const PEER = {
  publicKey: FAR_KEY,
  name: 'site-b',
  endpoint: '198.51.100.2:51820',
  allowedIps: ['10.99.0.1/32', '192.168.12.0/24'],
};
