import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';
import type { CommandSpec } from '../../source/commands/command.js';
import { main } from '../../source/commands/main.js';
import { createPanelCommand, defaultPanelInterface, type PanelDeps } from '../../source/commands/panel.js';
import type { CommandResult, CommandRunner } from '../../source/system/command-runner.js';
import { memoryFileReader } from '../../source/system/sample/file-reader.js';
import { HOST_PATHS } from '../../source/system/sample/host-files.js';
import type { Timers } from '../../source/system/sample/poll-loop.js';
import { fakeIo, MemoryFiles, type FakeIo } from './fake-io.js';

const siteText = readFileSync(
  new URL('../fixtures/sites/hq-static-route-two-peers.json', import.meta.url),
  'utf8',
);
const NOW = 1_700_000_000_000;
const BRANCH = 'TZcoqRdF1HJZqfAiyQKtiswW6PyVcj2UYZZKwno8XAI=';
const STORE = 'xTqHAIn5UYtiVmEkpdJN9DxFUBjl6IPAVJ7QY1D99Vg=';
const PRIVATE = 'sLHP8wmO0MuCL6B2OMzAUhT1C/5FmlZ61GRlsLS1Ak0=';
const dump = [
  [PRIVATE, 'bl5Kq5R1IT/IfLWY1CjRPvpYplRxUxf3tCpy928Z1V4=', '51821', 'off'],
  [
    BRANCH,
    '(none)',
    '203.0.113.50:51820',
    '10.100.0.2/32,10.0.2.0/24',
    String(NOW / 1000 - 30),
    '5000',
    '7000',
    '25',
  ],
  [STORE, '(none)', '(none)', '10.100.0.3/32,10.0.3.0/24,10.0.4.0/25', '0', '0', '0', 'off'],
]
  .map((f) => f.join('\t'))
  .join('\n');

/** Answers `wg show <if> dump` and records every call. */
function wgRunner(): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(file, args): Promise<CommandResult> {
      calls.push([file, ...args].join(' '));
      if (file === 'wg' && args[0] === 'show' && args[2] === 'dump')
        return { stdout: `${dump}\n`, stderr: '', exitCode: 0 };
      return { stdout: '', stderr: `${file}: command not found`, exitCode: 127 };
    },
  };
}

/** Timers that never fire: only the first (immediate) poll happens. */
const frozen: Timers & { cleared: number } = {
  cleared: 0,
  setTimeout: () => ({}),
  clearTimeout() {
    frozen.cleared++;
  },
};

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(
  files: Record<string, string>,
  interactive = true,
): { io: FakeIo; runner: ReturnType<typeof wgRunner> } {
  const runner = wgRunner();
  const io = fakeIo({ files: new MemoryFiles(files), runner });
  io.interactive = interactive;
  io.clock = { now: () => NOW };
  return { io, runner };
}

/** Deps that mount into ink-testing-library and read fake /proc files. */
function testDeps(
  mounted: { instance?: ReturnType<typeof render> },
  extra: Partial<PanelDeps> = {},
): PanelDeps {
  return {
    files: memoryFileReader({ [HOST_PATHS.loadavg]: '0.10 0.20 0.30 1/100 42\n' }),
    uapi: async () => {
      throw Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' });
    },
    timers: frozen,
    mount: (element: ReactElement) => {
      const instance = render(element);
      mounted.instance = instance;
      return { waitUntilExit: () => new Promise(() => {}), unmount: () => instance.unmount() };
    },
    ...extra,
  };
}

async function frameWith(mounted: { instance?: ReturnType<typeof render> }, text: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const frame = mounted.instance?.lastFrame() ?? '';
    if (frame.includes(text)) return frame;
    await tick();
  }
  throw new Error(`no frame with ${JSON.stringify(text)}; last:\n${mounted.instance?.lastFrame()}`);
}

describe('wg-site panel', () => {
  test('refuses to run without a terminal and points to wg-site status (exit 2)', async () => {
    const { io, runner } = setup({}, false);
    const code = await createPanelCommand(testDeps({})).run(
      { values: { interface: 'wg0', 'interval-ms': '1000' }, positionals: [] },
      io,
    );
    assert.equal(code, 2);
    assert.match(io.stderrText(), /needs a terminal .*use: wg-site status/);
    assert.deepEqual(runner.calls, []);
  });

  test('"wg-site panel" through main also exits 2 when stdout is not a TTY', async () => {
    const { io } = setup({}, false);
    assert.equal(await main(['panel'], io), 2);
    assert.match(io.stderrText(), /wg-site status/);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    [
      'an interval below 200 ms',
      { interface: 'wg0', 'interval-ms': '50' },
      /--interval-ms must be .* 200 to 60000/,
    ],
    ['an interval that is not a number', { interface: 'wg0', 'interval-ms': '1s' }, /not "1s"/],
    ['an interface name with a slash', { interface: 'wg/0', 'interval-ms': '1000' }, /only letters, digits/],
  ];
  for (const [what, values, message] of bad) {
    test(`rejects ${what} with exit 2`, async () => {
      const { io } = setup({});
      const argv = ['panel', '--interface', values.interface!, '--interval-ms', values['interval-ms']!];
      // Through main (the registered command) so the exit code and message are what users see.
      assert.equal(await main(argv, io), 2);
      assert.match(io.stderrText(), message);
    });
  }

  test('names peers from the site file, samples with wg show dump, and q ends the command', async () => {
    const { io, runner } = setup({ '/etc/wg-site/wg-hq.json': siteText });
    const clearedBefore = frozen.cleared;
    const mounted: { instance?: ReturnType<typeof render> } = {};
    const done = createPanelCommand(testDeps(mounted)).run(
      { values: { interface: 'wg-hq', 'interval-ms': '1000', ascii: true }, positionals: [] },
      io,
    );
    const frame = await frameWith(mounted, 'branch');
    assert.match(frame, /^wg-site wg-hq \| 1\/2 peers up \| site hq \| port 51821$/m);
    assert.match(frame, /^> branch +\+ up +30s /m);
    assert.match(frame, /^ {2}store +- never +never /m);
    assert.match(frame, /CHECKS {2}not available yet/);
    assert.ok(/^[\x20-\x7e\n]*$/.test(frame), '--ascii draws ASCII only');
    assert.deepEqual(runner.calls, ['wg show wg-hq dump']);
    mounted.instance!.stdin.write('q');
    assert.equal(await done, 0);
    assert.equal(frozen.cleared, clearedBefore + 1, 'the poll loop was stopped');
  });

  test('a broken site file is reported in the status line and peers are shown by key', async () => {
    const { io } = setup({ '/etc/wg-site/wg-hq.json': '{ not json' });
    const mounted: { instance?: ReturnType<typeof render> } = {};
    const done = createPanelCommand(testDeps(mounted)).run(
      { values: { interface: 'wg-hq', 'interval-ms': '1000' }, positionals: [] },
      io,
    );
    const frame = await frameWith(mounted, 'TZcoqRdF');
    assert.match(frame, /\/etc\/wg-site\/wg-hq\.json has 1 problem \(see wg-site plan --site/);
    mounted.instance!.stdin.write('q');
    assert.equal(await done, 0);
  });

  test('passes gathered checks and actions through to the view', async () => {
    const { io } = setup({});
    const mounted: { instance?: ReturnType<typeof render> } = {};
    const done = createPanelCommand(
      testDeps(mounted, {
        checks: (iface) => async () => [
          { id: 'x', title: `Interface ${iface}`, status: 'fail', reason: 'is down' },
        ],
        actions: { ping: async (peer) => `pinged ${peer?.publicKey.slice(0, 4)}` },
      }),
    ).run({ values: { interface: 'wg0', 'interval-ms': '1000' }, positionals: [] }, io);
    await frameWith(mounted, 'Interface wg0: is down');
    mounted.instance!.stdin.write('p');
    await frameWith(mounted, 'pinged TZco');
    mounted.instance!.stdin.write('q');
    assert.equal(await done, 0);
  });
});

describe('plain wg-site on a configured gateway', () => {
  const cases: [string, string[], string | undefined][] = [
    ['no site files: no panel', [], undefined],
    ['one site file: its interface', ['/etc/wg-site/wg-hq.json'], 'wg-hq'],
    ['several: wg0 first', ['/etc/wg-site/wg1.json', '/etc/wg-site/wg0.json'], 'wg0'],
    ['several without wg0: the first by name', ['/etc/wg-site/wgb.json', '/etc/wg-site/wga.json'], 'wga'],
    ['other files are ignored', ['/etc/wg-site/notes.txt', '/etc/wg-site/bad name.json'], undefined],
  ];
  for (const [title, paths, expected] of cases) {
    test(title, async () => {
      const { io } = setup(Object.fromEntries(paths.map((p) => [p, '{}'])));
      assert.equal(await defaultPanelInterface(io), expected);
    });
  }

  test('without a site file, plain wg-site on a terminal opens the setup wizard', async () => {
    const { io } = setup({});
    const started: string[][] = [];
    const setupStub: CommandSpec = {
      name: 'setup',
      summary: 'stub',
      options: {},
      run: async (args) => (started.push(args.positionals), 0),
    };
    assert.equal(await main([], io, [setupStub]), 0);
    assert.deepEqual(started, [[]]);
  });
});
