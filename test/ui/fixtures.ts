/**
 * Deterministic panel models for the view tests, built with the real reducer from fixed samples.
 * The clock and the sample times agree; nothing depends on the real time (event times are shown
 * in local time, so the tests set TZ=UTC).
 */
import { createPanelModel } from '../../source/domain/status/panel-model.js';
import type { CpuLine, CpuTimes, PeerSample, Sample } from '../../source/domain/status/types.js';
import type { CheckResult } from '../../source/ui/check-result.js';
import { createPanelStore, type PanelStore } from '../../source/ui/panel-store.js';

/** 2023-11-14 22:13:20 UTC. */
export const T0 = 1_700_000_000_000;
const key = (c: string): string => c.repeat(43) + '=';

function cpuLine(user: number, system: number, idle: number, softirq: number): CpuLine {
  return { user, nice: 0, system, idle, iowait: 0, irq: 0, softirq, steal: 0 };
}

/** CPU counters after `s` seconds: core 0 ~20 % busy (5 % softirq), core 1 ~10 % busy. */
function cpuAt(s: number): CpuTimes {
  const c0 = cpuLine(10 * s, 5 * s, 80 * s, 5 * s);
  const c1 = cpuLine(8 * s, 2 * s, 90 * s, 0);
  const total = cpuLine(c0.user + c1.user, c0.system + c1.system, c0.idle + c1.idle, c0.softirq + c1.softirq);
  return { total, cores: [c0, c1] };
}

/** One peer's description for {@link peerAt}. */
export interface PeerSpec {
  readonly key: string;
  /** Seconds before `s` of the last handshake; undefined = never. */
  readonly handshakeAge: (s: number) => number | undefined;
  /** Bytes per second received during second `i`. */
  readonly rx: (i: number) => number;
  readonly tx: (i: number) => number;
  readonly endpoint?: string;
  readonly allowedIps: readonly string[];
  readonly keepalive?: number;
}

function sum(f: (i: number) => number, s: number): number {
  let n = 0;
  for (let i = 0; i < s; i++) n += f(i);
  return n;
}

function peerAt(spec: PeerSpec, s: number): PeerSample {
  const age = spec.handshakeAge(s);
  return {
    publicKey: spec.key,
    hasPresharedKey: true,
    endpoint: spec.endpoint,
    allowedIps: spec.allowedIps,
    latestHandshake: age === undefined ? 0 : T0 / 1000 + s - age,
    rxBytes: sum(spec.rx, s),
    txBytes: sum(spec.tx, s),
    persistentKeepalive: spec.keepalive,
  };
}

/** The sample of second `s`. */
export function sampleAt(specs: readonly PeerSpec[], s: number): Sample {
  return {
    at: T0 + s * 1000,
    peers: specs.map((p) => peerAt(p, s)),
    interface: { publicKey: key('S'), listenPort: 51820, fwmark: undefined },
    link: { rxBytes: 1000 * s * s, txBytes: 300 * s * s },
    cpu: cpuAt(s),
    mem: { totalBytes: 1_945_000_000, availableBytes: 1_150_000_000 },
    load: { one: 0.52, five: 0.48, fifteen: 0.31, running: 1, total: 180 },
    temp: 48.234,
    throttled: {
      raw: 0x50000,
      underVoltage: false,
      freqCapped: false,
      throttled: false,
      softTempLimit: false,
      underVoltageOccurred: true,
      freqCappedOccurred: false,
      throttledOccurred: true,
      softTempLimitOccurred: false,
    },
  };
}

/** The one-peer site: no handshake for 3 s, then up; traffic in a 10-second saw-tooth. */
export const ONE_PEER: readonly PeerSpec[] = [
  {
    key: key('B'),
    handshakeAge: (s) => (s < 3 ? undefined : (s - 3) % 120),
    rx: (i) => 40_000 * (1 + (i % 10)),
    tx: (i) => 4_000 * (1 + ((i + 5) % 10)),
    endpoint: '203.0.113.5:51820',
    allowedIps: ['10.99.0.2/32', '192.168.2.0/24'],
    keepalive: 25,
  },
];

/** Thirty peers in every state: never (every 7th), down (every 5th), stale (every 4th), else up. */
export const THIRTY_PEERS: readonly PeerSpec[] = Array.from({ length: 30 }, (_, n) => {
  const age = n % 7 === 6 ? undefined : n % 5 === 4 ? 400 : n % 4 === 3 ? 150 : 5 + n;
  return {
    key: key(String.fromCharCode(65 + (n % 26))).slice(0, 40) + String(n).padStart(3, '0') + '=',
    handshakeAge: () => age,
    rx: (i: number) => (age === undefined || age > 180 ? 0 : 1_000 * (n + 1) * (1 + ((i + n) % 13))),
    tx: (i: number) => (age === undefined || age > 180 ? 0 : 500 * (n + 1) * (1 + ((i * 7 + n) % 11))),
    endpoint: n % 9 === 8 ? undefined : `198.51.100.${n + 1}:51820`,
    allowedIps: [`10.99.${n}.1/32`, `192.168.${100 + n}.0/24`],
    keepalive: n % 2 === 0 ? 25 : undefined,
  };
});

/** Names by public key for the fixtures (the 30-peer set leaves two unnamed). */
export function namesFor(specs: readonly PeerSpec[]): Map<string, string> {
  const names = new Map<string, string>();
  specs.forEach((p, n) => {
    if (specs.length === 1) names.set(p.key, 'beta-office');
    else if (n !== 10 && n !== 20) names.set(p.key, `site-${String(n + 1).padStart(2, '0')}`);
  });
  return names;
}

/** Checks in every status. */
export const CHECKS: readonly CheckResult[] = [
  { id: 'forwarding', title: 'IPv4 forwarding', status: 'pass', reason: 'net.ipv4.ip_forward is 1' },
  {
    id: 'mtu',
    title: 'Path MTU',
    status: 'warn',
    reason: '1420-byte packets to 10.99.0.2 are dropped; 1392 pass',
    fix: 'set tunnel.mtu to 1392 in the site file, then run wg-site apply',
  },
  {
    id: 'route:192.168.2.0/24',
    title: 'Route to 192.168.2.0/24',
    status: 'fail',
    reason: 'no route via wg0',
    fix: 'wg-quick down wg0 && wg-quick up wg0',
  },
  { id: 'clock', title: 'Clock sync', status: 'pass', reason: 'systemd-timesyncd is synchronised' },
];

/** A store fed with `seconds + 1` samples (s = 0…seconds), at 1 s intervals. */
export function storeWith(
  specs: readonly PeerSpec[],
  seconds: number,
  checks: readonly CheckResult[] | undefined = CHECKS,
): PanelStore {
  let now = T0;
  const store = createPanelStore({
    model: createPanelModel({ peerNames: namesFor(specs) }),
    now: () => now,
    ...(checks === undefined ? {} : { gatherChecks: async () => checks }),
  });
  for (let s = 0; s <= seconds; s++) {
    now = T0 + s * 1000;
    store.onSample(sampleAt(specs, s));
  }
  return store;
}
