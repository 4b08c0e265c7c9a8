import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flockLocks, withInterfaceLock, InterfaceBusy } from '../../../source/system/apply/lock.js';
import { systemFiles } from '../../../source/system/file-store.js';

const dir = mkdtempSync(join(tmpdir(), 'wg-site-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const clock = { now: () => Date.UTC(2026, 0, 1, 12, 0, 0) };

describe('the interface lock (real flock)', () => {
  test('a second taker is refused at once and told who holds it', async () => {
    const locks = flockLocks(systemFiles, clock, { dir, pid: 1111 });
    const first = await locks.acquire('wg0', 'wg-site apply --site a.json', 0);
    assert.ok('held' in first);
    const second = await flockLocks(systemFiles, clock, { dir, pid: 2222 }).acquire(
      'wg0',
      'wg-site confirm',
      0,
    );
    assert.deepEqual(second, {
      busy: { pid: 1111, command: 'wg-site apply --site a.json', since: '2026-01-01T12:00:00.000Z' },
    });
    await first.held.release();
    const third = await locks.acquire('wg0', 'wg-site confirm', 0);
    assert.ok('held' in third, 'free again once released');
    await third.held.release();
  });

  test('locks of different interfaces do not block each other', async () => {
    const locks = flockLocks(systemFiles, clock, { dir });
    const a = await locks.acquire('wg0', 'a', 0);
    const b = await locks.acquire('wg1', 'b', 0);
    assert.ok('held' in a && 'held' in b);
    await a.held.release();
    await b.held.release();
  });

  test('a waiting taker gets the lock as soon as the holder lets go', async () => {
    const locks = flockLocks(systemFiles, clock, { dir });
    const first = await locks.acquire('wg0', 'first', 0);
    assert.ok('held' in first);
    setTimeout(() => void first.held.release(), 200);
    const started = Date.now();
    const second = await locks.acquire('wg0', 'second', 30_000);
    assert.ok('held' in second);
    assert.ok(Date.now() - started < 25_000);
    await second.held.release();
  });

  test('withInterfaceLock throws InterfaceBusy naming the holder, and runs nothing', async () => {
    const locks = flockLocks(systemFiles, clock, { dir, pid: 3333 });
    const first = await locks.acquire('wg0', 'wg-site down', 0);
    assert.ok('held' in first);
    let ran = false;
    await assert.rejects(
      withInterfaceLock({ locks, command: 'wg-site confirm', clock }, 'wg0', async () => (ran = true), 0),
      (e: Error) => e instanceof InterfaceBusy && /pid 3333, `wg-site down`/.test(e.message),
    );
    assert.equal(ran, false);
    await first.held.release();
  });

  test('a holder killed with SIGKILL leaves the lock free (the kernel releases it)', async () => {
    const script = `
      import { flockLocks } from ${JSON.stringify(new URL('../../../source/system/apply/lock.ts', import.meta.url).href)};
      import { systemFiles } from ${JSON.stringify(new URL('../../../source/system/file-store.ts', import.meta.url).href)};
      const taken = await flockLocks(systemFiles, { now: Date.now }, { dir: ${JSON.stringify(dir)} }).acquire('wg9', 'child', 0);
      console.log('held' in taken ? 'held' : 'busy');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const said = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
        child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      assert.equal(said, 'held');
      const locks = flockLocks(systemFiles, clock, { dir });
      const busy = await locks.acquire('wg9', 'parent', 0);
      assert.ok('busy' in busy, 'the child holds it');
      child.kill('SIGKILL');
      const taken = await locks.acquire('wg9', 'parent', 30_000);
      assert.ok('held' in taken, 'free after the holder was killed');
      await taken.held.release();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
