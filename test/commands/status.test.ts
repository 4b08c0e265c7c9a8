import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { main } from '../../source/commands/main.js';
import type { StatusJson } from '../../source/domain/checks/status-json.js';
import { FAR_KEY, NOW } from '../domain/checks/facts.js';
import { fakeHost, OWN_PUBLIC, PRIVATE_KEY, PSK } from '../system/checks/fake-host.js';

describe('wg-site status', () => {
  test('the text form shows the interface, each peer and the checks', async () => {
    const h = fakeHost();
    assert.equal(await main(['status'], h.io), 0);
    const text = h.out.join('');
    assert.equal(
      text.split('\n').slice(0, 10).join('\n'),
      [
        'interface wg0 (site site-a): listening on UDP 51820',
        'peer site-b  up',
        `  public key   ${FAR_KEY}`,
        '  endpoint     198.51.100.2:51820',
        '  handshake    20s ago',
        '  transfer     1000 B received, 1.95 KiB sent',
        '  keepalive    every 25 s',
        '  allowed ips  10.99.0.1/32, 192.168.12.0/24',
        '',
        'checks: 13 pass, 0 warn, 0 fail',
      ].join('\n'),
    );
    assert.ok(!text.includes(PRIVATE_KEY) && !text.includes(PSK));
  });

  test('--json has the documented shape and holds no private or preshared key', async () => {
    const h = fakeHost();
    assert.equal(await main(['status', '--json'], h.io), 0);
    const raw = h.out.join('');
    assert.ok(!raw.includes(PRIVATE_KEY), 'no private key');
    assert.ok(!raw.includes(PSK), 'no preshared key');
    const s = JSON.parse(raw) as StatusJson;
    assert.deepEqual(
      { ...s, checks: s.checks.length },
      {
        version: 1,
        interface: 'wg0',
        at: new Date(NOW).toISOString(),
        site: 'site-a',
        publicKey: OWN_PUBLIC,
        listenPort: 51820,
        peers: [
          {
            name: 'site-b',
            publicKey: FAR_KEY,
            endpoint: '198.51.100.2:51820',
            configuredEndpoint: '198.51.100.2:51820',
            latestHandshake: NOW / 1000 - 20,
            handshakeAgeSeconds: 20,
            state: 'up',
            rxBytes: 1000,
            txBytes: 2000,
            persistentKeepalive: 25,
            hasPresharedKey: true,
            allowedIps: ['10.99.0.1/32', '192.168.12.0/24'],
          },
        ],
        checks: 13,
        summary: { pass: 13, warn: 0, fail: 0 },
      },
    );
  });

  test('peers get no name without a site file, and checks that need one warn', async () => {
    const h = fakeHost();
    h.files.delete('/etc/wg-site/wg0.json');
    assert.equal(await main(['status', '--json'], h.io), 0);
    const s = JSON.parse(h.out.join('')) as StatusJson;
    assert.equal(s.site, null);
    assert.equal(s.peers[0]!.name, null);
    assert.equal(s.checks.find((c) => c.id === 'masquerade')!.status, 'warn');
  });

  test('an interface that cannot be read exits 1 and says why', async () => {
    const h = fakeHost();
    h.commands.set('wg show wg0 dump', {
      stdout: '',
      stderr: 'Unable to access interface: No such device',
      exitCode: 1,
    });
    assert.equal(await main(['status'], h.io), 1);
    assert.match(h.out.join(''), /^interface wg0: not readable$/m);
    assert.match(h.err.join(''), /No such device/);
  });
});
