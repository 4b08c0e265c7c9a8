import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSiteText } from '../../../source/domain/site/validate.js';
import { pingOnce, wakeAndTell, wakeBudgetFor, type WakeDeps } from '../../../source/system/apply/wake.js';
import { FAR_KEY, ScriptedRunner, siteText } from '../actions/fakes.js';

const ANSWERED = `64 bytes from 10.99.0.1: icmp_seq=1 ttl=64 time=0.912 ms

--- 10.99.0.1 ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms
rtt min/avg/max/mdev = 0.912/0.912/0.912/0.000 ms
`;
const LOST = `--- 10.99.0.1 ping statistics ---
1 packets transmitted, 0 received, 100% packet loss, time 0ms
`;
const PING = 'ping -n -c 1 -W 1 10.99.0.1';
const site = checkSiteText(siteText()).site!;

/** A runner whose pings answer from the Nth on (never when undefined); time moves only by sleep and pings. */
function host(answerFrom: number | undefined, handshake = 0) {
  const runner = new ScriptedRunner();
  let time = 0;
  let pings = 0;
  runner.answer(PING, async () => {
    pings++;
    time += 1000; // an unanswered ping waits its whole second
    const ok = answerFrom !== undefined && pings >= answerFrom;
    return { stdout: ok ? ANSWERED : LOST, stderr: '', exitCode: ok ? 0 : 1 };
  });
  runner.answer('wg show wg0 latest-handshakes', { stdout: `${FAR_KEY}\t${handshake}\n` });
  const deps: WakeDeps = { runner, now: () => time, sleep: async (ms) => void (time += ms) };
  return { runner, deps, pings: () => pings };
}

describe('pingOnce', () => {
  test('an answer carries its round trip; a loss, an error or a failing runner is unanswered', async () => {
    const runner = new ScriptedRunner().answer(PING, { stdout: ANSWERED });
    assert.deepEqual(await pingOnce(runner, '10.99.0.1'), { answered: true, rttMs: 0.912 });
    runner.answer(PING, { stdout: LOST, exitCode: 1 });
    assert.deepEqual(await pingOnce(runner, '10.99.0.1'), { answered: false });
    runner.answer(PING, { stderr: 'ping: connect: Network is unreachable', exitCode: 2 });
    assert.deepEqual(await pingOnce(runner, '10.99.0.1'), { answered: false });
    runner.answer(PING, () => Promise.reject(new Error('spawn ping ENOENT')));
    assert.deepEqual(await pingOnce(runner, '10.99.0.1'), { answered: false });
  });
});

describe('wakeAndTell (wg-site apply after a trial)', () => {
  test('stops at the first answer and says the far side answered', async () => {
    const h = host(2);
    const out: string[] = [];
    const [wake] = await wakeAndTell(h.deps, site, 60, (t) => out.push(t));
    assert.equal(h.pings(), 2);
    assert.equal(wake!.answer.verdict, 'answered');
    assert.match(
      out.join(''),
      /site-b: The far side answered: 1 of 2 pings to 10\.99\.0\.1, last 0\.91 ms\./,
    );
  });

  test('a far gateway that never answers is asked about within the bounded time', async () => {
    const h = host(undefined);
    const out: string[] = [];
    const [wake] = await wakeAndTell(h.deps, site, 60, (t) => out.push(t));
    assert.equal(h.pings(), 5, 'one ping a second for 5 s');
    assert.equal(wake!.answer.verdict, 'silent');
    assert.match(
      out.join(''),
      /site-b: The far gateway has not answered yet .* is it set up\? .*wg-site pair/,
    );
  });

  test('a handshake without answers is told apart', async () => {
    const h = host(undefined, 1700000000);
    const [wake] = await wakeAndTell(h.deps, site, 60, () => undefined);
    assert.equal(wake!.answer.verdict, 'handshake-only');
  });

  test('pings that fail at once are paced a second apart', async () => {
    const h = host(undefined);
    h.runner.answer(PING, { stderr: 'connect: Network is unreachable', exitCode: 2 });
    await wakeAndTell(h.deps, site, 60, () => undefined);
    assert.equal(h.runner.argv.filter((a) => a === PING).length, 5);
  });

  test('a short trial gets at most a quarter of its time for waking', () => {
    assert.deepEqual([3, 8, 20, 60, 600].map(wakeBudgetFor), [750, 2000, 5000, 5000, 5000]);
  });
});
