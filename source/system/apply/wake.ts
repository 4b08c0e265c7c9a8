/**
 * Waking a fresh tunnel: one ping at a time to a far tunnel address. The ping goes through the
 * WireGuard interface (AllowedIPs holds the far tunnel address), which makes WireGuard handshake with
 * the far gateway; its answer says the far side is up. Used by the wizard's trial (a ping a second
 * while the trial runs) and by `wg-site apply` ({@link wakePeers}: a few seconds, then a verdict).
 * How the answers are judged and worded is in domain/apply/far-answer.ts.
 */
import {
  addProbe,
  judgeFarSide,
  NO_PROBES,
  type FarAnswer,
  type ProbeReply,
  type ProbeTally,
} from '../../domain/apply/far-answer.js';
import type { Site } from '../../domain/site/model.js';
import { parsePingSummary } from '../actions/ping.js';
import type { CommandRunner } from '../command-runner.js';
import { realSleep } from './deps.js';

/** One ping waits this long for its answer. */
export const PING_WAIT_MS = 1000;

/** Send one ping to ADDRESS (waiting up to a second) and report whether it was answered. */
export async function pingOnce(runner: CommandRunner, address: string): Promise<ProbeReply> {
  const r = await runner
    .run('ping', ['-n', '-c', '1', '-W', String(PING_WAIT_MS / 1000), address], {
      timeoutMs: PING_WAIT_MS + 2000,
    })
    .catch(() => undefined);
  if (r === undefined) return { answered: false };
  const summary = parsePingSummary(r.stdout);
  if (summary === undefined || summary.received === 0) return { answered: false };
  return summary.avgMs === undefined ? { answered: true } : { answered: true, rttMs: summary.avgMs };
}

/** What {@link wakePeers} needs. */
export interface WakeDeps {
  runner: CommandRunner;
  now(): number;
  /** Wait MS milliseconds (paces pings that fail at once, e.g. "network unreachable"). */
  sleep(ms: number): Promise<void>;
}

/** The outcome for one peer. */
export interface PeerWake {
  name: string;
  address: string;
  tally: ProbeTally;
  answer: FarAnswer;
}

/** Longest time `wg-site apply` spends waking the tunnel after a trial is applied. */
export const WAKE_BUDGET_MS = 5000;

/** The waking time for a trial of TRIAL_SECONDS: at most a quarter of it, so confirming stays possible. */
export function wakeBudgetFor(trialSeconds: number): number {
  return Math.min(WAKE_BUDGET_MS, trialSeconds * 250);
}

/**
 * Ping every peer's tunnel address, one ping a second per peer (peers in parallel), until it answers
 * or `budgetMs` has passed; then judge each far side. `handshook(name)` is asked at the end.
 */
export async function wakePeers(
  deps: WakeDeps,
  site: Site,
  options: { budgetMs?: number; handshook: (publicKey: string) => Promise<boolean>; pairingHint: string },
): Promise<PeerWake[]> {
  const deadline = deps.now() + (options.budgetMs ?? WAKE_BUDGET_MS);
  return Promise.all(
    site.peers.map(async (peer): Promise<PeerWake> => {
      const address = peer.tunnelAddress.text;
      let tally = NO_PROBES;
      while (tally.answered === 0 && deps.now() < deadline) {
        const started = deps.now();
        tally = addProbe(tally, await pingOnce(deps.runner, address));
        const rest = Math.min(PING_WAIT_MS - (deps.now() - started), deadline - deps.now());
        if (tally.answered === 0 && rest > 0) await deps.sleep(rest);
      }
      const handshake = await options.handshook(peer.publicKey).catch(() => false);
      const answer = judgeFarSide(
        address,
        tally,
        handshake,
        { pairing: options.pairingHint },
        { final: true },
      );
      return { name: peer.name, address, tally, answer };
    }),
  );
}

/** True when `wg show IFACE latest-handshakes` lists PUBLICKEY with a handshake. */
export async function hasHandshake(
  runner: CommandRunner,
  iface: string,
  publicKey: string,
): Promise<boolean> {
  const r = await runner.run('wg', ['show', iface, 'latest-handshakes']);
  if (r.exitCode !== 0) return false;
  return r.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .some(([key, time]) => key === publicKey && Number(time) > 0);
}

/** {@link WakeDeps} on this host. */
export function systemWakeDeps(runner: CommandRunner): WakeDeps {
  return {
    runner,
    now: () => Date.now(),
    sleep: realSleep,
  };
}

/**
 * For `wg-site apply` after a trial of TRIAL_SECONDS is applied: wake the tunnel (see {@link wakePeers},
 * for {@link wakeBudgetFor} the trial) and write one line per peer saying whether its far side answered.
 */
export async function wakeAndTell(
  deps: WakeDeps,
  site: Site,
  trialSeconds: number,
  write: (text: string) => void,
): Promise<PeerWake[]> {
  const budgetMs = wakeBudgetFor(trialSeconds);
  write(
    `Waking the tunnel: pinging each peer's tunnel address for up to ${(budgetMs / 1000).toFixed(1)} s…\n`,
  );
  const wakes = await wakePeers(deps, site, {
    budgetMs,
    handshook: (key) => hasHandshake(deps.runner, site.interface, key),
    pairingHint:
      "run `wg-site pair` here and paste its code into the far gateway's `wg-site setup` (step 4).",
  });
  for (const w of wakes) write(`  ${w.name}: ${w.answer.text}\n`);
  return wakes;
}
