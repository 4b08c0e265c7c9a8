import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../../source/commands/main.js';
import { FAR_KEY } from '../domain/checks/facts.js';
import { fakeHost, PRIVATE_KEY, PSK } from '../system/checks/fake-host.js';

test('wg-site metrics prints the exposition with checks and exits 0', async () => {
  const h = fakeHost();
  assert.equal(await main(['metrics'], h.io), 0);
  const text = h.out.join('');
  const labels = `interface="wg0",public_key="${FAR_KEY}",allowed_ips="10.99.0.1/32,192.168.12.0/24",friendly_name="site-b"`;
  assert.match(
    text,
    new RegExp(`^wireguard_sent_bytes_total\\{${labels.replace(/[+/.]/g, '\\$&')}\\} 2000$`, 'm'),
  );
  assert.match(text, /^wg_site_check_status\{interface="wg0",check="forwarding"\} 1$/m);
  assert.match(text, /^wg_site_check_status\{interface="wg0",check="handshake:site-b"\} 1$/m);
  assert.match(text, /^wg_site_peer_up\{.*\} 1$/m);
  assert.ok(!text.includes(PRIVATE_KEY) && !text.includes(PSK));
  // every sample line is `name{labels} number`
  for (const line of text
    .trimEnd()
    .split('\n')
    .filter((l) => !l.startsWith('#')))
    assert.match(line, /^[a-z_]+\{[^}]*\} -?\d+(\.\d+)?$/);
});

test('a failing check shows as 0 and a warning as 0.5', async () => {
  const h = fakeHost();
  h.files.set('/proc/sys/net/ipv4/ip_forward', '0\n');
  h.files.delete('/usr/bin/timedatectl');
  assert.equal(await main(['metrics'], h.io), 0);
  assert.match(h.out.join(''), /^wg_site_check_status\{interface="wg0",check="forwarding"\} 0$/m);
  assert.match(h.out.join(''), /^wg_site_check_status\{interface="wg0",check="clock"\} 0\.5$/m);
});
