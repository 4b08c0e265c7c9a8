import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPolling, type Timers } from '../../../source/system/sample/poll-loop.js';

/** Timers that only fire when the test says so. */
class FakeTimers implements Timers {
  pending = new Map<number, { callback: () => void; ms: number }>();
  delays: number[] = [];
  private next = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { callback, ms });
    this.delays.push(ms);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fire the one pending timer. */
  fire(): void {
    assert.equal(this.pending.size, 1, 'exactly one poll is scheduled');
    const [id, t] = [...this.pending][0]!;
    this.pending.delete(id);
    t.callback();
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise<void>((r) => setImmediate(r));

function harness(intervalMs = 1000) {
  const timers = new FakeTimers();
  let now = 0;
  const clock = { now: () => now };
  const calls: Deferred<number>[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const got: number[] = [];
  const errors: unknown[] = [];
  const poller = startPolling<number>({
    intervalMs,
    clock,
    timers,
    sample: () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const d = deferred<number>();
      calls.push(d);
      return d.promise.finally(() => inFlight--);
    },
    onSample: (v) => got.push(v),
    onError: (e) => errors.push(e),
  });
  return {
    timers,
    calls,
    got,
    errors,
    poller,
    advance: (ms: number) => (now += ms),
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

describe('startPolling', () => {
  test('polls at once and schedules the next poll only after the current one ends, keeping cadence', async () => {
    const h = harness(1000);
    assert.equal(h.calls.length, 1);
    assert.equal(h.timers.pending.size, 0, 'nothing scheduled while a poll is running');
    h.advance(300);
    h.calls[0]!.resolve(1);
    await settle();
    assert.deepEqual(h.got, [1]);
    assert.deepEqual(h.timers.delays, [700]);
    h.timers.fire();
    assert.equal(h.calls.length, 2);
    h.advance(1500); // a slow poll: the next one starts at once
    h.calls[1]!.resolve(2);
    await settle();
    assert.deepEqual(h.timers.delays, [700, 0]);
    await h.poller.stop();
  });

  test('never runs two polls at once, however the timers fire', async () => {
    const h = harness(10);
    for (let i = 0; i < 20; i++) {
      h.calls[i]!.resolve(i);
      await settle();
      h.timers.fire();
    }
    assert.equal(h.maxInFlight, 1);
    assert.equal(h.got.length, 20);
    h.calls[20]!.resolve(20);
    await h.poller.stop();
  });

  test('a failing poll is reported and the loop goes on', async () => {
    const h = harness();
    h.calls[0]!.reject(new Error('wg show failed'));
    await settle();
    assert.equal(h.errors.length, 1);
    assert.match(String(h.errors[0]), /wg show failed/);
    h.timers.fire();
    h.calls[1]!.resolve(7);
    await settle();
    assert.deepEqual(h.got, [7]);
    await h.poller.stop();
  });

  test('stop cancels the scheduled poll', async () => {
    const h = harness();
    h.calls[0]!.resolve(1);
    await settle();
    assert.equal(h.timers.pending.size, 1);
    await h.poller.stop();
    assert.equal(h.timers.pending.size, 0);
    assert.equal(h.calls.length, 1);
  });

  test('stop during a poll waits for it, drops its result and schedules nothing', async () => {
    const h = harness();
    let stopped = false;
    const stopping = h.poller.stop().then(() => (stopped = true));
    await settle();
    assert.equal(stopped, false, 'stop waits for the poll in flight');
    h.calls[0]!.resolve(1);
    await stopping;
    assert.deepEqual(h.got, []);
    assert.equal(h.timers.pending.size, 0);
  });

  test('works with the real timers', async () => {
    const seen: number[] = [];
    let n = 0;
    const done = deferred<void>();
    const poller = startPolling({
      intervalMs: 1,
      sample: async () => ++n,
      onSample: (v) => {
        seen.push(v);
        if (v === 3) done.resolve();
      },
      onError: (e) => done.reject(e),
    });
    await done.promise;
    await poller.stop();
    assert.deepEqual(seen.slice(0, 3), [1, 2, 3]);
  });
});
