// The panel command with the real check gatherer and tool actions wired in (fake host underneath).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';
import { createPanelCommand, systemPanelDeps, type PanelDeps } from '../../../source/commands/panel.js';
import { panelChecks, reusingSampler } from '../../../source/system/actions/panel-checks.js';
import { memoryFileReader } from '../../../source/system/sample/file-reader.js';
import type { Timers } from '../../../source/system/sample/poll-loop.js';
import type { Sampler } from '../../../source/system/sample/sampler.js';
import type { Sample } from '../../../source/domain/status/types.js';
import { fakeHost } from '../checks/fake-host.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function until(what: string, predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (predicate()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Timers the test fires by hand. */
function manualTimers(): Timers & { fire(): void; pending: number } {
  const queue: (() => void)[] = [];
  return {
    get pending() {
      return queue.length;
    },
    setTimeout: (callback) => (queue.push(callback), queue.length),
    clearTimeout: () => void queue.splice(0),
    fire: () => queue.shift()?.(),
  };
}

function mountInto(mounted: { instance?: ReturnType<typeof render> }): PanelDeps['mount'] {
  return (element: ReactElement) => {
    const instance = render(element);
    mounted.instance = instance;
    return { waitUntilExit: () => new Promise(() => {}), unmount: () => instance.unmount() };
  };
}

const count = (calls: string[], text: string) => calls.filter((c) => c === text).length;

describe('panel wiring', () => {
  test('checks run on the 10 s cadence from the poll loop and reuse its wg show sample', async () => {
    const h = fakeHost();
    h.io.interactive = true;
    const timers = manualTimers();
    const mounted: { instance?: ReturnType<typeof render> } = {};
    const done = createPanelCommand({
      checks: systemPanelDeps.checks!,
      files: memoryFileReader({}),
      uapi: async () => {
        throw new Error('no socket');
      },
      timers,
      mount: mountInto(mounted),
    }).run({ values: { interface: 'wg0', 'interval-ms': '1000' }, positionals: [] }, h.io);

    await until(
      'the first check run',
      () => count(h.calls, 'nft -j list ruleset') === 1 && timers.pending === 1,
    );
    await until('checks on screen', () => /CHECKS {2}✓ 13 pass/.test(mounted.instance?.lastFrame() ?? ''));
    assert.equal(count(h.calls, 'wg show wg0 dump'), 1, 'the check run used the poll loop’s sample');
    assert.equal(count(h.calls, 'ip -j addr'), 1);

    for (let second = 1; second <= 9; second++) {
      h.now.value += 1000;
      timers.fire();
      await until(
        `poll ${second + 1}`,
        () => count(h.calls, 'wg show wg0 dump') === second + 1 && timers.pending === 1,
      );
    }
    assert.equal(count(h.calls, 'ip -j addr'), 1, 'no check run within 10 s');

    h.now.value += 1000;
    timers.fire();
    await until('the second check run', () => count(h.calls, 'ip -j addr') === 2);
    await until('it finishes', () => count(h.calls, 'nft -j list ruleset') === 2);
    assert.equal(count(h.calls, 'wg show wg0 dump'), 11, 'one wg show per poll, none for checks');
    mounted.instance!.stdin.write('q');
    assert.equal(await done, 0);
  });

  test('when every poll fails (interface gone), the checks still run and say why', async () => {
    const h = fakeHost();
    h.io.interactive = true;
    h.commands.set('wg show wg0 dump', {
      stdout: '',
      stderr: 'Unable to access interface: No such device',
      exitCode: 1,
    });
    const mounted: { instance?: ReturnType<typeof render> } = {};
    const done = createPanelCommand({
      checks: systemPanelDeps.checks!,
      files: memoryFileReader({}),
      uapi: async () => {
        throw new Error('no socket');
      },
      timers: manualTimers(),
      mount: mountInto(mounted),
    }).run({ values: { interface: 'wg0', 'interval-ms': '1000' }, positionals: [] }, h.io);
    await until('the checks', () => /CHECKS {2}.*fail/.test(mounted.instance?.lastFrame() ?? ''));
    assert.equal(count(h.calls, 'ip -j addr'), 1);
    mounted.instance!.stdin.write('q');
    assert.equal(await done, 0);
  });

  test('w leaves the panel and continues with the wizard, whose exit code the command returns', async () => {
    const h = fakeHost();
    h.io.interactive = true;
    const opened: string[] = [];
    const mounted: { instance?: ReturnType<typeof render> } = {};
    const done = createPanelCommand({
      files: memoryFileReader({}),
      uapi: async () => {
        throw new Error('no socket');
      },
      timers: manualTimers(),
      mount: mountInto(mounted),
      openWizard: async (iface) => (opened.push(iface), 7),
    }).run({ values: { interface: 'wg0', 'interval-ms': '1000' }, positionals: [] }, h.io);
    await until('the panel', () => (mounted.instance?.lastFrame() ?? '').includes('wg-site wg0'));
    mounted.instance!.stdin.write('w');
    assert.equal(await done, 7);
    assert.deepEqual(opened, ['wg0']);
  });

  test('the real wiring provides every tool action and the wizard', () => {
    const h = fakeHost();
    const actions = (systemPanelDeps.actions as (iface: string, io: typeof h.io) => Record<string, unknown>)(
      'wg0',
      h.io,
    );
    assert.deepEqual(Object.keys(actions).sort(), [
      'confirm',
      'iperf3',
      'mtuProbe',
      'ping',
      'reResolve',
      'restart',
    ]);
    assert.equal(typeof systemPanelDeps.openWizard, 'function');
    assert.deepEqual(h.calls, [], 'building the actions runs nothing');
  });
});

describe('reusing the panel’s sample for checks', () => {
  const sample = (at: number): Sample => ({
    at,
    peers: [],
    interface: { publicKey: undefined, listenPort: 51820, fwmark: undefined },
  });
  const fallback = (): Sampler & { reads: number } => {
    const f = {
      reads: 0,
      lastSource: 'dump' as const,
      sample: async () => (f.reads++, sample(0)),
    };
    return f;
  };

  const cases: [string, Sample | undefined, number, boolean][] = [
    ['a fresh sample is handed over', sample(1000), 1500, true],
    ['a sample older than the bound is not', sample(1000), 7000, false],
    ['no sample yet: the fallback reads', undefined, 1000, false],
    ['a sample without interface data is not', { at: 1000, peers: [] }, 1000, false],
  ];
  for (const [what, latest, now, reused] of cases) {
    test(what, async () => {
      const f = fallback();
      const s = reusingSampler(
        () => now,
        () => latest,
        5000,
        f,
      );
      const got = await s.sample();
      assert.equal(got === latest, reused);
      assert.equal(f.reads, reused ? 0 : 1);
    });
  }

  test('panelChecks runs the whole check set without wg show when given a fresh sample', async () => {
    const h = fakeHost();
    const dumpSample: Sample = {
      at: h.now.value,
      peers: [],
      interface: { publicKey: undefined, listenPort: 51820, fwmark: undefined },
    };
    const checks = await panelChecks(h.io, 'wg0', { latest: () => dumpSample })();
    assert.ok(checks.length > 3);
    assert.ok(!h.calls.includes('wg show wg0 dump'));
    assert.ok(h.calls.includes('ip -j addr'));
  });
});
