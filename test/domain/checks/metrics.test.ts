import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMetrics } from '../../../source/domain/checks/metrics.js';
import { runChecks } from '../../../source/domain/checks/run.js';
import { statusJson } from '../../../source/domain/checks/status-json.js';
import { FAR_KEY, healthy, NOW, OTHER_KEY, peer } from './facts.js';

test('metrics use the exporter names, HELP texts and labels, plus check results and peer up', () => {
  const f = healthy();
  const facts = {
    ...f,
    mtu: undefined,
    device: {
      ...f.device!,
      peers: [
        peer(),
        peer({
          publicKey: OTHER_KEY,
          allowedIps: ['10.1.0.0/16'],
          latestHandshake: 0,
          rxBytes: 0,
          txBytes: 5,
        }),
      ],
    },
  };
  const text = renderMetrics(
    statusJson(
      facts,
      runChecks(facts).filter((c) => c.id === 'forwarding' || c.id === 'clock'),
    ),
  );
  const a = `interface="wg0",public_key="${FAR_KEY}",allowed_ips="10.99.0.1/32,192.168.12.0/24",friendly_name="site-b"`;
  const b = `interface="wg0",public_key="${OTHER_KEY}",allowed_ips="10.1.0.0/16"`;
  assert.equal(
    text,
    [
      '# HELP wireguard_sent_bytes_total Bytes sent to the peer',
      '# TYPE wireguard_sent_bytes_total counter',
      `wireguard_sent_bytes_total{${a}} 2000`,
      `wireguard_sent_bytes_total{${b}} 5`,
      '# HELP wireguard_received_bytes_total Bytes received from the peer',
      '# TYPE wireguard_received_bytes_total counter',
      `wireguard_received_bytes_total{${a}} 1000`,
      `wireguard_received_bytes_total{${b}} 0`,
      '# HELP wireguard_latest_handshake_seconds Seconds from the last handshake',
      '# TYPE wireguard_latest_handshake_seconds gauge',
      `wireguard_latest_handshake_seconds{${a}} ${NOW / 1000 - 20}`,
      `wireguard_latest_handshake_seconds{${b}} 0`,
      '# HELP wg_site_peer_up Whether the peer had a handshake in the last 180 s (1) or not (0)',
      '# TYPE wg_site_peer_up gauge',
      `wg_site_peer_up{${a}} 1`,
      `wg_site_peer_up{${b}} 0`,
      '# HELP wg_site_check_status Result of a wg-site health check: 1 pass, 0.5 warn, 0 fail',
      '# TYPE wg_site_check_status gauge',
      'wg_site_check_status{interface="wg0",check="forwarding"} 1',
      'wg_site_check_status{interface="wg0",check="clock"} 1',
      '',
    ].join('\n'),
  );
});

test('label values are escaped', () => {
  const f = healthy();
  const site = { ...f.site!, peers: [{ ...f.site!.peers[0]!, name: 'a "b" \\ c' }] };
  const text = renderMetrics(statusJson({ ...f, site }, []));
  assert.match(text, /friendly_name="a \\"b\\" \\\\ c"/);
});
