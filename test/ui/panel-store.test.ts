import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPanelModel } from '../../source/domain/status/panel-model.js';
import type { CheckResult } from '../../source/ui/check-result.js';
import { createPanelStore, errorLine } from '../../source/ui/panel-store.js';
import { CHECKS, ONE_PEER, sampleAt, T0 } from './fixtures.js';
import { tick, waitFor } from './harness.js';

function setup(gather?: () => Promise<readonly CheckResult[]>) {
  let now = T0;
  const store = createPanelStore({
    model: createPanelModel(),
    now: () => now,
    ...(gather ? { gatherChecks: gather } : {}),
  });
  let published = 0;
  store.subscribe(() => published++);
  return {
    store,
    published: () => published,
    at: (s: number) => {
      now = T0 + s * 1000;
      store.onSample(sampleAt(ONE_PEER, s));
    },
    setNow: (ms: number) => (now = ms),
  };
}

describe('createPanelStore', () => {
  test('publishes a new snapshot only when the model version changes', () => {
    const { store, published, at } = setup();
    at(10);
    const first = store.getSnapshot();
    assert.equal(published(), 1);
    // The very same sample again: nothing visible changed, nobody is told, the snapshot stays.
    store.onSample(sampleAt(ONE_PEER, 10));
    assert.equal(published(), 1);
    assert.equal(store.getSnapshot().model.version, first.model.version);
    at(11);
    assert.equal(published(), 2);
    assert.ok(store.getSnapshot().model.version > first.model.version);
  });

  test('without a gatherer the checks are "unavailable" and never change', () => {
    const { store, at } = setup();
    at(0);
    assert.deepEqual(store.getSnapshot().checks, { kind: 'unavailable' });
  });

  test('gathers checks on the first tick, then not again before 10 s, then again', async () => {
    let runs = 0;
    const { store, at } = setup(async () => (runs++, CHECKS));
    assert.deepEqual(store.getSnapshot().checks, { kind: 'pending' });
    at(0);
    await waitFor(() => store.getSnapshot().checks.kind === 'ready', 'checks');
    for (let s = 1; s < 10; s++) at(s);
    await tick();
    assert.equal(runs, 1);
    at(10);
    await tick();
    assert.equal(runs, 2);
  });

  test('identical check results do not publish; changed ones do', async () => {
    let results: readonly CheckResult[] = CHECKS;
    const { store, at, published } = setup(async () => results);
    at(0);
    await waitFor(() => store.getSnapshot().checks.kind === 'ready', 'checks');
    const count = published();
    const before = store.getSnapshot();
    results = CHECKS.map((c) => ({ ...c })); // new objects, same content
    at(10);
    await tick();
    await tick();
    assert.equal(published(), count + 1, 'only the model changed');
    assert.equal(store.getSnapshot().checks, before.checks);
    results = CHECKS.map((c) => (c.id === 'mtu' ? { ...c, status: 'pass' as const, reason: 'fine' } : c));
    at(20);
    await waitFor(() => published() === count + 3, 'model and checks published');
  });

  test('a slow check run is never started twice at once', async () => {
    let runs = 0;
    let finish: (r: readonly CheckResult[]) => void = () => {};
    const { store, at } = setup(() => (runs++, new Promise((resolve) => (finish = resolve))));
    at(0);
    at(15);
    at(30);
    assert.equal(runs, 1);
    finish(CHECKS);
    await waitFor(() => store.getSnapshot().checks.kind === 'ready', 'checks');
    at(45);
    assert.equal(runs, 2);
  });

  test('a failing check run shows its first line as the checks error', async () => {
    const { store, at } = setup(async () => {
      throw new Error('ip -j route failed\nstack');
    });
    at(0);
    await waitFor(() => store.getSnapshot().checks.kind === 'error', 'the error');
    assert.deepEqual(store.getSnapshot().checks, { kind: 'error', message: 'ip -j route failed' });
  });

  test('a poll error is published once and cleared by the next sample', () => {
    const { store, at, published } = setup();
    at(0);
    store.onError(new Error('wg show wg0 dump failed: No such device'));
    store.onError(new Error('wg show wg0 dump failed: No such device'));
    assert.equal(published(), 2);
    assert.equal(store.getSnapshot().error, 'wg show wg0 dump failed: No such device');
    store.onSample(sampleAt(ONE_PEER, 0)); // same sample: version unchanged, but the error clears
    assert.equal(store.getSnapshot().error, undefined);
    assert.equal(published(), 3);
  });

  test('errorLine keeps the first line of any thrown value', () => {
    assert.equal(errorLine(new Error('a\nb')), 'a');
    assert.equal(errorLine('plain'), 'plain');
    assert.equal(errorLine(new Error('')), 'unknown error');
  });
});
