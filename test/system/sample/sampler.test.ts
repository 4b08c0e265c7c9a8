import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSampler } from '../../../source/system/sample/sampler.js';
import { memoryFileReader } from '../../../source/system/sample/file-reader.js';
import { HOST_PATHS, linkCounterPath } from '../../../source/system/sample/host-files.js';
import type { CommandResult, CommandRunner } from '../../../source/system/command-runner.js';
import { parseWgDump } from '../../../source/domain/status/wg-dump.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/status/${name}`, import.meta.url), 'utf8');

class FakeRunner implements CommandRunner {
  calls: string[][] = [];
  constructor(private readonly answers: Record<string, CommandResult>) {}
  async run(file: string, args: readonly string[]): Promise<CommandResult> {
    this.calls.push([file, ...args]);
    return this.answers[file] ?? { stdout: '', stderr: `${file}: command not found`, exitCode: 127 };
  }
}

const hostFiles = {
  [HOST_PATHS.stat]: fixture('proc-stat.txt'),
  [HOST_PATHS.meminfo]: fixture('proc-meminfo.txt'),
  [HOST_PATHS.loadavg]: '0.10 0.20 0.30 1/100 42\n',
  [HOST_PATHS.thermal]: '51234\n',
  [linkCounterPath('wgtest0', 'rx')]: '1000\n',
  [linkCounterPath('wgtest0', 'tx')]: '2000\n',
};
const noSocket = async () => {
  throw Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' });
};
let now = 1_000_000;
const clock = { now: () => now };
const dumpOk = { wg: { stdout: fixture('wg-show-dump.txt'), stderr: '', exitCode: 0 } };

describe('createSampler', () => {
  test('uses the UAPI socket when it answers, spawning nothing', async () => {
    const runner = new FakeRunner(dumpOk);
    const asked: string[] = [];
    const sampler = createSampler({
      interfaceName: 'wgtest0',
      files: memoryFileReader(hostFiles),
      runner,
      clock,
      socketDir: '/run/test',
      uapi: async (path) => (asked.push(path), fixture('uapi-get.txt')),
    });
    const s = await sampler.sample();
    assert.deepEqual(asked, ['/run/test/wgtest0.sock']);
    assert.deepEqual(runner.calls, []);
    assert.equal(sampler.lastSource, 'uapi');
    assert.equal(s.at, now);
    assert.equal(s.peers.length, 2);
    assert.equal(s.interface?.publicKey, parseWgDump(fixture('wg-show-dump.txt')).interface.publicKey);
    assert.deepEqual(s.link, { rxBytes: 1000, txBytes: 2000 });
    assert.equal(s.temp, 51.234);
    assert.equal(s.load?.total, 100);
    assert.ok(s.cpu && s.mem);
    assert.equal(s.throttled, undefined, 'not a Pi: no throttling figure and no vcgencmd');
    const again = await sampler.sample();
    assert.equal(again.interface?.publicKey, s.interface?.publicKey, 'the derived key is remembered');
  });

  test('falls back to one `wg show <if> dump` when there is no socket', async () => {
    const runner = new FakeRunner(dumpOk);
    const sampler = createSampler({
      interfaceName: 'wgtest0',
      files: memoryFileReader({}),
      runner,
      clock,
      uapi: noSocket,
    });
    const s = await sampler.sample();
    assert.deepEqual(runner.calls, [['wg', 'show', 'wgtest0', 'dump']]);
    assert.equal(sampler.lastSource, 'dump');
    assert.deepEqual(s.peers, parseWgDump(fixture('wg-show-dump.txt')).peers);
    assert.equal(s.cpu, undefined, 'unreadable host files leave their parts out');
  });

  test('a failing `wg` rejects with its message', async () => {
    const runner = new FakeRunner({
      wg: { stdout: '', stderr: 'Unable to access interface: No such device\n', exitCode: 1 },
    });
    const sampler = createSampler({
      interfaceName: 'wg9',
      files: memoryFileReader({}),
      runner,
      clock,
      uapi: noSocket,
    });
    await assert.rejects(
      sampler.sample(),
      /wg show wg9 dump failed: Unable to access interface: No such device/,
    );
  });

  test('a malformed host file hides only that figure', async () => {
    const runner = new FakeRunner(dumpOk);
    const files = memoryFileReader({ ...hostFiles, [HOST_PATHS.loadavg]: 'garbage' });
    const s = await createSampler({
      interfaceName: 'wgtest0',
      files,
      runner,
      clock,
      uapi: noSocket,
    }).sample();
    assert.equal(s.load, undefined);
    assert.ok(s.mem);
  });

  describe('on a Raspberry Pi', () => {
    const piFiles = { ...hostFiles, [HOST_PATHS.model]: 'Raspberry Pi 4 Model B Rev 1.4\0' };
    const vcgencmd = { stdout: 'throttled=0x50005\n', stderr: '', exitCode: 0 };

    test('reads throttling from sysfs when the kernel offers it, without vcgencmd', async () => {
      const runner = new FakeRunner({ vcgencmd });
      const files = memoryFileReader({ ...piFiles, [HOST_PATHS.throttled]: '50000\n' });
      const s = await createSampler({
        interfaceName: 'wgtest0',
        files,
        runner,
        clock,
        uapi: async () => fixture('uapi-get.txt'),
      }).sample();
      assert.equal(s.throttled?.raw, 0x50000);
      assert.deepEqual(runner.calls, []);
    });

    test('otherwise runs vcgencmd only on ticks without another spawn, at most every 10 s', async () => {
      const runner = new FakeRunner({ vcgencmd, ...dumpOk });
      let socket = true;
      const sampler = createSampler({
        interfaceName: 'wgtest0',
        files: memoryFileReader(piFiles),
        runner,
        clock,
        uapi: async () => {
          if (!socket) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
          return fixture('uapi-get.txt');
        },
      });
      const s1 = await sampler.sample();
      assert.equal(s1.throttled?.underVoltage, true);
      assert.deepEqual(runner.calls, [['vcgencmd', 'get_throttled']]);
      now += 1000;
      const s2 = await sampler.sample();
      assert.equal(s2.throttled?.raw, 0x50005, 'the last reading is kept between runs');
      assert.equal(runner.calls.length, 1);
      now += 10_000;
      socket = false;
      await sampler.sample();
      assert.deepEqual(
        runner.calls.at(-1),
        ['wg', 'show', 'wgtest0', 'dump'],
        'the dump tick spawns only wg',
      );
      assert.equal(runner.calls.length, 2);
    });

    test('stops trying vcgencmd once it is missing', async () => {
      const runner = new FakeRunner({});
      const sampler = createSampler({
        interfaceName: 'wgtest0',
        files: memoryFileReader(piFiles),
        runner,
        clock,
        throttledEveryMs: 0,
        uapi: async () => fixture('uapi-get.txt'),
      });
      await sampler.sample();
      await sampler.sample();
      assert.deepEqual(runner.calls, [['vcgencmd', 'get_throttled']]);
    });
  });
});
