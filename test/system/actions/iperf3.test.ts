import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { iperfAction, parseIperfJson } from '../../../source/system/actions/iperf3.js';
import { gatewayFiles, PEER, ScriptedRunner } from './fakes.js';

const result = (sent: number, received: number, retransmits = 0) =>
  JSON.stringify({
    start: { connected: [{ remote_host: '10.99.0.1' }] },
    intervals: [],
    end: {
      sum_sent: { seconds: 5, bytes: 1, bits_per_second: sent, retransmits },
      sum_received: { seconds: 5, bytes: 1, bits_per_second: received },
    },
  });
const REFUSED = JSON.stringify({
  start: { connected: [] },
  intervals: [],
  end: {},
  error: 'unable to connect to server - server may not have started running or busy: Connection refused',
});

describe('iperf3 JSON', () => {
  const cases: [string, string, string, ReturnType<typeof parseIperfJson>][] = [
    [
      'a finished run',
      result(412_300_000, 410_100_000, 3),
      '',
      { kind: 'ok', sentBps: 412_300_000, receivedBps: 410_100_000, retransmits: 3 },
    ],
    ['a refused connection (JSON error)', REFUSED, '', { kind: 'refused' }],
    [
      'a refused connection (stderr only)',
      '',
      'iperf3: error - unable to connect to server: Connection refused\n',
      { kind: 'refused' },
    ],
    [
      'a busy server',
      JSON.stringify({ error: 'the server is busy running a test. try again later' }),
      '',
      { kind: 'error', message: 'the server is busy running a test. try again later' },
    ],
    ['nothing (killed by the timeout)', '{\n\t"start":', '', { kind: 'no-output' }],
  ];
  for (const [what, stdout, stderr, expected] of cases)
    test(`reads ${what}`, () => assert.deepEqual(parseIperfJson(stdout, stderr), expected));
});

describe('iperf3 action', () => {
  const ARGV = 'iperf3 -c 10.99.0.1 -t 5 -J';

  test('runs a 5 s test against the far tunnel address, bounded at 10 s, and shows both rates', async () => {
    const runner = new ScriptedRunner().answer(ARGV, { stdout: result(412_300_000, 410_100_000) });
    assert.equal(
      await iperfAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER),
      '10.99.0.1: sent 412 Mbit/s, received 410 Mbit/s over 5 s',
    );
    assert.deepEqual(runner.calls, [{ argv: ARGV, timeoutMs: 10_000 }]);
  });

  test('a refused connection says how to start the server on the far side', async () => {
    const runner = new ScriptedRunner().answer(ARGV, { stdout: REFUSED, exitCode: 1 });
    assert.equal(
      await iperfAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER),
      'no iperf3 server on 10.99.0.1 (run `iperf3 -s` on the far side)',
    );
  });

  test('a run killed by the timeout is an error that says so', async () => {
    const runner = new ScriptedRunner().answer(ARGV, { stdout: '', exitCode: 1 });
    await assert.rejects(iperfAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER), {
      message: 'iperf3 -c 10.99.0.1 gave no result within 10 s (exit code 1)',
    });
  });

  test('a missing iperf3 says how to install it', async () => {
    const runner = new ScriptedRunner();
    await assert.rejects(
      iperfAction({ iface: 'wg0', runner, files: gatewayFiles() })(PEER),
      /apt install iperf3/,
    );
  });
});
