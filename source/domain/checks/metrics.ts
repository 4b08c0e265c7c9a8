/**
 * Prometheus text exposition (format 0.0.4). Per-peer series use the names, HELP texts and labels of
 * prometheus_wireguard_exporter (interface, public_key, allowed_ips, and friendly_name when the peer
 * has a name), so existing dashboards and alerts keep working; wg-site adds its check results and a
 * peer-up gauge.
 */
import { statusValue } from './run.js';
import type { StatusJson } from './status-json.js';

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: readonly (readonly [string, string | null])[]): string {
  return pairs
    .filter((p): p is readonly [string, string] => p[1] !== null)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',');
}

/** Render the metrics of one status snapshot. */
export function renderMetrics(status: StatusJson): string {
  const out: string[] = [];
  const peerLabels = status.peers.map((p) =>
    labels([
      ['interface', status.interface],
      ['public_key', p.publicKey],
      ['allowed_ips', p.allowedIps.join(',')],
      ['friendly_name', p.name],
    ]),
  );
  const family = (name: string, type: 'counter' | 'gauge', help: string, values: string[]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...values);
  };
  family(
    'wireguard_sent_bytes_total',
    'counter',
    'Bytes sent to the peer',
    status.peers.map((p, i) => `wireguard_sent_bytes_total{${peerLabels[i]}} ${p.txBytes}`),
  );
  family(
    'wireguard_received_bytes_total',
    'counter',
    'Bytes received from the peer',
    status.peers.map((p, i) => `wireguard_received_bytes_total{${peerLabels[i]}} ${p.rxBytes}`),
  );
  family(
    'wireguard_latest_handshake_seconds',
    'gauge',
    'Seconds from the last handshake',
    status.peers.map(
      (p, i) => `wireguard_latest_handshake_seconds{${peerLabels[i]}} ${p.latestHandshake ?? 0}`,
    ),
  );
  family(
    'wg_site_peer_up',
    'gauge',
    'Whether the peer had a handshake in the last 180 s (1) or not (0)',
    status.peers.map(
      (p, i) => `wg_site_peer_up{${peerLabels[i]}} ${p.state === 'up' || p.state === 'stale' ? 1 : 0}`,
    ),
  );
  family(
    'wg_site_check_status',
    'gauge',
    'Result of a wg-site health check: 1 pass, 0.5 warn, 0 fail',
    status.checks.map(
      (c) =>
        `wg_site_check_status{${labels([
          ['interface', status.interface],
          ['check', c.id],
        ])}} ${statusValue(c.status)}`,
    ),
  );
  return `${out.join('\n')}\n`;
}
