process.env.TZ = 'UTC';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ONE_PEER, storeWith } from './fixtures.js';
import { checksSettled, frameWhere, KEYS, press, renderApp, tick } from './harness.js';

const status = (frame: string) => frame.split('\n').at(-2);
const QUESTION =
  'Restart: take the tunnel down and up again as a trial that reverts unless you press C? (y/n)';

function restartSpy() {
  const calls = { restart: 0, confirm: 0 };
  const actions = {
    restart: async () => (calls.restart++, 'restarted as a trial: press C within 60 s to keep it'),
    confirm: async () => (calls.confirm++, 'kept: the trial of wg0 is confirmed (backup b1)'),
  };
  return { calls, actions };
}

describe('restart asks first', () => {
  test('R asks in the status line and runs nothing; y runs the restart and shows its result', async () => {
    const { calls, actions } = restartSpy();
    const instance = renderApp({
      store: await checksSettled(storeWith(ONE_PEER, 61)),
      width: 120,
      height: 40,
      actions,
    });
    await press(instance, 'R');
    await frameWhere(instance, (f) => status(f) === QUESTION, 'the question');
    assert.equal(calls.restart, 0);
    await press(instance, 'y');
    await frameWhere(
      instance,
      (f) => status(f) === 'Restart: restarted as a trial: press C within 60 s to keep it',
      'the result',
    );
    assert.equal(calls.restart, 1);
    await press(instance, 'C');
    await frameWhere(
      instance,
      (f) => status(f) === 'Confirm: kept: the trial of wg0 is confirmed (backup b1)',
      'kept',
    );
    assert.deepEqual(calls, { restart: 1, confirm: 1 });
    instance.unmount();
  });

  for (const [what, key] of [
    ['n', 'n'],
    ['Esc', KEYS.escape],
    ['q (which does not quit while asking)', 'q'],
    ['a second R', 'R'],
  ] as const) {
    test(`${what} cancels the question`, async () => {
      const { calls, actions } = restartSpy();
      let exited = 0;
      const instance = renderApp({
        store: await checksSettled(storeWith(ONE_PEER, 61)),
        width: 120,
        height: 40,
        actions,
        onExit: () => exited++,
      });
      await press(instance, 'R');
      await frameWhere(instance, (f) => status(f) === QUESTION, 'the question');
      await press(instance, key);
      await frameWhere(instance, (f) => status(f) === 'Restart: cancelled.', 'cancelled');
      await press(instance, 'y');
      await tick();
      assert.equal(calls.restart, 0, 'a y after the cancel does nothing');
      assert.equal(exited, 0);
      instance.unmount();
    });
  }

  test('a y typed before R does not answer, nor does the y of "Ry" arriving in one chunk', async () => {
    const { calls, actions } = restartSpy();
    const instance = renderApp({
      store: await checksSettled(storeWith(ONE_PEER, 61)),
      width: 120,
      height: 40,
      actions,
    });
    await press(instance, 'y');
    await tick();
    assert.notEqual(status(instance.lastFrame() ?? ''), QUESTION);
    await press(instance, 'Ry');
    await frameWhere(instance, (f) => status(f) === QUESTION, 'the question, asked by the R of the chunk');
    await tick();
    assert.equal(calls.restart, 0, 'the y of the same chunk does not answer');
    assert.equal(status(instance.lastFrame() ?? ''), QUESTION, 'the question is still asked');
    await press(instance, 'y');
    await frameWhere(instance, (f) => (status(f) ?? '').startsWith('Restart: restarted'), 'the result');
    assert.equal(calls.restart, 1);
    instance.unmount();
  });

  test('without a restart action R says "not available yet" and asks nothing', async () => {
    const instance = renderApp({
      store: await checksSettled(storeWith(ONE_PEER, 61)),
      width: 120,
      height: 40,
    });
    await press(instance, 'R');
    await frameWhere(instance, (f) => status(f) === 'Restart: not available yet.', 'unavailable');
    instance.unmount();
  });
});
