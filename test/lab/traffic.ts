// Real TCP connections between lab nodes that report which source address the far end saw.
// Both ends are tiny Node scripts run inside the nodes, so nothing beyond node itself is needed.
import type { CommandResult } from '../../source/system/command-runner.js';
import { labExec, labWaitFor, type LabNode } from './lab.js';

/** The TCP port the peer-address server listens on inside a lab host. */
export const PEER_PORT = 7001;

// Accepts connections; to each it answers the client's address as it sees it and prints `peer ADDR`.
// A client that sends "stop" ends it. It never lives longer than LIFETIME ms (exit 3).
const SERVER = `
const net = require('node:net');
const [port, lifetime] = process.argv.slice(1).map(Number);
const timer = setTimeout(() => process.exit(3), lifetime);
const server = net.createServer((s) => {
  const addr = s.remoteAddress;
  console.log('peer ' + addr);
  s.on('error', () => {});
  s.once('data', (d) => {
    s.end(addr + '\\n');
    if (String(d).startsWith('stop')) { clearTimeout(timer); server.close(); }
  });
});
server.listen(port, '0.0.0.0');
`;

// Connects, sends MESSAGE, prints what the server answered; exit 1 with the error code on failure.
const CLIENT = `
const net = require('node:net');
const [host, port, message, timeout] = process.argv.slice(1);
const s = net.connect({ host, port: Number(port), timeout: Number(timeout) });
let reply = '';
s.setEncoding('utf8');
s.on('connect', () => s.write(message + '\\n'));
s.on('data', (d) => (reply += d));
s.on('end', () => { process.stdout.write(reply); process.exit(reply ? 0 : 1); });
s.on('timeout', () => { console.error('ETIMEDOUT'); process.exit(1); });
s.on('error', (e) => { console.error(e.code || e.message); process.exit(1); });
`;

/** What one connection attempt gave: the address the server saw, or the client's error. */
export type ConnectResult = { ok: true; seenAs: string } | { ok: false; error: string };

/**
 * Connects from NODE to ADDR:PORT and returns the source address the server saw.
 * Fails (ok: false) on refusal, unreachability or after TIMEOUTMS.
 */
export async function labConnect(
  node: LabNode,
  addr: string,
  port = PEER_PORT,
  timeoutMs = 2000,
  message = 'hello',
): Promise<ConnectResult> {
  const r = await labExec(
    node,
    [process.execPath, '-e', CLIENT, addr, String(port), message, String(timeoutMs)],
    { timeoutMs: timeoutMs + 5000 },
  );
  if (r.exitCode === 0) return { ok: true, seenAs: r.stdout.trim() };
  return { ok: false, error: r.stderr.trim() || `exit ${r.exitCode}` };
}

/** A running peer-address server; {@link PeerServer.stop} ends it and lists who connected. */
export interface PeerServer {
  /** Stops the server; resolves to the source addresses of every non-loopback client, in order. */
  stop(): Promise<string[]>;
}

/**
 * Starts a peer-address server in NODE and waits (bounded) until it answers on loopback.
 * Throws when it does not come up.
 */
export async function labPeerServer(
  node: LabNode,
  port = PEER_PORT,
  lifetimeMs = 60_000,
): Promise<PeerServer> {
  const done: Promise<CommandResult> = labExec(
    node,
    [process.execPath, '-e', SERVER, String(port), String(lifetimeMs)],
    {
      timeoutMs: lifetimeMs + 5000,
    },
  );
  let exited: CommandResult | undefined;
  void done.then((r) => (exited = r));
  const up = await labWaitFor(
    async () => exited !== undefined || (await labConnect(node, '127.0.0.1', port)).ok,
    {
      timeoutMs: 10_000,
      intervalMs: 100,
    },
  );
  if (!up || exited) {
    throw new Error(`the peer server in ${node} did not start: ${exited?.stderr ?? 'no answer on loopback'}`);
  }
  return {
    async stop() {
      const stopped = await labConnect(node, '127.0.0.1', port, 2000, 'stop');
      if (!stopped.ok) throw new Error(`could not stop the peer server in ${node}: ${stopped.error}`);
      const r = await done;
      if (r.exitCode !== 0) throw new Error(`the peer server in ${node} exited ${r.exitCode}: ${r.stderr}`);
      return r.stdout
        .split('\n')
        .map((line) => /^peer (\S+)$/.exec(line)?.[1])
        .filter((a): a is string => a !== undefined && a !== '127.0.0.1');
    },
  };
}
