import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addProbe,
  judgeFarSide,
  NO_PROBES,
  SILENT_AFTER_PINGS,
  type FarVerdict,
  type ProbeReply,
} from '../../../source/domain/apply/far-answer.js';

const tally = (...replies: ProbeReply[]) => replies.reduce(addProbe, NO_PROBES);
const no: ProbeReply = { answered: false };
const yes: ProbeReply = { answered: true, rttMs: 0.804 };
const hints = { pairing: 'paste this code: wgsite1.x' };

describe('judgeFarSide', () => {
  const silent = Array.from({ length: SILENT_AFTER_PINGS }, () => no);
  const cases: Array<[string, ProbeReply[], boolean, boolean, FarVerdict, RegExp]> = [
    ['nothing sent yet', [], false, false, 'waking', /^Pinging 10\.9\.0\.1 to wake the tunnel…$/],
    ['one unanswered ping', [no], false, false, 'waking', /no answer yet \(1 sent\)/],
    [
      'an answer after two misses',
      [no, no, yes],
      false,
      false,
      'answered',
      /answered: 1 of 3 pings to 10\.9\.0\.1, last 0\.8 ms\.$/,
    ],
    ['an answer wins over no handshake', [yes], false, true, 'answered', /1 of 1 ping to/],
    [
      'a handshake but no answers',
      [no, no],
      true,
      false,
      'handshake-only',
      /handshook, but 10\.9\.0\.1 has not answered 2 pings/,
    ],
    [
      'enough misses, no handshake',
      silent,
      false,
      false,
      'silent',
      /has not answered yet \(0 of 5 pings to 10\.9\.0\.1, no handshake\) — is it set up\? To set it up, paste this code: wgsite1\.x$/,
    ],
    ['the last of a few misses', [no], false, true, 'silent', /0 of 1 ping to .* is it set up\?/],
  ];
  for (const [what, replies, handshake, final, verdict, text] of cases) {
    test(`${what}: ${verdict}`, () => {
      const answer = judgeFarSide('10.9.0.1', tally(...replies), handshake, hints, { final });
      assert.equal(answer.verdict, verdict);
      assert.match(answer.text, text);
    });
  }

  test('the tally counts answers and keeps the last round trip', () => {
    assert.deepEqual(tally(yes, no, { answered: true, rttMs: 3 }, no), {
      sent: 4,
      answered: 2,
      lastRttMs: 3,
    });
  });
});
