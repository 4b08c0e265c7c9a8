/**
 * `p` in the panel: ping the selected peer's tunnel address three times FROM this gateway's LAN
 * address. With the LAN address as source the reply has to come back over the LAN-to-LAN path: the
 * far gateway must accept this LAN (its AllowedIPs and firewall) and route the reply into the tunnel.
 */
import { formatMs } from '../../domain/status/format.js';
import {
  farTunnelAddress,
  lanAddress,
  needPeer,
  storedSite,
  type ActionDeps,
  type ActionPeer,
} from './context.js';

/** Count and average round trip read from ping's summary. */
export interface PingSummary {
  readonly sent: number;
  readonly received: number;
  /** Average round trip in ms; undefined when nothing came back. */
  readonly avgMs: number | undefined;
}

/**
 * Read the summary of iputils (or busybox) ping: "3 packets transmitted, 2 received, …" and
 * "rtt min/avg/max/mdev = 0.045/0.061/0.080/0.014 ms". Undefined when there is no summary.
 */
export function parsePingSummary(text: string): PingSummary | undefined {
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(text);
  if (!counts) return undefined;
  const rtt = /(?:rtt|round-trip) min\/avg\/max(?:\/mdev)? = [\d.]+\/([\d.]+)\//.exec(text);
  return {
    sent: Number(counts[1]),
    received: Number(counts[2]),
    avgMs: rtt ? Number(rtt[1]) : undefined,
  };
}

export { formatMs };

/** Pings sent per run. */
export const PING_COUNT = 3;

/** The argv of the ping (after `ping`). */
export function pingArgs(host: string, source: string | undefined): string[] {
  return ['-n', '-c', String(PING_COUNT), '-W', '1', ...(source ? ['-I', source] : []), host];
}

/** One line for the status line from a summary. */
export function describePing(host: string, source: string | undefined, s: PingSummary): string {
  const from = source ? ` from LAN ${source}` : ' from the tunnel address';
  const head = `ping ${host}${from}: ${s.received}/${s.sent}`;
  if (s.received > 0) return s.avgMs === undefined ? head : `${head}, avg ${formatMs(s.avgMs)} ms`;
  return source
    ? `${head}: no reply over the LAN-to-LAN path (far side: AllowedIPs for this LAN, firewall, route back)`
    : `${head}: no reply through the tunnel`;
}

/** Build the ping action. */
export function pingAction(deps: ActionDeps): (peer: ActionPeer | undefined) => Promise<string> {
  return async (selected) => {
    const peer = needPeer(selected);
    const site = await storedSite(deps.files, deps.iface);
    const host = farTunnelAddress(site, peer);
    if (host === undefined) throw new Error('the peer has no tunnel address to ping (no /32 in AllowedIPs)');
    const source = await lanAddress(deps, site, host);
    const r = await deps.runner.run('ping', pingArgs(host, source), { timeoutMs: 8000 });
    const summary = parsePingSummary(r.stdout);
    if (summary === undefined) {
      const why = r.stderr.trim().split('\n')[0] || `exit code ${r.exitCode}`;
      throw new Error(`ping ${host}${source ? ` -I ${source}` : ''}: ${why}`);
    }
    return describePing(host, source, summary);
  };
}
