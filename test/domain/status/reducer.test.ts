import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { reduce, withPeerNames } from '../../../source/domain/status/reducer.js';
import {
  createPanelModel,
  EVENT_LOG_LENGTH,
  HISTORY_LENGTH,
  type PanelModel,
} from '../../../source/domain/status/panel-model.js';
import type { CpuLine, PeerSample, Sample } from '../../../source/domain/status/types.js';

const T0 = 1_700_000_000_000; // ms
const K = (c: string) => c.repeat(43) + '=';

function peer(key: string, hs: number, rx = 0, tx = 0, extra: Partial<PeerSample> = {}): PeerSample {
  return {
    publicKey: key,
    hasPresharedKey: false,
    endpoint: '203.0.113.1:51820',
    allowedIps: ['10.0.0.2/32', '192.168.2.0/24'],
    latestHandshake: hs,
    rxBytes: rx,
    txBytes: tx,
    persistentKeepalive: 25,
    ...extra,
  };
}

/** Feed samples, each `[seconds after T0, peers]`; the clock and sample time agree. */
function run(model: PanelModel, steps: [number, PeerSample[], Partial<Sample>?][]): PanelModel {
  for (const [s, peers, extra] of steps)
    model = reduce(model, { at: T0 + s * 1000, peers, ...extra }, T0 + s * 1000);
  return model;
}

const hsAgo = (nowS: number, age: number) => T0 / 1000 + nowS - age;

describe('reduce: rates from counter deltas', () => {
  test('the first sample has totals but no rate and sets the state directly', () => {
    const m = run(createPanelModel(), [[0, [peer(K('A'), hsAgo(0, 10), 1000, 2000)]]]);
    // Totals are rounded as printed: 2000 B is "1.95 KiB".
    const p = m.peers[0]!;
    assert.equal(p.rxRate, undefined);
    assert.equal(p.txRate, undefined);
    assert.deepEqual([p.rxTotal, p.txTotal, p.state, p.handshakeAge], [1000, 1.95 * 1024, 'up', 10]);
    assert.deepEqual(p.rxHistory, []);
    assert.equal(m.version, 1);
    assert.deepEqual(m.events, []);
  });

  test('rates are bits per second over the real time between samples', () => {
    const m = run(createPanelModel(), [
      [0, [peer(K('A'), hsAgo(0, 5), 0, 0)]],
      [2, [peer(K('A'), hsAgo(2, 7), 250_000, 25_000)]], // 2 s: 1 Mbit/s in, 100 kbit/s out
    ]);
    assert.equal(m.peers[0]!.rxRate, 1_000_000);
    assert.equal(m.peers[0]!.txRate, 100_000);
    assert.deepEqual(m.peers[0]!.rxHistory, [1_000_000]);
  });

  test('counters that go down are a restart: no negative rate, a gap, a note and an event', () => {
    let m = run(createPanelModel(), [
      [0, [peer(K('A'), hsAgo(0, 5), 5000, 5000)]],
      [1, [peer(K('A'), hsAgo(1, 6), 6000, 6000)]],
      [2, [peer(K('A'), hsAgo(2, 7), 100, 6100)]],
    ]);
    let p = m.peers[0]!;
    assert.equal(p.rxRate, undefined);
    assert.equal(p.txRate, undefined);
    assert.equal(p.counterResetAt, T0 + 2000);
    assert.equal(p.rxHistory.length, 2);
    assert.ok(Number.isNaN(p.rxHistory[1]));
    assert.deepEqual(
      m.events.map((e) => [e.kind, e.at]),
      [['counter-reset', T0 + 2000]],
    );
    m = run(m, [[3, [peer(K('A'), hsAgo(3, 8), 225, 6100)]]]);
    p = m.peers[0]!;
    assert.equal(p.rxRate, 1000);
    assert.equal(p.txRate, 0);
  });

  test('a sample with no time elapsed keeps the previous rates', () => {
    const m = run(createPanelModel(), [
      [0, [peer(K('A'), 0, 0)]],
      [1, [peer(K('A'), 0, 1000)]],
      [1, [peer(K('A'), 0, 5000)]],
    ]);
    assert.equal(m.peers[0]!.rxRate, 8000);
    assert.equal(m.peers[0]!.rxHistory.length, 1);
  });
});

describe('reduce: stable state with hysteresis', () => {
  const hs = T0 / 1000; // one handshake at T0, never renewed
  const at = (...secs: number[]) => secs.map((s): [number, PeerSample[]] => [s, [peer(K('A'), hs)]]);

  test('up until 135 s, stale after a second sample past 135 s, down after 180 s, each logged', () => {
    let m = run(createPanelModel(), at(130, 135));
    assert.equal(m.peers[0]!.state, 'up');
    m = run(m, at(136));
    assert.equal(m.peers[0]!.state, 'up', 'one sample is not enough');
    m = run(m, at(137));
    assert.equal(m.peers[0]!.state, 'stale');
    m = run(m, at(180, 181));
    assert.equal(m.peers[0]!.state, 'stale');
    m = run(m, at(182));
    assert.equal(m.peers[0]!.state, 'down');
    assert.deepEqual(
      m.events.map((e) => [e.kind, e.from, e.to, e.at]),
      [
        ['state', 'up', 'stale', T0 + 137_000],
        ['state', 'stale', 'down', T0 + 182_000],
      ],
    );
  });

  test('the very first sample sets stale or down directly', () => {
    assert.equal(run(createPanelModel(), at(150)).peers[0]!.state, 'stale');
    assert.equal(run(createPanelModel(), at(500)).peers[0]!.state, 'down');
  });

  test('one odd sample does not flap the state', () => {
    const renewed = (s: number, age: number): [number, PeerSample[]] => [s, [peer(K('A'), hsAgo(s, age))]];
    const m = run(createPanelModel(), [
      renewed(0, 100),
      renewed(1, 140),
      renewed(2, 10),
      renewed(3, 200),
      renewed(4, 11),
    ]);
    assert.equal(m.peers[0]!.state, 'up');
    assert.deepEqual(m.events, []);
  });

  test('alternating odd samples never confirm a new state', () => {
    const renewed = (s: number, age: number): [number, PeerSample[]] => [s, [peer(K('A'), hsAgo(s, age))]];
    const m = run(createPanelModel(), [renewed(0, 10), renewed(1, 150), renewed(2, 300), renewed(3, 150)]);
    assert.equal(m.peers[0]!.state, 'up');
  });

  test('never until a handshake is seen; a handshake that vanishes later means down', () => {
    let m = run(createPanelModel(), [[0, [peer(K('A'), 0)]]]);
    assert.equal(m.peers[0]!.state, 'never');
    assert.equal(m.peers[0]!.handshakeAge, undefined);
    m = run(m, [
      [1, [peer(K('A'), hsAgo(1, 0))]],
      [2, [peer(K('A'), hsAgo(2, 1))]],
    ]);
    assert.equal(m.peers[0]!.state, 'up');
    m = run(m, [
      [3, [peer(K('A'), 0)]],
      [4, [peer(K('A'), 0)]],
    ]);
    assert.equal(m.peers[0]!.state, 'down');
    assert.deepEqual(
      m.events.map((e) => `${e.from}>${e.to}`),
      ['never>up', 'up>down'],
    );
  });
});

describe('reduce: bounded memory', () => {
  test('rate history stays at 60 entries, newest last', () => {
    const steps: [number, PeerSample[]][] = [];
    for (let s = 0; s <= 100; s++) steps.push([s, [peer(K('A'), 0, s * s * 1000)]]);
    const p = run(createPanelModel(), steps).peers[0]!;
    assert.equal(p.rxHistory.length, HISTORY_LENGTH);
    assert.equal(p.rxHistory.at(-1), p.rxRate);
    assert.equal(p.rxRate, 1_590_000); // (100² − 99²)·1000 B/s · 8 = 1.592 Mbit/s, shown as 1.59
    assert.equal(p.rxHistory[0], 648_000); // oldest kept: the delta into s=41, (41² − 40²)·1000·8
  });

  test(`the event log keeps the last ${EVENT_LOG_LENGTH} events`, () => {
    const steps: [number, PeerSample[]][] = [];
    for (let s = 0; s < 130; s++) steps.push([s, [peer(K('A'), 0, s % 2 === 0 ? 1000 : 0)]]); // reset every other tick
    const m = run(createPanelModel(), steps);
    assert.equal(m.events.length, EVENT_LOG_LENGTH);
    assert.equal(m.events.at(-1)!.at, T0 + 129_000);
    assert.equal(m.events[0]!.at, T0 + 31_000); // 65 resets (odd seconds), the first 15 dropped
    assert.ok(m.events.every((e) => e.kind === 'counter-reset'));
  });
});

describe('reduce: references and version', () => {
  test('nothing visible changed → same peers, same views, same version', () => {
    const steps: [number, PeerSample[]][] = [];
    for (let s = 0; s <= HISTORY_LENGTH + 1; s++)
      steps.push([s, [peer(K('A'), 0, 500), peer(K('B'), 0, 700)]]);
    const before = run(createPanelModel(), steps);
    const after = run(before, [[HISTORY_LENGTH + 2, [peer(K('A'), 0, 500), peer(K('B'), 0, 700)]]]);
    assert.equal(after.peers, before.peers);
    assert.equal(after.events, before.events);
    assert.equal(after.version, before.version);
  });

  test('a change below display precision keeps the view; a visible one replaces only that peer', () => {
    const a0 = peer(K('A'), 0, 0);
    const b0 = peer(K('B'), 0, 0);
    let m = run(createPanelModel(), [
      [0, [a0, b0]],
      [1, [peer(K('A'), 0, 1_000_000), peer(K('B'), 0, 1_000_000)]],
    ]);
    const [viewA, viewB] = m.peers;
    // 1.000 MB/s → 8.00 Mbit/s; +100 B more is 8.0008 Mbit/s, still "8.00 Mbit/s" — but the history moves.
    m = run(m, [[2, [peer(K('A'), 0, 2_000_100), peer(K('B'), 0, 3_000_000)]]]);
    assert.equal(m.peers[0]!.rxRate, viewA!.rxRate);
    assert.notEqual(m.peers[1], viewB);
    assert.equal(m.peers[1]!.rxRate, 16_000_000);
  });

  test('ages are whole seconds: a sample within the same second changes nothing', () => {
    const hs = T0 / 1000;
    const steps: [number, PeerSample[]][] = [];
    for (let s = 0; s <= HISTORY_LENGTH + 1; s++) steps.push([s, [peer(K('A'), hs, 64)]]);
    const before = run(createPanelModel(), steps);
    assert.equal(before.peers[0]!.handshakeAge, HISTORY_LENGTH + 1);
    const sameSecond = run(before, [[HISTORY_LENGTH + 1.5, [peer(K('A'), hs, 64)]]]);
    assert.equal(sameSecond.peers, before.peers);
    assert.equal(sameSecond.version, before.version);
    const nextSecond = run(sameSecond, [[HISTORY_LENGTH + 2, [peer(K('A'), hs, 64)]]]);
    assert.equal(nextSecond.peers[0]!.handshakeAge, HISTORY_LENGTH + 2);
    assert.equal(nextSecond.version, before.version + 1);
    assert.equal(nextSecond.peers[0]!.rxHistory, before.peers[0]!.rxHistory, 'an idle full history is kept');
  });
});

describe('reduce: peer set and order', () => {
  test('named peers first by name, then unnamed by key; removed peers go, added ones are logged', () => {
    const names = new Map([
      [K('Z'), 'site-10'],
      [K('Y'), 'site-2'],
    ]);
    let m = run(createPanelModel({ peerNames: names }), [
      [0, [peer(K('C'), 0), peer(K('Z'), 0), peer(K('B'), 0), peer(K('Y'), 0)]],
    ]);
    assert.deepEqual(
      m.peers.map((p) => p.name ?? p.publicKey[0]),
      ['site-2', 'site-10', 'B', 'C'],
    );
    m = run(m, [[1, [peer(K('C'), 0), peer(K('Y'), 0), peer(K('A'), 0)]]]);
    assert.deepEqual(
      m.peers.map((p) => p.name ?? p.publicKey[0]),
      ['site-2', 'A', 'C'],
    );
    assert.deepEqual(m.events.map((e) => `${e.kind} ${e.name ?? e.publicKey[0]}`).sort(), [
      'added A',
      'removed B',
      'removed site-10',
    ]);
  });

  test('a peer that comes back starts fresh with no rate', () => {
    const m = run(createPanelModel(), [
      [0, [peer(K('A'), 0, 100)]],
      [1, []],
      [2, [peer(K('A'), 0, 5000)]],
    ]);
    assert.equal(m.peers[0]!.rxRate, undefined);
  });

  test('new names re-sort the peers', () => {
    let m = run(createPanelModel(), [[0, [peer(K('A'), 0), peer(K('B'), 0)]]]);
    m = withPeerNames(m, new Map([[K('B'), 'alpha']]));
    assert.deepEqual(
      m.peers.map((p) => p.name ?? p.publicKey[0]),
      ['alpha', 'A'],
    );
    m = run(m, [[1, [peer(K('A'), 0, 800), peer(K('B'), 0, 1600)]]]);
    assert.deepEqual(
      m.peers.map((p) => p.rxRate),
      [12800, 6400],
    );
  });
});

describe('reduce: host figures', () => {
  const line = (busy: number, idle: number, softirq: number): CpuLine => ({
    user: busy,
    nice: 0,
    system: 0,
    idle,
    iowait: 0,
    irq: 0,
    softirq,
    steal: 0,
  });

  test('CPU busy and softirq share come from /proc/stat deltas, per core and total', () => {
    const m = run(createPanelModel(), [
      [0, [], { cpu: { total: line(100, 100, 0), cores: [line(50, 50, 0), line(50, 50, 0)] } }],
      // core 0: +60 busy +20 softirq +20 idle of 100; core 1: all idle
      [1, [], { cpu: { total: line(160, 220, 20), cores: [line(110, 70, 20), line(50, 150, 0)] } }],
    ]);
    assert.deepEqual(m.cpu, {
      total: { busy: 40, softirq: 10 },
      cores: [
        { busy: 80, softirq: 20 },
        { busy: 0, softirq: 0 },
      ],
    });
  });

  test('memory, load, temperature, throttling and interface rates; unchanged parts keep their reference', () => {
    const thr = { raw: 0x50005, underVoltage: true } as Sample['throttled'];
    const extra = (rx: number, temp: number): Partial<Sample> => ({
      mem: { totalBytes: 4 * 1024 ** 3, availableBytes: 3 * 1024 ** 3 },
      load: { one: 0.5, five: 0.4, fifteen: 0.3, running: 1, total: 100 },
      temp,
      throttled: { ...thr! },
      link: { rxBytes: rx, txBytes: 0 },
    });
    const m1 = run(createPanelModel(), [
      [0, [], extra(0, 48.312)],
      [1, [], extra(125_000, 48.3)],
    ]);
    assert.deepEqual(m1.mem, { totalBytes: 4 * 1024 ** 3, availableBytes: 3 * 1024 ** 3, usedPercent: 25 });
    assert.equal(m1.temp, 48.3);
    assert.deepEqual(m1.link, { rxRate: 1_000_000, txRate: 0 });
    const m2 = run(m1, [[2, [], extra(250_000, 48.33)]]);
    for (const part of ['mem', 'load', 'throttled', 'link', 'temp', 'peers'] as const) {
      assert.equal(m2[part], m1[part], part);
    }
    assert.equal(m2.version, m1.version);
  });
});

describe('reduce: no reply from counters', () => {
  const hs = T0 / 1000; // handshake at T0, fresh for the whole test (< 135 s)
  /** One sample a second from FROM to TO: rx frozen at RX, tx growing by 32 bytes every 5 s. */
  const silent = (from: number, to: number, rx: number, keepalive: number | undefined = 25) =>
    Array.from({ length: to - from + 1 }, (_, i): [number, PeerSample[]] => {
      const s = from + i;
      return [s, [peer(K('A'), hs, rx, 1000 + Math.floor(s / 5) * 32, { persistentKeepalive: keepalive })]];
    });

  test('tx growing while rx stands still past keepalive + 3 s shows down at once, with the silence', () => {
    // rx grew between seconds 0 and 10: taken as 9 (mid-interval, at most 1 s back); 9 + 28 = 37.
    let m = run(createPanelModel({ noReplyDown: true }), [
      [0, [peer(K('A'), hs, 100, 1000)]],
      [10, [peer(K('A'), hs, 200, 1000)]],
    ]);
    m = run(m, silent(11, 37, 200));
    assert.equal(m.peers[0]!.state, 'up', 'within keepalive + 3 s the peer is still up');
    assert.equal(m.peers[0]!.noReplyS, undefined);
    m = run(m, silent(38, 38, 200));
    assert.equal(m.peers[0]!.state, 'down', 'no second sample needed: the window is the evidence');
    assert.equal(m.peers[0]!.noReplyS, 29);
    assert.deepEqual(
      m.events.map((e) => [e.from, e.to, e.noReplyS, e.at]),
      [['up', 'down', 29, T0 + 38_000]],
    );
    m = run(m, silent(39, 45, 200));
    assert.equal(m.peers[0]!.noReplyS, 36, 'the silence keeps counting');
    assert.equal(m.events.length, 1);
  });

  test('a reply brings the peer back after two samples, like any other change', () => {
    let m = run(createPanelModel({ noReplyDown: true }), [[0, [peer(K('A'), hs, 100, 1000)]]]);
    m = run(m, silent(1, 40, 100));
    assert.equal(m.peers[0]!.state, 'down');
    m = run(m, [[41, [peer(K('A'), hs, 300, 2000)]]]);
    assert.equal(m.peers[0]!.noReplyS, undefined);
    assert.equal(m.peers[0]!.state, 'down', 'one sample is not enough');
    m = run(m, [[42, [peer(K('A'), hs, 400, 2000)]]]);
    assert.equal(m.peers[0]!.state, 'up');
    assert.deepEqual(
      m.events.map((e) => `${e.from}>${e.to}`),
      ['up>down', 'down>up'],
    );
  });

  test('the window follows the keepalive, with 25 s assumed when it is off', () => {
    const at = (keepalive: number | undefined, secs: number) => {
      const m = run(createPanelModel({ noReplyDown: true }), [
        [0, [peer(K('A'), hs, 100, 1000, { persistentKeepalive: keepalive })]],
      ]);
      return run(m, silent(1, secs, 100, keepalive)).peers[0]!.state;
    };
    assert.equal(at(10, 13), 'up');
    assert.equal(at(10, 14), 'down');
    assert.equal(at(undefined, 28), 'up');
    assert.equal(at(undefined, 29), 'down');
  });

  test('no evidence without our tx growing, without any rx ever, or across a counter restart', () => {
    const idle = Array.from({ length: 60 }, (_, i): [number, PeerSample[]] => [
      i,
      [peer(K('A'), hs, 100, 1000)],
    ]);
    assert.equal(
      run(createPanelModel({ noReplyDown: true }), idle).peers[0]!.state,
      'up',
      'both sides idle is not silence',
    );
    const neverHeard = run(createPanelModel({ noReplyDown: true }), [
      [0, [peer(K('A'), hs, 0, 1000)]],
      ...silent(1, 60, 0),
    ]);
    assert.equal(neverHeard.peers[0]!.noReplyS, undefined);
    let m = run(createPanelModel({ noReplyDown: true }), [
      [0, [peer(K('A'), hs, 100, 1000)]],
      ...silent(1, 20, 100),
    ]);
    m = run(m, [[21, [peer(K('A'), hs, 50, 10)]]]); // re-created: counters restart, window restarts
    m = run(
      m,
      Array.from({ length: 20 }, (_, i): [number, PeerSample[]] => [22 + i, [peer(K('A'), hs, 50, 20 + i)]]),
    );
    assert.equal(m.peers[0]!.state, 'up', '20 s after the restart is within the window');
  });

  test('without noReplyDown the silence is measured but the state stays on the handshake', () => {
    const m = run(createPanelModel(), [[0, [peer(K('A'), hs, 100, 1000)]], ...silent(1, 40, 100)]);
    assert.equal(m.peers[0]!.state, 'up');
    assert.equal(m.peers[0]!.noReplyS, 40); // silent since the first sample
    assert.deepEqual(m.events, []);
  });
});
