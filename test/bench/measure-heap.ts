// Measurement 2c: heap growth over 3,600 simulated frames (heap-child.ts in its own process, with
// --expose-gc and production React), comparing heapUsed after GC at frame 600 and at frame 3,600.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
// @ts-expect-error -- plain JS build script without types
import { bundleOptions } from '../../scripts/bundle-options.js';

/** What heap-child.ts reports. */
export interface HeapRun {
  readonly peers: number;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly early: number;
  readonly heapEarly: number;
  readonly heapLast: number;
  /** Frames Ink actually rendered (should be ≥ frames). */
  readonly rendered: number;
  readonly bytes: number;
  readonly elapsedMs: number;
}

const CHILD = fileURLToPath(new URL('./heap-child.ts', import.meta.url));
const APP = fileURLToPath(new URL('./heap-app.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

let bundled: Promise<string> | undefined;
/** heap-app.ts bundled like dist/cli.js (same esbuild options and plugins), once per process. */
function heapBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'wg-site-heap-')), 'heap-app.mjs');
    await build({ ...(bundleOptions as object), entryPoints: [APP], outfile });
    return outfile;
  })();
  return bundled;
}

/** Runs the simulation for PEERS peers on a WIDTH×HEIGHT fake terminal. */
export function heapRun(
  peers: number,
  width: number,
  height: number,
  frames = 3600,
  early = 600,
): Promise<HeapRun> {
  return heapBundle().then((bundle) => heapChild(bundle, peers, width, height, frames, early));
}

function heapChild(
  bundle: string,
  peers: number,
  width: number,
  height: number,
  frames: number,
  early: number,
): Promise<HeapRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.CI; // Ink renders only the last frame in CI
    delete env.CONTINUOUS_INTEGRATION;
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', TSX, CHILD, bundle, ...[peers, frames, early, width, height].map(String)],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || line === undefined) {
        reject(new Error(`heap-child exited ${code}: ${stderr.trim().slice(-2000)}`));
        return;
      }
      resolve({ ...(JSON.parse(line) as Omit<HeapRun, 'width' | 'height'>), width, height });
    });
  });
}
