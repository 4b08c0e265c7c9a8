/**
 * `i` in the panel: a 5-second TCP throughput test with iperf3 toward the selected peer's tunnel
 * address, when the far gateway runs `iperf3 -s`.
 */
import { formatRate } from '../../domain/status/format.js';
import { farTunnelAddress, needPeer, storedSite, type ActionDeps, type ActionPeer } from './context.js';

/** Seconds the test sends. */
export const IPERF_SECONDS = 5;
/** Bound on the whole run (connect + test + report). */
export const IPERF_TIMEOUT_MS = 10_000;

/** What an iperf3 -J run gave. */
export type IperfOutcome =
  | {
      readonly kind: 'ok';
      readonly sentBps: number;
      readonly receivedBps: number;
      readonly retransmits: number | undefined;
    }
  | { readonly kind: 'refused' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'no-output' };

interface IperfJson {
  error?: unknown;
  end?: {
    sum_sent?: { bits_per_second?: unknown; retransmits?: unknown };
    sum_received?: { bits_per_second?: unknown };
  };
}

/** Read `iperf3 -J` output (and stderr, where some versions print errors). */
export function parseIperfJson(stdout: string, stderr = ''): IperfOutcome {
  let doc: IperfJson | undefined;
  try {
    doc = JSON.parse(stdout) as IperfJson;
  } catch {
    doc = undefined;
  }
  const error = typeof doc?.error === 'string' ? doc.error : stderr.trim();
  if (/connection refused/i.test(error)) return { kind: 'refused' };
  const sent = doc?.end?.sum_sent?.bits_per_second;
  const received = doc?.end?.sum_received?.bits_per_second;
  if (typeof sent === 'number' && typeof received === 'number') {
    const r = doc?.end?.sum_sent?.retransmits;
    return {
      kind: 'ok',
      sentBps: sent,
      receivedBps: received,
      retransmits: typeof r === 'number' ? r : undefined,
    };
  }
  if (error) return { kind: 'error', message: error.split('\n')[0]! };
  return { kind: 'no-output' };
}

/** The argv of the run (after `iperf3`). */
export function iperfArgs(host: string): string[] {
  return ['-c', host, '-t', String(IPERF_SECONDS), '-J'];
}

/** Build the iperf3 action. */
export function iperfAction(deps: ActionDeps): (peer: ActionPeer | undefined) => Promise<string> {
  return async (selected) => {
    const peer = needPeer(selected);
    const host = farTunnelAddress(await storedSite(deps.files, deps.iface), peer);
    if (host === undefined) throw new Error('the peer has no tunnel address to test against');
    const r = await deps.runner.run('iperf3', iperfArgs(host), { timeoutMs: IPERF_TIMEOUT_MS });
    if (r.exitCode === 127) throw new Error('iperf3 is not installed on this gateway (apt install iperf3)');
    const outcome = parseIperfJson(r.stdout, r.stderr);
    switch (outcome.kind) {
      case 'ok': {
        const retr = outcome.retransmits ? `, ${outcome.retransmits} retransmits` : '';
        return `${host}: sent ${formatRate(outcome.sentBps)}, received ${formatRate(outcome.receivedBps)} over ${IPERF_SECONDS} s${retr}`;
      }
      case 'refused':
        return `no iperf3 server on ${host} (run \`iperf3 -s\` on the far side)`;
      case 'error':
        throw new Error(`iperf3 -c ${host}: ${outcome.message}`);
      case 'no-output':
        throw new Error(
          `iperf3 -c ${host} gave no result within ${IPERF_TIMEOUT_MS / 1000} s (exit code ${r.exitCode})`,
        );
    }
  };
}
