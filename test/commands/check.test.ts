import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { main } from '../../source/commands/main.js';
import { fakeHost, PRIVATE_KEY, PSK } from '../system/checks/fake-host.js';

const HEALTHY = [
  'PASS  Interface wg0 up and listening: wg0 is up, listening on UDP 51820',
  'PASS  IP forwarding on: net.ipv4.ip_forward=1',
  'PASS  Forwarding persisted across reboots: /etc/sysctl.d/90-wg-site-wg0.conf sets net.ipv4.ip_forward',
  'PASS  Firewall table wg_site_wg0: table inet wg_site_wg0 loaded once, as planned',
  'PASS  No other firewall drops tunnel traffic: no forward hook outside wg-site drops traffic',
  'PASS  Masquerade matches routing: masquerade rule loaded (routing is masquerade)',
  'PASS  Routes into wg0 for every AllowedIPs prefix: 2 prefixes routed via wg0, none shadowed',
  'PASS  AllowedIPs unique and as configured: 1 peers, no overlap, as in the site file',
  'PASS  No strict reverse-path filter: rp_filter is loose or off on wg0, eth-lan',
  'PASS  Clock synchronised: synchronised (timedatectl)',
  'PASS  Key files readable by root only: no key file yet',
  'PASS  Handshake with site-b: up: last handshake 20 s ago',
  'PASS  Replies from site-b: no unanswered traffic (rx last grew 0 s ago)',
  '',
].join('\n');

describe('wg-site check', () => {
  test('a healthy gateway prints one PASS line per check and exits 0', async () => {
    const h = fakeHost();
    assert.equal(await main(['check'], h.io), 0);
    assert.equal(h.out.join(''), HEALTHY);
    assert.deepEqual(h.err, []);
  });

  test('it spawns only ip addr, ip route, nft, wg dump and timedatectl', async () => {
    const h = fakeHost();
    await main(['check'], h.io);
    assert.deepEqual([...h.calls].sort(), [
      '/usr/bin/timedatectl show -p NTPSynchronized --value',
      'ip -j addr',
      'ip -j route show table all',
      'nft -j list ruleset',
      'wg show wg0 dump',
    ]);
  });

  test('forwarding off fails with the fix and exit code 1', async () => {
    const h = fakeHost();
    h.files.set('/proc/sys/net/ipv4/ip_forward', '0\n');
    assert.equal(await main(['check'], h.io), 1);
    assert.match(
      h.out.join(''),
      /^FAIL {2}IP forwarding on: net\.ipv4\.ip_forward=0: the kernel drops packets between the LAN and the tunnel {2}— fix: sysctl -w net\.ipv4\.ip_forward=1$/m,
    );
  });

  test('warnings alone keep exit code 0', async () => {
    const h = fakeHost();
    h.files.delete('/usr/bin/timedatectl');
    assert.equal(await main(['check'], h.io), 0);
    assert.match(h.out.join(''), /^WARN {2}Clock synchronised: cannot tell/m);
  });

  test('a peer that stops answering fails after keepalive + 5 s of unanswered sends', async () => {
    const h = fakeHost();
    assert.equal(await main(['check'], h.io), 0);
    h.now.value += 31_000;
    h.commands.set('wg show wg0 dump', {
      stdout: (await import('../system/checks/fake-host.js')).wgDump(51, 1000, 2500),
      stderr: '',
      exitCode: 0,
    });
    h.out.length = 0;
    assert.equal(await main(['check'], h.io), 1);
    assert.match(
      h.out.join(''),
      /^FAIL {2}Replies from site-b: no reply for 31 s \(500 bytes sent meanwhile\)/m,
    );
  });

  test('--json prints the results as a list and never a key', async () => {
    const h = fakeHost();
    assert.equal(await main(['check', '--json'], h.io), 0);
    const list = JSON.parse(h.out.join('')) as { id: string; status: string }[];
    assert.equal(list[0]!.id, 'interface');
    assert.ok(list.every((c) => c.status === 'pass'));
    assert.ok(!h.out.join('').includes(PRIVATE_KEY) && !h.out.join('').includes(PSK));
  });

  test('a bad interface name exits 2', async () => {
    const h = fakeHost();
    assert.equal(await main(['check', '--interface', 'bad name!'], h.io), 2);
    assert.match(h.err.join(''), /interface/i);
  });
});
