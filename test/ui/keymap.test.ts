import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { footerBindings, footerLine } from '../../source/ui/footer.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../source/ui/glyphs.js';
import { findBinding, hintFor, KEYMAP } from '../../source/ui/keymap.js';
import { applyCommand, INITIAL_UI, peerWindow } from '../../source/ui/ui-state.js';
import { lineText } from '../../source/ui/text.js';

describe('findBinding', () => {
  const cases: [string, string, Record<string, boolean>, string | undefined][] = [
    ['q quits', 'q', {}, 'quit'],
    ['j and ↓ go down', 'j', {}, 'down'],
    ['↓ goes down', '', { downArrow: true }, 'down'],
    ['k goes up', 'k', {}, 'up'],
    ['↑ goes up', '', { upArrow: true }, 'up'],
    ['Page Down pages', '', { pageDown: true }, 'pageDown'],
    ['c toggles checks', 'c', {}, 'toggleChecks'],
    ['e toggles events', 'e', {}, 'toggleEvents'],
    ['p pings', 'p', {}, 'ping'],
    ['R (shift) restarts', 'R', { shift: true }, 'restart'],
    ['r re-resolves, not restarts', 'r', {}, 'reResolve'],
    ['Esc closes help even though Ink sets meta for it', '', { escape: true, meta: true }, 'closeHelp'],
    ['ctrl+c is not a binding', 'c', { ctrl: true }, undefined],
    ['meta+q is not a binding', 'q', { meta: true }, undefined],
    ['an unknown key does nothing', 'z', {}, undefined],
  ];
  for (const [title, input, key, command] of cases) {
    test(title, () => assert.equal(findBinding(input, key)?.command, command));
  }

  test('no two bindings share a typed key or a command', () => {
    const inputs = KEYMAP.flatMap((b) => b.inputs);
    assert.equal(new Set(inputs).size, inputs.length);
    assert.equal(new Set(KEYMAP.map((b) => b.command)).size, KEYMAP.length);
  });

  test('every ASCII label and hint is plain ASCII', () => {
    for (const b of KEYMAP) assert.match(`${hintFor(b, ASCII_GLYPHS)}`, /^[\x20-\x7e]*$/);
  });
});

describe('footer', () => {
  test('at 80 columns it keeps the first hints that fit, and always the help hint', () => {
    assert.equal(
      lineText(footerLine(80, UNICODE_GLYPHS)),
      'q quit  ↑↓/jk peers  c checks  e events  p ping  m MTU  r resolve  ? help',
    );
    assert.equal(lineText(footerLine(40, ASCII_GLYPHS)), 'q quit  j/k peers  c checks  ? help');
  });

  test('what it shows never exceeds the width', () => {
    for (let width = 10; width <= 130; width++) {
      assert.ok(lineText(footerLine(width, UNICODE_GLYPHS)).length <= width);
      assert.ok(footerBindings(width, UNICODE_GLYPHS).some((b) => b.command === 'toggleHelp') || width < 15);
    }
  });
});

describe('peer window and navigation', () => {
  test('the window moves only when the selection leaves it', () => {
    assert.deepEqual(peerWindow(3, 0, 30, 4), { selected: 3, top: 0 });
    assert.deepEqual(peerWindow(4, 0, 30, 4), { selected: 4, top: 1 });
    assert.deepEqual(peerWindow(0, 5, 30, 4), { selected: 0, top: 0 });
    assert.deepEqual(peerWindow(40, 0, 30, 4), { selected: 29, top: 26 });
    assert.deepEqual(peerWindow(2, 0, 0, 4), { selected: 0, top: 0 });
  });

  test('commands move, page and toggle; quit and actions change nothing', () => {
    const view = { peers: 30, rows: 4 };
    const down = applyCommand(INITIAL_UI, 'down', view);
    assert.deepEqual([down.selected, down.top], [1, 0]);
    const paged = applyCommand(down, 'pageDown', view);
    assert.deepEqual([paged.selected, paged.top], [5, 2]);
    assert.equal(applyCommand(INITIAL_UI, 'up', view).selected, 0);
    assert.equal(applyCommand(INITIAL_UI, 'toggleChecks', view).checksOpen, true);
    assert.equal(applyCommand(INITIAL_UI, 'closeHelp', view), INITIAL_UI);
    assert.equal(applyCommand(INITIAL_UI, 'ping', view), INITIAL_UI);
    assert.equal(applyCommand(INITIAL_UI, 'quit', view), INITIAL_UI);
  });
});
