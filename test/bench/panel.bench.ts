// Benchmark of `wg-site panel` in the two-site lab. Run as root from the project root:
//   node --import tsx test/bench/panel.bench.ts [--window-s 8] [--rounds 3] [--no-build]
// Set WG_SITE_LAB_STATE / WG_SITE_LAB_LOCK to use a lab of your own (lab.sh's defaults otherwise).
// Prints a table and writes test/bench/results.md. Tears down its tmux server and lab on any exit.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { labAvailable, labDown, labPingUntil } from '../lab/lab.js';
import { LAB_TUNNEL } from '../lab/site-files.js';
import { addDummyPeers, joinedLab, labLocation, wireguardGoPid, WG_SITE_BIN } from './lab-gateways.js';
import { cpuRounds } from './measure-cpu.js';
import { cutRun } from './measure-cut.js';
import { heapRun } from './measure-heap.js';
import { rateRun } from './measure-rate.js';
import { startRuns } from './measure-start.js';
import { throughputRuns } from './measure-throughput.js';
import type { Program } from './programs.js';
import { textTable, writeResults } from './report.js';
import { summarize, type BenchData } from './summary.js';
import { TmuxServer, type TermSize } from './tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.md', import.meta.url));
const SMALL: TermSize = { width: 80, height: 24 };
const LARGE: TermSize = { width: 120, height: 50 };

const { values: args } = parseArgs({
  options: {
    'window-s': { type: 'string', default: '8' },
    'settle-s': { type: 'string', default: '1.5' },
    rounds: { type: 'string', default: '3' },
    'start-runs': { type: 'string', default: '5' },
    'heap-frames': { type: 'string', default: '3600' },
    'no-build': { type: 'boolean', default: false },
  },
});
const windowMs = Number(args['window-s']) * 1000;
const settleMs = Number(args['settle-s']) * 1000;
const rounds = Number(args.rounds);
const startCount = Number(args['start-runs']);
const heapFrames = Number(args['heap-frames']);

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const has = (tool: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

// ---- clean-up on every exit path ----
let tmux: TmuxServer | undefined;
let labIsUp = false;
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await tmux?.close();
    if (labIsUp) {
      labIsUp = false;
      await labDown().catch((e: unknown) => log(`lab down failed: ${String(e)}`));
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const { ok, reason } = labAvailable();
  if (!ok) {
    log(`panel bench: the lab cannot run here: ${reason}`);
    return 2;
  }
  for (const tool of ['tmux', 'iperf3', 'watch', 'taskset']) {
    if (!has(tool)) {
      log(`panel bench: ${tool} is not installed`);
      return 2;
    }
  }
  const programs: Exclude<Program, 'none'>[] = has('htop') ? ['panel', 'watch', 'htop'] : ['panel', 'watch'];
  if (!programs.includes('htop'))
    log('htop is not installed (apt-get install -y htop): compared with watch only');
  const { state, lock } = labLocation();
  log(`lab: state ${state}, lock ${lock}`);
  if (!args['no-build']) {
    log('building the bundle (npm run build)…');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const began = performance.now();
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const data: BenchData = { cpu: [], starts: [], heap: [], throughput: [] };
  tmux = new TmuxServer();
  const home = tmux.dir;

  log(`heap: ${heapFrames} simulated frames, in-process`);
  for (const [peers, size] of [
    [1, SMALL],
    [300, SMALL],
  ] as const) {
    const h = await heapRun(peers, size.width, size.height, heapFrames, heapFrames / 6);
    log(
      `  heap ${peers}p: ${(h.heapEarly / 1e6).toFixed(2)} → ${(h.heapLast / 1e6).toFixed(2)} MB in ${(h.elapsedMs / 1000).toFixed(0)} s`,
    );
    data.heap.push(h);
  }

  log('lab: up, keygen/pubkey/apply --yes on both gateways');
  labIsUp = true;
  const { publicKeys } = await joinedLab();
  const wgGoPid = await wireguardGoPid('gwA');
  const block = async (peers: number): Promise<void> => {
    data.starts.push(...(await startRuns(tmux!, { peers, runs: startCount, size: SMALL, home, log })));
    const cpu = {
      tmux: tmux!,
      wgGoPid,
      peers,
      sizes: [SMALL, LARGE],
      programs,
      rounds,
      windowMs,
      settleMs,
      home,
      log,
    };
    data.cpu.push(...(await cpuRounds(cpu)));
  };
  await block(1);
  log('rate: UDP 50 Mbit/s gwA → gwB, panel model vs iperf3');
  data.rate = await rateRun(publicKeys.gwB, { bitrate: '50M', payload: 1200 });
  log('throughput: TCP with and without the panel, one core');
  data.throughput = await throughputRuns(tmux, { rounds, seconds: 8, size: SMALL, home, log });
  // With 1 peer, as a site-to-site gateway has: 299 never-connected dummy peers would bury the
  // far peer's line among their own failing checks.
  log('cut: gwB off the WAN');
  data.cut = await cutRun(tmux, { size: LARGE, leadMs: 10_000, timeoutMs: 60_000, home, log });
  if (!(await labPingUntil('gwA', LAB_TUNNEL.gwB, true, 30_000)))
    throw new Error('the tunnel did not come back after the cut');
  log('adding 299 dummy peers to gwA');
  await addDummyPeers(299);
  await block(300);
  await cleanup();

  const rows = summarize(data);
  const context = [
    `date ${new Date().toISOString()}, took ${((performance.now() - began) / 60_000).toFixed(1)} min`,
    `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; load average before ${loadBefore}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `node ${process.version}; bundle ${WG_SITE_BIN} → dist/cli.js built ${statSync(new URL('../../dist/cli.js', import.meta.url)).mtime.toISOString()}`,
    `commit ${gitHead()}; lab state ${state}`,
    `CPU windows ${windowMs / 1000} s after ${settleMs / 1000} s settle, ${rounds} interleaved rounds; start: ${startCount} interleaved pairs`,
  ];
  const notes = [
    'CPU = (utime+stime+cutime+cstime) delta of the program over the window, in % of one core; "wg-go" = median CPU of gwA\'s wireguard-go during the program\'s windows minus its median during baseline windows with no program (same peer count). Panel total = self + wg-go extra.',
    'Programs run inside gwA (lab.sh exec) in a private tmux server at the stated size; watch is `watch -n1 wg show all`, htop is `htop -d10`. Bytes/s come from tmux pipe-pane over the same windows.',
    'Start = spawn of `tmux new-session` until capture-pane (every 20 ms) shows the peer name; the floor is `node -e 0 && wg show wg0 dump` started and read the same way.',
    'Heap: heap-child.ts drives the real store, reducer and <App> through Ink (production React, Ink frame cap 1 ms, one frame per sample) on a fake terminal, heapUsed after 3 gc() at frame 600 and 3,600.',
    "Rate: the panel's sampler + poll loop + reducer read gwA's UAPI socket in-process during a 25 s UDP iperf3 (-b 50M -l 1200); seconds 3–23 of both are averaged. WireGuard counts wire bytes (inner packet padded to 16, + 32), iperf3 counts payload: the ratio is shown raw and divided by that framing factor.",
    'Cut (1 peer): the panel (and a `wg-site check --json` poll every 2 s, sharing the usual evidence file) start 10 s before `lab.sh cut gwB`; the 120x50 screen is polled every 200 ms for a "no reply" line or the far peer\'s row saying down. The tunnel is restored before the 300-peer block.',
  ];
  process.stdout.write(`\n${textTable(rows)}\n\n`);
  await writeResults(RESULTS, rows, data, context, notes);
  log(`wrote ${RESULTS}`);
  return 0;
}

function gitHead(): string {
  try {
    const head = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    const dirty =
      execFileSync('git', ['-C', ROOT, 'status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return `${head}${dirty ? ' (+ uncommitted changes)' : ''}`;
  } catch {
    return 'unknown';
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  log(`panel bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
