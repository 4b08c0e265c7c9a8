// Colour must be forced on before Ink (and its chalk) load, so this file imports them dynamically;
// otherwise "no escape codes without colour" could not fail in a test run without a terminal.
process.env.FORCE_COLOR = '1';
process.env.TZ = 'UTC';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { terminalOptions } from '../../source/ui/terminal-options.js';

describe('NO_COLOR and ASCII detection', () => {
  const cases: [string, Record<string, string>, boolean | undefined, { ascii: boolean; color: boolean }][] = [
    [
      'a modern terminal gets colour and Unicode',
      { TERM: 'xterm-256color' },
      undefined,
      { ascii: false, color: true },
    ],
    [
      'NO_COLOR=1 turns colour off',
      { TERM: 'xterm', NO_COLOR: '1' },
      undefined,
      { ascii: false, color: false },
    ],
    ['an empty NO_COLOR does not', { TERM: 'xterm', NO_COLOR: '' }, undefined, { ascii: false, color: true }],
    ['the Linux console gets ASCII', { TERM: 'linux' }, undefined, { ascii: true, color: true }],
    ['vt100 gets ASCII', { TERM: 'vt100' }, undefined, { ascii: true, color: true }],
    ['dumb gets ASCII and no colour', { TERM: 'dumb' }, undefined, { ascii: true, color: false }],
    ['--ascii forces ASCII', { TERM: 'xterm' }, true, { ascii: true, color: true }],
    ['LANG=C gets ASCII', { TERM: 'xterm', LANG: 'C' }, undefined, { ascii: true, color: true }],
    [
      'LC_ALL=C overrides a UTF-8 LANG',
      { TERM: 'xterm', LANG: 'en_US.UTF-8', LC_ALL: 'C' },
      undefined,
      { ascii: true, color: true },
    ],
    ['LC_ALL=POSIX gets ASCII', { TERM: 'xterm', LC_ALL: 'POSIX' }, undefined, { ascii: true, color: true }],
    ['C.UTF-8 is UTF-8', { TERM: 'xterm', LANG: 'C.UTF-8' }, undefined, { ascii: false, color: true }],
    [
      'en_US.utf8 is UTF-8',
      { TERM: 'xterm', LC_CTYPE: 'en_US.utf8' },
      undefined,
      { ascii: false, color: true },
    ],
    [
      'LC_CTYPE overrides LANG',
      { TERM: 'xterm', LANG: 'en_US.UTF-8', LC_CTYPE: 'en_US.ISO-8859-1' },
      undefined,
      { ascii: true, color: true },
    ],
    [
      'LC_ALL overrides LC_CTYPE',
      { TERM: 'xterm', LC_CTYPE: 'C', LC_ALL: 'de_DE.UTF-8@euro' },
      undefined,
      { ascii: false, color: true },
    ],
    [
      'an empty LC_ALL does not count',
      { TERM: 'xterm', LC_ALL: '', LANG: 'C' },
      undefined,
      { ascii: true, color: true },
    ],
    [
      'a locale without a character set is not UTF-8',
      { TERM: 'xterm', LANG: 'en_US' },
      undefined,
      { ascii: true, color: true },
    ],
  ];
  for (const [title, env, ascii, expected] of cases) {
    test(title, () => assert.deepEqual(terminalOptions(env, ascii === undefined ? {} : { ascii }), expected));
  }
});

describe('colour in the frame', () => {
  test('with colour on, states and checks are coloured; with it off there is no escape code', async () => {
    const { checksSettled, frameWhere, renderApp } = await import('./harness.js');
    const { storeWith, ONE_PEER } = await import('./fixtures.js');
    const store = await checksSettled(storeWith(ONE_PEER, 61));
    const coloured = renderApp({ store, width: 80, height: 24, color: true });
    const withColour = await frameWhere(coloured, (f) => f.includes('beta-office'), 'a frame');
    assert.ok(withColour.includes('\u001B[32m● up'), 'the up state is green');
    coloured.unmount();
    const plain = renderApp({ store, width: 80, height: 24, color: false });
    const withoutColour = await frameWhere(plain, (f) => f.includes('beta-office'), 'a frame');
    assert.ok(!withoutColour.includes('\u001B'), JSON.stringify(withoutColour.slice(0, 200)));
    plain.unmount();
  });
});
