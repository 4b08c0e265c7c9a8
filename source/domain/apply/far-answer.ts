/**
 * Whether the far side of a fresh tunnel answers. A tunnel between two public endpoints without
 * keepalive stays silent until a packet crosses it, so during a trial wg-site pings the far tunnel
 * address itself (source/system/apply/wake.ts): the first ping makes WireGuard handshake, and the
 * replies tell the admin, before keeping the trial, that the far gateway is there. Here is only the
 * counting and the wording, shared by the wizard's trial screen and `wg-site apply`.
 */
import { formatMs } from '../status/format.js';

/** The answer to one ping. */
export interface ProbeReply {
  readonly answered: boolean;
  /** Round trip in ms, when answered. */
  readonly rttMs?: number;
}

/** The pings sent toward one far tunnel address so far. */
export interface ProbeTally {
  readonly sent: number;
  readonly answered: number;
  /** Round trip of the latest answer, in ms. */
  readonly lastRttMs: number | undefined;
}

/** No ping sent yet. */
export const NO_PROBES: ProbeTally = { sent: 0, answered: 0, lastRttMs: undefined };

/**
 * Unanswered pings (one a second) without a handshake after which the far gateway counts as silent
 * rather than still waking: a handshake takes well under a second between two gateways that are up.
 */
export const SILENT_AFTER_PINGS = 5;

/** Count one more ping. */
export function addProbe(tally: ProbeTally, reply: ProbeReply): ProbeTally {
  return {
    sent: tally.sent + 1,
    answered: tally.answered + (reply.answered ? 1 : 0),
    lastRttMs: reply.answered && reply.rttMs !== undefined ? reply.rttMs : tally.lastRttMs,
  };
}

/** What the pings and the handshake say about the far side. */
export type FarVerdict = 'answered' | 'handshake-only' | 'waking' | 'silent';

/** A verdict with the sentence to show. */
export interface FarAnswer {
  readonly verdict: FarVerdict;
  /** One sentence, e.g. "The far side answered: 3 of 4 pings to 10.255.255.1, last 0.8 ms." */
  readonly text: string;
}

/** What the admin is told to do when the far gateway stays silent. */
export interface FarHints {
  /** How to give the far gateway this one's pairing code, e.g. "paste this gateway's pairing code into its wizard: wgsite1.…". */
  readonly pairing: string;
}

/**
 * Judge the far side of a tunnel from the pings to its tunnel `address` and whether a handshake
 * happened. Silent means: enough pings unanswered and never a handshake, which is what a far gateway
 * that is not set up yet (or cannot be reached) looks like. With `final` (no more pings will be sent)
 * any unanswered tally without a handshake is silent.
 */
export function judgeFarSide(
  address: string,
  tally: ProbeTally,
  handshake: boolean,
  hints: FarHints,
  options: { final?: boolean } = {},
): FarAnswer {
  const counted = `${tally.answered} of ${tally.sent} ping${tally.sent === 1 ? '' : 's'} to ${address}`;
  if (tally.answered > 0) {
    const rtt = tally.lastRttMs === undefined ? '' : `, last ${formatMs(tally.lastRttMs)} ms`;
    return { verdict: 'answered', text: `The far side answered: ${counted}${rtt}.` };
  }
  if (handshake) {
    return {
      verdict: 'handshake-only',
      text: `The far gateway handshook, but ${address} has not answered ${tally.sent === 1 ? 'a ping' : `${tally.sent} pings`} (its firewall may drop ping, or its tunnel address differs).`,
    };
  }
  if (tally.sent < SILENT_AFTER_PINGS && options.final !== true) {
    return {
      verdict: 'waking',
      text:
        tally.sent === 0
          ? `Pinging ${address} to wake the tunnel…`
          : `Pinging ${address} to wake the tunnel: no answer yet (${tally.sent} sent).`,
    };
  }
  return {
    verdict: 'silent',
    text: `The far gateway has not answered yet (${counted}, no handshake) — is it set up? To set it up, ${hints.pairing}`,
  };
}
