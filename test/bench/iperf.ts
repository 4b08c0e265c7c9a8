// iperf3 inside the lab: a one-shot server on gwB's tunnel address and a client on gwA, both
// optionally pinned to one core. Traffic stays between the two lab gateways.
import { labExec, labWaitFor } from '../lab/lab.js';
import { LAB_TUNNEL } from '../lab/site-files.js';
import type { CommandResult } from '../../source/system/command-runner.js';

/** The part of iperf3's JSON report the bench reads. */
export interface IperfReport {
  intervals: { sum: { start: number; end: number; bytes: number; bits_per_second: number } }[];
  end: {
    sum?: { bits_per_second: number; lost_percent?: number };
    sum_sent?: { bits_per_second: number };
    sum_received?: { bits_per_second: number };
  };
  error?: string;
}

const pin = (cpu: number | undefined): string[] => (cpu === undefined ? [] : ['taskset', '-c', String(cpu)]);

/** Starts a one-shot iperf3 server on gwB (port PORT); resolves once it listens, with its exit. */
export async function iperfServer(port: number, cpu?: number): Promise<{ done: Promise<CommandResult> }> {
  const done = labExec('gwB', [...pin(cpu), 'iperf3', '-s', '-1', '-B', LAB_TUNNEL.gwB, '-p', String(port)], {
    timeoutMs: 120_000,
  });
  const listening = await labWaitFor(
    async () => (await labExec('gwB', ['ss', '-Hltn', `sport = :${port}`])).stdout.includes(`:${port}`),
    { timeoutMs: 10_000, intervalMs: 100 },
  );
  if (!listening) throw new Error(`iperf3 server on gwB did not listen on ${port}`);
  return { done };
}

/** Runs the iperf3 client on gwA toward gwB with ARGS; returns its JSON report. */
export async function iperfClient(port: number, args: readonly string[], cpu?: number): Promise<IperfReport> {
  const r = await labExec(
    'gwA',
    [...pin(cpu), 'iperf3', '-c', LAB_TUNNEL.gwB, '-p', String(port), '-J', ...args],
    { timeoutMs: 120_000 },
  );
  let report: IperfReport;
  try {
    report = JSON.parse(r.stdout) as IperfReport;
  } catch {
    throw new Error(`iperf3 client exited ${r.exitCode} without JSON: ${r.stderr.trim()}`);
  }
  if (r.exitCode !== 0 || report.error)
    throw new Error(`iperf3 client failed: ${report.error ?? r.stderr.trim()}`);
  return report;
}
