// Measurement 2c: heap growth over 3,600 simulated frames (heap-child.ts in its own process, with
// --expose-gc and production React), comparing heapUsed after GC at frame 600 and at frame 3,600.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
const TSX = import.meta.resolve('tsx');

/** Runs the simulation for PEERS peers on a WIDTH×HEIGHT fake terminal. */
export function heapRun(
  peers: number,
  width: number,
  height: number,
  frames = 3600,
  early = 600,
): Promise<HeapRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.CI; // Ink renders only the last frame in CI
    delete env.CONTINUOUS_INTEGRATION;
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', TSX, CHILD, ...[peers, frames, early, width, height].map(String)],
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
