// Measurement 3: the rate the panel's model shows for gwB (sampled from gwA's UAPI socket by the
// panel's own sampler, poll loop and reducer, in this process) against iperf3's measured rate,
// averaged over the same 20 s window of a fixed-bitrate UDP stream gwA → gwB.
//
// WireGuard counts what it puts on the wire: per datagram the inner packet (UDP payload + 8 + 20),
// padded to a multiple of 16, plus 32 bytes (16 header + 16 tag). iperf3 counts UDP payload. So the
// panel should show payload × wireBytes/payload; both the raw and the framing-corrected ratio are
// reported.
import { performance } from 'node:perf_hooks';
import { labRunner } from '../lab/lab.js';
import { createPanelModel, type PanelModel } from '../../source/domain/status/panel-model.js';
import { reduce } from '../../source/domain/status/reducer.js';
import { systemClock } from '../../source/system/clock.js';
import { memoryFileReader } from '../../source/system/sample/file-reader.js';
import { startPolling } from '../../source/system/sample/poll-loop.js';
import { createSampler } from '../../source/system/sample/sampler.js';
import { uapiDirOf } from './lab-gateways.js';
import { iperfClient, iperfServer } from './iperf.js';
import { mean, pause } from './stats.js';

/** Result of {@link rateRun}. */
export interface RateResult {
  /** iperf3's payload rate over the window, bit/s. */
  readonly iperfBps: number;
  /** Mean of the tx rates the model showed for gwB over the window, bit/s. */
  readonly panelBps: number;
  /** Wire bytes per payload byte for this datagram size. */
  readonly framing: number;
  /** Model samples in the window. */
  readonly samples: number;
  readonly lostPercent: number | undefined;
  /** Where the sampler read the peers from (uapi = the socket, like the panel). */
  readonly source: string | undefined;
}

/** WireGuard wire bytes for one UDP datagram of PAYLOAD bytes over IPv4 in a tunnel of MTU. */
export function wireBytes(payload: number, mtu = 1420): number {
  const inner = payload + 8 + 20;
  const padded = Math.min(Math.ceil(inner / 16) * 16, Math.max(inner, mtu));
  return padded + 32;
}

/** Streams UDP at BITRATE for 25 s and compares seconds 3–23 of both views. */
export async function rateRun(
  farPublicKey: string,
  opts: { bitrate: string; payload: number },
): Promise<RateResult> {
  const sampler = createSampler({
    interfaceName: 'wg0',
    files: memoryFileReader({}), // host figures are not part of this measurement
    runner: labRunner('gwA'),
    clock: systemClock,
    socketDir: await uapiDirOf('gwA'),
  });
  let model: PanelModel = createPanelModel();
  const shown: { at: number; prevAt: number; tx: number | undefined }[] = [];
  let prevAt = NaN;
  const errors: string[] = [];
  const poller = startPolling({
    intervalMs: 1000,
    sample: () => sampler.sample(),
    onSample: (s) => {
      model = reduce(model, s, Date.now());
      const peer = model.peers.find((p) => p.publicKey === farPublicKey);
      shown.push({ at: s.at, prevAt, tx: peer?.txRate });
      prevAt = s.at;
    },
    onError: (e) => void errors.push(e instanceof Error ? e.message : String(e)),
  });
  try {
    const server = await iperfServer(5201);
    await pause(1500);
    const wallStart = Date.now();
    const t0 = performance.now();
    const report = await iperfClient(5201, [
      '-u',
      '-b',
      opts.bitrate,
      '-l',
      String(opts.payload),
      '-t',
      '25',
    ]);
    if (performance.now() - t0 < 24_000) throw new Error('iperf3 ended early');
    await server.done;
    const from = wallStart + 3000;
    const to = wallStart + 23_000;
    const inWindow = shown.filter((s) => s.prevAt >= from && s.at <= to && s.tx !== undefined);
    if (inWindow.length === 0)
      throw new Error(`the sampler produced no rates: ${errors.join('; ') || 'no samples'}`);
    const steady = report.intervals.filter((i) => i.sum.start >= 3 - 0.01 && i.sum.end <= 23 + 0.01);
    return {
      iperfBps: mean(steady.map((i) => i.sum.bits_per_second)),
      panelBps: mean(inWindow.map((s) => s.tx as number)),
      framing: wireBytes(opts.payload) / opts.payload,
      samples: inWindow.length,
      lostPercent: report.end.sum?.lost_percent,
      source: sampler.lastSource,
    };
  } finally {
    await poller.stop();
  }
}
