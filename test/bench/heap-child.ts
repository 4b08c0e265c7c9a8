// Runs in its own process (node --expose-gc): drives the panel's real store, reducer and Ink view
// with synthetic samples, one rendered frame per sample, on a fake terminal, and prints one JSON
// line: heapUsed after GC at an early and at the last frame, frames rendered, bytes written.
// The app comes from BUNDLE, heap-app.ts bundled as the CLI is (measure-heap.ts builds it).
// Usage: node --expose-gc --import tsx test/bench/heap-child.ts BUNDLE PEERS FRAMES EARLY WIDTH HEIGHT
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { CpuLine, PeerSample, Sample } from '../../source/domain/status/types.js';
import type * as HeapApp from './heap-app.js';

const bundle = process.argv[2]!;
const { createElement, render, createPanelModel, App, createPanelStore } = (await import(
  pathToFileURL(bundle).href
)) as typeof HeapApp;
const [peers, frames, early, width, height] = process.argv.slice(3).map(Number) as [
  number,
  number,
  number,
  number,
  number,
];
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

/** A terminal that keeps nothing but counts: Ink's output goes nowhere, like a real pty's would. */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = width;
  readonly rows = height;
  bytes = 0;
  writes = 0;
  write(chunk: string | Uint8Array): boolean {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    this.writes++;
    return true;
  }
}

const START = 1_700_000_000_000;
const key = (i: number): string => {
  const b = Buffer.alloc(32);
  b.writeUInt32BE(i + 1, 0);
  b.writeUInt32BE(Math.imul(0x9e3779b9, i + 7) >>> 0, 4);
  return b.toString('base64');
};
const keys = Array.from({ length: peers }, (_, i) => key(i));
const names = new Map(keys.slice(0, Math.min(peers, 20)).map((k, i) => [k, `site-${i}`]));
const rx = new Float64Array(peers);
const tx = new Float64Array(peers);

function cpuLine(t: number, core: number): CpuLine {
  const busy = Math.floor(t * (3 + core + Math.sin(t / 7)));
  return {
    user: busy,
    nice: 0,
    system: busy >> 1,
    idle: 100 * t - busy,
    iowait: 0,
    irq: 0,
    softirq: t,
    steal: 0,
  };
}

/** Sample number T (seconds since start): varying traffic, handshakes renewed every 2 min, and
 * every 25th peer silent for 4 minutes of every 10 so its state cycles up → stale → down → up. */
function sample(t: number): Sample {
  const nowS = START / 1000 + t;
  const list: PeerSample[] = [];
  for (let i = 0; i < peers; i++) {
    const silent = i % 25 === 0 && t % 600 >= 300 && t % 600 < 540;
    if (!silent) {
      rx[i]! += Math.floor(1000 * (i + 1) * (1.5 + Math.sin(t / 5 + i)));
      tx[i]! += Math.floor(700 * (i + 1) * (1.5 + Math.cos(t / 3 + i)));
    }
    const lastRenewal = silent ? Math.floor((t - (t % 600) + 300) / 120) * 120 : Math.floor(t / 120) * 120;
    list.push({
      publicKey: keys[i]!,
      hasPresharedKey: false,
      endpoint: `203.0.113.${(i % 250) + 1}:51820`,
      allowedIps: [`10.200.${i >> 8}.${i & 255}/32`],
      latestHandshake: Math.floor(START / 1000) + lastRenewal - (i % 7) || nowS,
      rxBytes: rx[i]!,
      txBytes: tx[i]!,
      persistentKeepalive: 25,
    });
  }
  return {
    at: START + t * 1000,
    peers: list,
    interface: { publicKey: key(99_999), listenPort: 51820, fwmark: undefined },
    link: { rxBytes: rx.reduce((a, b) => a + b, 0), txBytes: tx.reduce((a, b) => a + b, 0) },
    cpu: { total: cpuLine(t, 0), cores: [cpuLine(t, 0), cpuLine(t, 1)] },
    mem: { totalBytes: 4 * 2 ** 30, availableBytes: 3 * 2 ** 30 - (t % 100) * 2 ** 20 },
    load: { one: 0.5 + (t % 10) / 10, five: 0.6, fifteen: 0.7, running: 1, total: 120 },
  };
}

let clock = START;
let rendered = 0;
const store = createPanelStore({
  model: createPanelModel({ peerNames: names, noReplyDown: true }),
  now: () => clock,
});
const terminal = new FakeTerminal();
const stdin = new PassThrough();
const instance = render(createElement(App, { store, interfaceName: 'wg0', siteName: 'bench' }), {
  stdout: terminal as unknown as NodeJS.WriteStream,
  stderr: new PassThrough() as unknown as NodeJS.WriteStream,
  stdin: stdin as unknown as NodeJS.ReadStream,
  // As the panel renders (panel.ts), except the frame cap: 1 ms here instead of 250 ms, so every
  // sample gets its own frame without waiting an hour of wall time.
  maxFps: 1000,
  patchConsole: false,
  exitOnCtrlC: false,
  incrementalRendering: false,
  onRender: () => void rendered++,
});

const heapAfterGc = (): number => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let heapEarly = NaN;
const started = performance.now();
for (let t = 1; t <= frames; t++) {
  clock = START + t * 1000;
  store.onSample(sample(t));
  await pause(2); // let React commit and Ink's 1 ms throttle render this sample's frame
  if (t === early) heapEarly = heapAfterGc();
}
const heapLast = heapAfterGc();
const elapsedMs = performance.now() - started;
instance.unmount();
process.stdout.write(
  `${JSON.stringify({ peers, frames, early, heapEarly, heapLast, rendered, bytes: terminal.bytes, elapsedMs, rss: process.memoryUsage().rss })}\n`,
);
process.exit(0);
