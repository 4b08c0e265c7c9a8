import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MtuProbe } from '../../../source/domain/checks/types.js';
import { describeMtuProbe, mtuAction } from '../../../source/system/actions/mtu.js';
import { FAR_KEY, gatewayFiles, PEER, ScriptedRunner } from './fakes.js';

const base: MtuProbe = {
  publicKey: FAR_KEY,
  target: '10.99.0.1',
  tunnelMtu: 1420,
  smallOk: true,
  fullOk: true,
};

describe('MTU advice', () => {
  const cases: [string, MtuProbe, string][] = [
    ['the full size passes', base, 'path MTU 1420 OK (1420-byte packets reach 10.99.0.1)'],
    [
      'a smaller size passes',
      { ...base, fullOk: false, largestOk: 1392 },
      '1420 dropped, 1392 passes: set tunnel.mtu 1392 (MSS 1352)',
    ],
    [
      'nothing passes down to 1200',
      { ...base, fullOk: false },
      '1420 dropped and nothing down to 1200 passes: set tunnel.mtu 1280 (MSS 1240) and check the path',
    ],
    [
      'not even a small ping is answered',
      { ...base, smallOk: false, fullOk: false },
      '10.99.0.1 does not answer ping: path MTU unknown',
    ],
  ];
  for (const [what, probe, expected] of cases)
    test(`says so when ${what}`, () => assert.equal(describeMtuProbe(probe), expected));
});

const ping = (size: number) => `ping -n -c1 -W1 -M do -s ${size - 28} 10.99.0.1`;

describe('MTU probe action', () => {
  test('reads the tunnel MTU, then probes small and full size with DF set (2 pings when all is well)', async () => {
    const runner = new ScriptedRunner()
      .answer('ip -j link show dev wg0', { stdout: '[{"ifname":"wg0","mtu":1420}]' })
      .answer(ping(84), {})
      .answer(ping(1420), {});
    const result = await mtuAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER);
    assert.equal(result, 'path MTU 1420 OK (1420-byte packets reach 10.99.0.1)');
    assert.deepEqual(runner.calls, [
      { argv: 'ip -j link show dev wg0', timeoutMs: 3000 },
      { argv: ping(84), timeoutMs: 3000 },
      { argv: ping(1420), timeoutMs: 3000 },
    ]);
  });

  test('when the full size is dropped, finds the largest size that passes and advises it', async () => {
    const runner = new ScriptedRunner().answer('ip -j link show dev wg0', { stdout: '[{"mtu":1420}]' });
    runner.answer(ping(84), {});
    for (let s = 1400; s >= 1200; s -= 20) runner.answer(ping(s), { exitCode: s <= 1380 ? 0 : 1 });
    runner.answer(ping(1420), { exitCode: 1 });
    const result = await mtuAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER);
    assert.equal(result, '1420 dropped, 1380 passes: set tunnel.mtu 1380 (MSS 1340)');
  });

  test('a missing interface is an error naming it', async () => {
    const runner = new ScriptedRunner().answer('ip -j link show dev wg0', {
      exitCode: 1,
      stderr: 'Device "wg0" does not exist.\n',
    });
    await assert.rejects(mtuAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER), {
      message: 'interface wg0 is not there (Device "wg0" does not exist.)',
    });
  });
});
