process.env.TZ = 'UTC';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { renderToString } from 'ink';
import { App } from '../../source/ui/app.js';
import { planLayout, type LayoutPlan, type LayoutWants } from '../../source/ui/layout.js';
import { createPanelStore } from '../../source/ui/panel-store.js';
import { createPanelModel } from '../../source/domain/status/panel-model.js';
import { checksSettled } from './harness.js';
import { ONE_PEER, storeWith, T0, THIRTY_PEERS } from './fixtures.js';

const pick = (p: LayoutPlan) => ({
  tooSmall: p.tooSmall,
  rowStyle: p.rowStyle,
  hostLines: p.hostLines,
  peerRows: p.peerRows,
  checkLines: p.checkLines,
  eventLines: p.eventLines,
});

describe('planLayout', () => {
  const wants: LayoutWants = { peers: 30, checkLines: 3, eventLines: 4 };
  const cases: [string, number, number, LayoutWants, ReturnType<typeof pick>][] = [
    [
      '80×24: three-line rows, everything shown, 3 peers',
      80,
      24,
      wants,
      { tooSmall: false, rowStyle: 'stacked', hostLines: 2, peerRows: 3, checkLines: 3, eventLines: 4 },
    ],
    [
      '120×40: two-line rows, 13 peers',
      120,
      40,
      wants,
      { tooSmall: false, rowStyle: 'wide', hostLines: 2, peerRows: 13, checkLines: 3, eventLines: 4 },
    ],
    [
      '40×10: one-line rows; the event log goes first, then check details',
      40,
      10,
      wants,
      { tooSmall: false, rowStyle: 'line', hostLines: 1, peerRows: 3, checkLines: 1, eventLines: 0 },
    ],
    [
      '80×12: events and check details go, rows fold to one line, peers take the room',
      80,
      12,
      wants,
      { tooSmall: false, rowStyle: 'line', hostLines: 1, peerRows: 5, checkLines: 1, eventLines: 0 },
    ],
    [
      '80×7: one peer and the host line; checks go before the host bar',
      80,
      7,
      wants,
      { tooSmall: false, rowStyle: 'line', hostLines: 1, peerRows: 1, checkLines: 0, eventLines: 0 },
    ],
    [
      '80×5: too small',
      80,
      5,
      wants,
      { tooSmall: true, rowStyle: 'line', hostLines: 0, peerRows: 0, checkLines: 0, eventLines: 0 },
    ],
    [
      '29 columns: too small',
      29,
      40,
      wants,
      { tooSmall: true, rowStyle: 'line', hostLines: 0, peerRows: 0, checkLines: 0, eventLines: 0 },
    ],
    [
      'one peer never takes more than it needs',
      80,
      24,
      { peers: 1, checkLines: 3, eventLines: 4 },
      { tooSmall: false, rowStyle: 'stacked', hostLines: 2, peerRows: 1, checkLines: 3, eventLines: 4 },
    ],
  ];
  for (const [title, width, height, w, expected] of cases) {
    test(title, () => {
      assert.deepEqual(pick(planLayout({ width, height }, w)), expected);
    });
  }

  test('the planned sections never exceed the terminal height minus one', () => {
    for (let height = 1; height <= 50; height++) {
      for (const width of [20, 30, 40, 59, 60, 80, 99, 100, 120, 200]) {
        for (const peers of [0, 1, 3, 30]) {
          const p = planLayout({ width, height }, { peers, checkLines: 5, eventLines: 13 });
          if (p.tooSmall) continue;
          const used = 3 + p.hostLines + p.peerLines + p.checkLines + p.eventLines;
          assert.ok(used <= height - 1, `${width}×${height}, ${peers} peers: ${used} lines`);
        }
      }
    }
  });
});

describe('the whole frame at many sizes', () => {
  test('never crashes, never passes the width, always leaves the last terminal line free', async () => {
    const stores = [
      createPanelStore({ model: createPanelModel(), now: () => T0 }), // no sample yet, no checks
      await checksSettled(storeWith(ONE_PEER, 61)),
      await checksSettled(storeWith(THIRTY_PEERS, 61)),
    ];
    for (const store of stores) {
      for (const width of [
        1, 2, 10, 29, 30, 31, 39, 40, 41, 59, 60, 61, 79, 80, 99, 100, 101, 119, 120, 160,
      ]) {
        for (const height of [1, 2, 3, 5, 6, 7, 9, 10, 11, 14, 15, 16, 23, 24, 40, 60]) {
          // ASCII changes glyphs, not layout: every width, at the heights where the layout switches.
          for (const ascii of [1, 6, 10, 16, 24].includes(height) ? [false, true] : [false]) {
            const frame = renderToString(
              <App
                store={store}
                interfaceName="wg0"
                width={width}
                height={height}
                ascii={ascii}
                color={false}
              />,
              { columns: width },
            );
            const lines = frame === '' ? [] : frame.split('\n');
            assert.ok(lines.length <= Math.max(0, height - 1), `${width}×${height}: ${lines.length} lines`);
            for (const line of lines) assert.ok([...line].length <= width, `${width}×${height}: ${line}`);
            if (ascii) assert.ok(/^[\x20-\x7e\n]*$/.test(frame), `${width}×${height} ASCII: ${frame}`);
          }
        }
      }
    }
  });
});
