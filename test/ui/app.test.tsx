process.env.TZ = 'UTC'; // event times are local; before anything formats a date
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { glyphsFor } from '../../source/ui/glyphs.js';
import { hintFor, KEYMAP } from '../../source/ui/keymap.js';
import { ONE_PEER, sampleAt, storeWith, T0, THIRTY_PEERS } from './fixtures.js';
import * as F from './frames.js';
import {
  checksSettled,
  frameWhere,
  KEYS,
  press,
  renderApp,
  tick,
  waitFor,
  type Rendered,
} from './harness.js';
import { createPanelStore } from '../../source/ui/panel-store.js';
import { createPanelModel } from '../../source/domain/status/panel-model.js';

const one = () => checksSettled(storeWith(ONE_PEER, 61));
const thirty = () => checksSettled(storeWith(THIRTY_PEERS, 61));

async function shown(instance: Rendered, expected: string): Promise<string> {
  const frame = await frameWhere(instance, (f) => f === expected, 'the expected frame').catch(
    () => instance.lastFrame() ?? '',
  );
  assert.equal(frame, expected);
  return frame;
}

function assertFits(frame: string, width: number, height: number): void {
  const lines = frame.split('\n');
  assert.ok(lines.length <= height - 1, `${lines.length} lines in a ${height}-line terminal`);
  for (const line of lines) assert.ok([...line].length <= width, `line wider than ${width}: ${line}`);
}

describe('panel frames at fixed sizes', () => {
  const cases: [string, () => Promise<ReturnType<typeof storeWith>>, number, number, string][] = [
    ['80×24 with one peer shows every field of the peer in three lines', one, 80, 24, F.ONE_80x24],
    ['80×24 with thirty peers windows the list and says which part is shown', thirty, 80, 24, F.THIRTY_80x24],
    ['120×40 with one peer puts keepalive and AllowedIPs beside the traffic', one, 120, 40, F.ONE_120x40],
    ['120×40 with thirty peers shows fourteen of them', thirty, 120, 40, F.THIRTY_120x40],
    ['40×10 with one peer degrades to one-line rows and drops the event log', one, 40, 10, F.ONE_40x10],
    [
      '40×10 with thirty peers still shows three peers and the checks summary',
      thirty,
      40,
      10,
      F.THIRTY_40x10,
    ],
  ];
  for (const [title, store, width, height, expected] of cases) {
    test(title, async () => {
      const instance = renderApp({ store: await store(), width, height });
      const frame = await shown(instance, expected);
      assertFits(frame, width, height);
      instance.unmount();
    });
  }

  test('ASCII mode draws only printable 7-bit characters', async () => {
    const instance = renderApp({ store: await one(), width: 80, height: 24, ascii: true });
    const frame = await shown(instance, F.ONE_80x24_ASCII);
    for (const ch of frame.replaceAll('\n', ''))
      assert.ok(ch.charCodeAt(0) <= 0x7e && ch >= ' ', `non-ASCII ${JSON.stringify(ch)}`);
    instance.unmount();
  });

  test('without colour the frame holds no escape sequence at all', async () => {
    const instance = renderApp({ store: await one(), width: 80, height: 24, color: false });
    const frame = await shown(instance, F.ONE_80x24);
    assert.ok(!frame.includes('\u001B'));
    instance.unmount();
  });
});

describe('keys go through the key table', () => {
  test('j moves the selection down and the window follows it', async () => {
    const instance = renderApp({ store: await thirty(), width: 80, height: 24 });
    await shown(instance, F.THIRTY_80x24);
    await press(instance, 'j', 'j', 'j', 'j');
    await shown(instance, F.THIRTY_80x24_AFTER_4_DOWN);
    instance.unmount();
  });

  test('keys read in one chunk each count: "jj" twice is four moves down', async () => {
    const instance = renderApp({ store: await thirty(), width: 80, height: 24 });
    await shown(instance, F.THIRTY_80x24);
    await press(instance, 'jj', 'jj');
    await shown(instance, F.THIRTY_80x24_AFTER_4_DOWN);
    instance.unmount();
  });

  test('the arrow keys and Page Down move the same way, and k comes back', async () => {
    const instance = renderApp({ store: await thirty(), width: 80, height: 24 });
    await press(instance, KEYS.down, KEYS.down, KEYS.down, KEYS.down);
    await shown(instance, F.THIRTY_80x24_AFTER_4_DOWN);
    await press(instance, KEYS.pageDown);
    await frameWhere(instance, (f) => f.includes('6–9 of 30') && f.includes('▸ site-09'), 'a page further');
    await press(instance, 'k', 'k', 'k', 'k', KEYS.up);
    await frameWhere(
      instance,
      (f) => f.includes('4–7 of 30') && f.includes('▸ site-04'),
      'back up to site-04',
    );
    instance.unmount();
  });

  test('c opens every check with its fix and e lengthens the event log', async () => {
    const instance = renderApp({ store: await one(), width: 80, height: 24 });
    await press(instance, 'c', 'e');
    await shown(instance, F.ONE_80x24_CHECKS_OPEN);
    await press(instance, 'c');
    await shown(instance, F.ONE_80x24);
    instance.unmount();
  });

  test('q calls onExit and ends the app', async () => {
    let exited = 0;
    const instance = renderApp({ store: await one(), width: 80, height: 24, onExit: () => exited++ });
    await shown(instance, F.ONE_80x24);
    await press(instance, 'q');
    await waitFor(() => exited === 1, 'onExit');
    const frames = instance.frames.length;
    await press(instance, 'j');
    await tick();
    assert.equal(instance.frames.length, frames, 'no render after quitting');
  });

  test('an action without an implementation says "not available yet" instead of pretending', async () => {
    const instance = renderApp({ store: await one(), width: 80, height: 24 });
    for (const [key, title] of [
      ['p', 'Ping'],
      ['m', 'MTU probe'],
      ['r', 'Re-resolve'],
      ['i', 'iperf3'],
      ['R', 'Restart'],
      ['w', 'Wizard'],
    ] as const) {
      await press(instance, key);
      const frame = await frameWhere(instance, (f) => f.includes(`${title}: not available yet.`), title);
      assert.equal(frame.split('\n').at(-2), `${title}: not available yet.`);
    }
    instance.unmount();
  });

  test('an injected action runs on the selected peer and its result shows in the status line', async () => {
    const seen: (string | undefined)[] = [];
    let finish: (text: string) => void = () => {};
    const ping = (peer: { name: string | undefined } | undefined) => {
      seen.push(peer?.name);
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const instance = renderApp({ store: await one(), width: 80, height: 24, actions: { ping } });
    await press(instance, 'p');
    await frameWhere(instance, (f) => f.includes('Ping beta-office: running…'), 'running');
    finish('3/3 replies, 21.4 ms average');
    await frameWhere(
      instance,
      (f) => f.split('\n').at(-2) === 'Ping beta-office: 3/3 replies, 21.4 ms average',
      'result',
    );
    assert.deepEqual(seen, ['beta-office']);
    instance.unmount();
  });

  test('? lists every key of the table, marking unavailable actions, and Esc closes it', async () => {
    const instance = renderApp({ store: await one(), width: 80, height: 24 });
    await press(instance, '?');
    const frame = await frameWhere(instance, (f) => f.includes('KEYS'), 'the help screen');
    assert.match(frame, /^ {2}p {5}ping the selected peer's tunnel address {2}\(not available yet\)$/m);
    assert.match(frame, /^ {2}q {5}leave the panel$/m);
    assert.equal(frame.split('\n').filter((l) => /^ {2}\S/.test(l)).length, KEYMAP.length);
    await press(instance, KEYS.escape);
    await shown(instance, F.ONE_80x24);
    instance.unmount();
  });

  test('the footer is exactly the key table’s hints, in table order', async () => {
    const glyphs = glyphsFor(false);
    const expected = KEYMAP.filter((b) => b.footer !== undefined)
      .map((b) => hintFor(b, glyphs))
      .join('  ');
    assert.equal(
      expected,
      'q quit  ↑↓/jk peers  c checks  e events  p ping  m MTU  r resolve  i iperf3  R restart  w wizard  ? help',
    );
    const instance = renderApp({ store: await one(), width: 120, height: 40 });
    const frame = await frameWhere(instance, (f) => f.length > 0, 'a frame');
    assert.equal(frame.split('\n').at(-1), expected);
    instance.unmount();
  });
});

describe('rendering follows the data, not a timer', () => {
  test('a sample that changes nothing visible causes no render; a visible change does', async () => {
    let now = T0;
    const store = createPanelStore({ model: createPanelModel(), now: () => now });
    const peer = {
      publicKey: 'B'.repeat(43) + '=',
      hasPresharedKey: false,
      endpoint: '203.0.113.5:51820',
      allowedIps: ['10.99.0.2/32'],
      latestHandshake: T0 / 1000 - 5,
      rxBytes: 1000,
      txBytes: 1000,
      persistentKeepalive: 25,
    };
    store.onSample({ at: now, peers: [peer] });
    const instance = renderApp({ store, width: 80, height: 24 });
    await frameWhere(instance, (f) => f.includes('5s'), 'the first frame');
    const before = instance.frames.length;
    store.onSample({ at: now, peers: [peer] }); // same time, same counters: nothing visible changed
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(instance.frames.length, before);
    now += 1000;
    store.onSample({ at: now, peers: [peer] }); // one second later: the handshake age changed
    await frameWhere(instance, (f) => f.includes('6s'), 'the age to change');
    instance.unmount();
  });

  test('a poll error shows in the status line and clears with the next good sample', async () => {
    const store = await one();
    const instance = renderApp({ store, width: 80, height: 24 });
    store.onError(new Error('wg show wg0 dump failed: Unable to access interface: No such device\nmore'));
    const frame = await frameWhere(instance, (f) => f.includes('Reading the tunnel failed'), 'the error');
    assert.equal(
      frame.split('\n').at(-2),
      'Reading the tunnel failed: wg show wg0 dump failed: Unable to access interface:…',
    );
    store.onSample(sampleAt(ONE_PEER, 62));
    await frameWhere(instance, (f) => !f.includes('Reading the tunnel failed'), 'the error to clear');
    instance.unmount();
  });
});

describe('terminal size', () => {
  test('follows resizes of the terminal, down to 40×10 and below, without crashing', async () => {
    const store = await one();
    const instance = renderApp({ store, width: 80, height: 24 });
    instance.unmount();
    // Now without fixed size: the App reads the stdout's columns/rows and listens for resizes.
    const { render } = await import('ink-testing-library');
    const React = await import('react');
    const { App } = await import('../../source/ui/app.js');
    const live = render(
      React.createElement(App, { store, interfaceName: 'wg0', siteName: 'hq', color: false }),
    );
    let size = { columns: 100, rows: 30 };
    Object.defineProperty(live.stdout, 'columns', { get: () => size.columns, configurable: true });
    Object.defineProperty(live.stdout, 'rows', { get: () => size.rows, configurable: true });
    const fits = (f: string, columns: number, rows: number): boolean =>
      f.split('\n').length <= rows - 1 && f.split('\n').every((l) => [...l].length <= columns);
    const steps: [number, number, (f: string) => boolean][] = [
      [80, 24, (f) => f === F.ONE_80x24],
      [40, 10, (f) => f === F.ONE_40x10],
      [12, 4, (f) => f === 'Terminal 12…'],
      [3, 1, (f) => f === ''],
      [80, 24, (f) => f === F.ONE_80x24],
    ];
    for (const [columns, rows, expected] of steps) {
      size = { columns, rows };
      live.stdout.emit('resize');
      const frame = await frameWhere(live, expected, `the frame for ${columns}×${rows}`);
      assert.ok(frame === '' || fits(frame, columns, rows));
    }
    live.unmount();
  });
});
