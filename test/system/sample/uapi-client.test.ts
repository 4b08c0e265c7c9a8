import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryUapi, uapiSocketPath } from '../../../source/system/sample/uapi-client.js';
import { createSampler } from '../../../source/system/sample/sampler.js';
import { memoryFileReader } from '../../../source/system/sample/file-reader.js';
import { systemRunner } from '../../../source/system/command-runner.js';
import { parseUapiGet } from '../../../source/domain/status/uapi.js';
import { parseWgDump } from '../../../source/domain/status/wg-dump.js';

const answer = readFileSync(new URL('../../fixtures/status/uapi-get.txt', import.meta.url), 'utf8');

describe('queryUapi against a local fake daemon', () => {
  let dir: string;
  let server: Server;
  let requests: string[];
  let mode: 'chunks' | 'truncated' | 'silent';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wg-site-uapi-'));
    requests = [];
    server = createServer((socket) => {
      socket.setEncoding('utf8');
      socket.once('data', (req: string) => {
        requests.push(req);
        if (mode === 'chunks') {
          // Split the answer in three writes to prove the client reads until the end marker.
          const a = Math.floor(answer.length / 3);
          socket.write(answer.slice(0, a));
          setImmediate(() => {
            socket.write(answer.slice(a, 2 * a));
            setImmediate(() => socket.write(answer.slice(2 * a))); // daemon keeps the socket open
          });
        } else if (mode === 'truncated') socket.end(answer.slice(0, 100));
        // 'silent': never answer
      });
    });
    await new Promise<void>((r) => server.listen(join(dir, 'wgfake.sock'), r));
  });
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('sends get=1 and returns the whole answer even when it arrives in pieces', async () => {
    mode = 'chunks';
    const text = await queryUapi(uapiSocketPath('wgfake', dir));
    assert.equal(text, answer);
    assert.equal(requests.at(-1), 'get=1\n\n');
  });

  test('rejects an answer cut short', async () => {
    mode = 'truncated';
    await assert.rejects(queryUapi(uapiSocketPath('wgfake', dir)), /closed before the answer ended/);
  });

  test('rejects when the daemon does not answer in time', async () => {
    mode = 'silent';
    await assert.rejects(queryUapi(uapiSocketPath('wgfake', dir), 50), /did not answer in 50 ms/);
  });

  test('rejects with ENOENT when no daemon serves the interface', async () => {
    await assert.rejects(queryUapi(uapiSocketPath('nosuch', dir)), { code: 'ENOENT' });
  });
});

const isRoot = process.getuid?.() === 0;
const hasTools = ['/usr/bin/wireguard-go', '/usr/bin/unshare', '/usr/bin/nsenter', '/usr/bin/wg'].every((p) =>
  existsSync(p),
);
const skipReal = !isRoot
  ? 'needs root to create a private network namespace for wireguard-go'
  : !hasTools
    ? 'needs wireguard-go, wg, unshare and nsenter'
    : false;
if (skipReal) console.log(`# SKIP real UAPI test: ${skipReal}`);

describe('queryUapi against a real wireguard-go in a private namespace', { skip: skipReal }, () => {
  let daemon: ChildProcess;
  let socketDir: string;
  const inNs = (args: string[]): string =>
    execFileSync('nsenter', ['-t', String(daemon.pid), '-m', '-n', ...args], { encoding: 'utf8' });

  before(async () => {
    // unshare without --fork execs sh, which execs wireguard-go: one pid for the whole chain.
    // /run is a private tmpfs in the new mount namespace, so the socket is invisible to the host.
    daemon = spawn(
      'unshare',
      [
        '--net',
        '--mount',
        'sh',
        '-c',
        'mount -t tmpfs none /run && mkdir -p /run/wireguard && exec wireguard-go wgtest0',
      ],
      { env: { ...process.env, WG_PROCESS_FOREGROUND: '1', LOG_LEVEL: 'error' }, stdio: 'ignore' },
    );
    socketDir = `/proc/${daemon.pid}/root/run/wireguard`;
    const deadline = Date.now() + 10_000;
    while (!existsSync(uapiSocketPath('wgtest0', socketDir))) {
      if (Date.now() > deadline || daemon.exitCode !== null)
        throw new Error('wireguard-go did not create its socket');
      await new Promise((r) => setTimeout(r, 20));
    }
    const key = (cmd: string, input?: string) =>
      execFileSync('wg', [cmd], { input, encoding: 'utf8' }).trim();
    // wg reads keys from files; stdin here is a socket, which /dev/stdin cannot reopen. Throwaway lab keys.
    const keyDir = mkdtempSync(join(tmpdir(), 'wg-site-keys-'));
    try {
      writeFileSync(join(keyDir, 'private'), key('genkey'), { mode: 0o600 });
      writeFileSync(join(keyDir, 'psk'), key('genpsk'), { mode: 0o600 });
      const peerPub = key('pubkey', key('genkey'));
      inNs(['wg', 'set', 'wgtest0', 'private-key', join(keyDir, 'private'), 'listen-port', '51820']);
      inNs([
        'wg',
        'set',
        'wgtest0',
        'peer',
        peerPub,
        'preshared-key',
        join(keyDir, 'psk'),
        'endpoint',
        '127.0.0.1:51821',
        'allowed-ips',
        '10.99.1.0/24,192.168.20.0/24',
        'persistent-keepalive',
        '25',
      ]);
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });

  after(async () => {
    if (daemon.exitCode === null) {
      const exited = new Promise((r) => daemon.once('exit', r));
      daemon.kill('SIGTERM');
      await exited;
    }
  });

  test('the answer parses to the same interface and peers `wg show dump` reports', async () => {
    const text = await queryUapi(uapiSocketPath('wgtest0', socketDir));
    assert.match(text, /\nerrno=0\n\n$/);
    const viaUapi = parseUapiGet(text, { derivePublicKey: true });
    const viaWg = parseWgDump(inNs(['wg', 'show', 'wgtest0', 'dump']));
    assert.deepEqual(viaUapi.interface, viaWg.interface);
    assert.deepEqual(viaUapi.peers, viaWg.peers);
    assert.equal(viaUapi.peers[0]!.hasPresharedKey, true);
    assert.equal(viaUapi.peers[0]!.persistentKeepalive, 25);
  });

  test('the sampler reads the daemon through its socket without spawning anything', async () => {
    const spawned: string[] = [];
    const sampler = createSampler({
      interfaceName: 'wgtest0',
      files: memoryFileReader({}),
      runner: { run: (file, args, o) => (spawned.push(file), systemRunner.run(file, args, o)) },
      clock: { now: () => Date.now() },
      socketDir,
    });
    const s = await sampler.sample();
    assert.equal(sampler.lastSource, 'uapi');
    assert.deepEqual(spawned, []);
    assert.equal(s.peers.length, 1);
    assert.deepEqual(s.peers[0]!.allowedIps, ['10.99.1.0/24', '192.168.20.0/24']);
  });
});
