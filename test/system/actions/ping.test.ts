import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMs, parsePingSummary, pingAction } from '../../../source/system/actions/ping.js';
import { gatewayFiles, PEER, ScriptedRunner, siteText } from './fakes.js';

const OK = `PING 10.99.0.1 (10.99.0.1) from 192.168.11.2 : 56(84) bytes of data.
64 bytes from 10.99.0.1: icmp_seq=1 ttl=64 time=0.912 ms
64 bytes from 10.99.0.1: icmp_seq=2 ttl=64 time=0.801 ms
64 bytes from 10.99.0.1: icmp_seq=3 ttl=64 time=0.700 ms

--- 10.99.0.1 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 2003ms
rtt min/avg/max/mdev = 0.700/0.804/0.912/0.086 ms
`;
const LOST = `PING 10.99.0.1 (10.99.0.1) from 192.168.11.2 : 56(84) bytes of data.

--- 10.99.0.1 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 2046ms

`;

describe('ping output', () => {
  const cases: [string, string, ReturnType<typeof parsePingSummary>][] = [
    ['all replies (iputils)', OK, { sent: 3, received: 3, avgMs: 0.804 }],
    ['no reply', LOST, { sent: 3, received: 0, avgMs: undefined }],
    [
      'errors reported beside the counts',
      '3 packets transmitted, 1 received, +2 errors, 66.6667% packet loss, time 2004ms\nrtt min/avg/max/mdev = 21.4/21.4/21.4/0.0 ms\n',
      { sent: 3, received: 1, avgMs: 21.4 },
    ],
    [
      'busybox wording',
      '3 packets transmitted, 2 packets received, 33% packet loss\nround-trip min/avg/max = 1.1/1.5/1.9 ms\n',
      { sent: 3, received: 2, avgMs: 1.5 },
    ],
    ['no summary at all', 'ping: connect: Network is unreachable\n', undefined],
  ];
  for (const [what, text, expected] of cases)
    test(`reads ${what}`, () => assert.deepEqual(parsePingSummary(text), expected));

  test('round trips are shown with sensible precision', () => {
    assert.deepEqual([0.061, 0.804, 0.5, 5.25, 21.4, 153.2].map(formatMs), [
      '0.06',
      '0.8',
      '0.5',
      '5.3',
      '21',
      '153',
    ]);
  });
});

describe('ping action', () => {
  test('pings the far tunnel address from the LAN address in the site file, bounded in time', async () => {
    const runner = new ScriptedRunner().answer('ping -n -c 3 -W 1 -I 192.168.11.2 10.99.0.1', { stdout: OK });
    const result = await pingAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER);
    assert.equal(result, 'ping 10.99.0.1 from LAN 192.168.11.2: 3/3, avg 0.8 ms');
    assert.deepEqual(runner.calls, [
      { argv: 'ping -n -c 3 -W 1 -I 192.168.11.2 10.99.0.1', timeoutMs: 8000 },
    ]);
  });

  test('without a LAN address in the site file, takes it from the LAN interface', async () => {
    const runner = new ScriptedRunner()
      .answer('ip -j addr show dev eth-lan', {
        stdout: JSON.stringify([
          {
            ifname: 'eth-lan',
            addr_info: [
              { family: 'inet6', local: 'fe80::1' },
              { family: 'inet', local: '192.168.11.2' },
            ],
          },
        ]),
      })
      .answer('ping -n -c 3 -W 1 -I 192.168.11.2 10.99.0.1', { stdout: LOST, exitCode: 1 });
    const files = gatewayFiles(siteText({ lanAddress: null }));
    const result = await pingAction({ iface: 'wg0', runner, files })(PEER);
    assert.match(
      result,
      /^ping 10\.99\.0\.1 from LAN 192\.168\.11\.2: 0\/3: no reply over the LAN-to-LAN path/,
    );
    assert.deepEqual(runner.argv, [
      'ip -j addr show dev eth-lan',
      'ping -n -c 3 -W 1 -I 192.168.11.2 10.99.0.1',
    ]);
  });

  test('without a site file, pings the /32 in AllowedIPs from the tunnel address', async () => {
    const runner = new ScriptedRunner().answer('ping -n -c 3 -W 1 10.99.0.1', { stdout: OK });
    const result = await pingAction({ iface: 'wg0', runner, files: gatewayFiles(null) })(PEER);
    assert.equal(result, 'ping 10.99.0.1 from the tunnel address: 3/3, avg 0.8 ms');
  });

  test('a ping that prints no summary fails with its own error line', async () => {
    const runner = new ScriptedRunner().answer('ping -n -c 3 -W 1 -I 192.168.11.2 10.99.0.1', {
      stderr: 'ping: bind: Cannot assign requested address\n',
      exitCode: 2,
    });
    await assert.rejects(pingAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER), {
      message: 'ping 10.99.0.1 -I 192.168.11.2: ping: bind: Cannot assign requested address',
    });
  });

  test('a peer without a host prefix and no site entry cannot be pinged', async () => {
    const runner = new ScriptedRunner();
    const peer = { ...PEER, allowedIps: ['192.168.12.0/24'] };
    await assert.rejects(
      pingAction({ iface: 'wg0', runner, files: gatewayFiles(null) })(peer),
      /no tunnel address/,
    );
    assert.deepEqual(runner.calls, []);
  });
});
