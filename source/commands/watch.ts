import { parseInterfaceName } from '../domain/names.js';
import { samplerFor } from '../system/checks/collect.js';
import { createWatcher, systemResolver, type Resolver } from '../system/checks/watcher.js';
import { startPolling, type Timers } from '../system/sample/poll-loop.js';
import { type CommandIo, type CommandSpec, interfaceOption, stringValue, UsageError } from './command.js';

/** Test seams for {@link runWatch}. */
export interface WatchOptions {
  resolver?: Resolver;
  timers?: Timers;
  /** Resolves when the watch should stop; defaults to SIGTERM or SIGINT. */
  stopped?: Promise<unknown>;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

/** Run the watch loop until `stopped` settles; returns the exit code (0 on a clean stop). */
export async function runWatch(
  iface: string,
  intervalS: number,
  io: CommandIo,
  options: WatchOptions = {},
): Promise<number> {
  const watcher = createWatcher({
    ...io,
    iface,
    sampler: samplerFor(io, iface),
    resolver: options.resolver ?? systemResolver,
    print: (line) => io.stdout(`${line}\n`),
  });
  let lastError = '';
  const poller = startPolling({
    intervalMs: intervalS * 1000,
    sample: () => watcher.tick(),
    onSample: () => {
      lastError = '';
    },
    onError: (error) => {
      const text = error instanceof Error ? error.message : String(error);
      if (text !== lastError) io.stderr(`${new Date(io.clock.now()).toISOString()} ${iface} ${text}\n`);
      lastError = text; // the same error on every tick is printed once
    },
    clock: io.clock,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  await (options.stopped ?? untilSignal());
  await poller.stop();
  return 0;
}

/** `wg-site watch`: print transitions and keep DDNS endpoints current; for a systemd unit. */
export const watchCommand: CommandSpec = {
  name: 'watch',
  summary: 'Watch a tunnel: print peer up/down and endpoint changes, re-resolve DDNS endpoints',
  details: [
    'A peer whose site-file endpoint is a DNS name and whose handshake is older than 135 s is looked up',
    'again (at most every 30 s); when the address differs, `wg set <if> peer <key> endpoint` applies it.',
    'Runs until SIGTERM or SIGINT and then exits 0; needs no terminal (suitable for a systemd service).',
  ],
  options: {
    ...interfaceOption,
    interval: {
      type: 'string',
      valueName: 'S',
      description: 'seconds between samples (default 5)',
      default: '5',
    },
  },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const text = stringValue(args, 'interval');
    const interval = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || interval < 0.2 || interval > 3600)
      throw new UsageError(`--interval must be a number of seconds from 0.2 to 3600, not "${text}"`);
    return runWatch(iface, interval, io);
  },
};
