import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostFacts } from '../../../source/domain/plan/context.js';
import { applySite } from '../../../source/system/apply/apply-site.js';
import { alphaGateway, alphaPlan } from './fakes.js';

function setup() {
  const { gateway, ...fake } = alphaGateway();
  const detected: (string | undefined)[] = [];
  const detect = async (lan: string | undefined): Promise<HostFacts> => {
    detected.push(lan);
    return { firewallBackend: 'nft', uplinkMtu: 1500, uplinkInterface: 'eth1' };
  };
  return { gateway, ...fake, detect, detected, text: alphaPlan().text };
}

describe('applySite, the one way to apply a site to this host', () => {
  test('applies under the lock with facts detected at apply time, then lets go of the lock', async () => {
    const s = setup();
    const outcome = await applySite(
      { ...s.deps, detect: s.detect },
      {
        interface: 'wg0',
        siteText: s.text,
        trialSeconds: 60,
        prepare: async () => {
          const inside = await s.deps.locks.acquire('wg0', 'intruder', 0);
          assert.ok('busy' in inside, 'prepare runs while the lock is held');
        },
      },
    );
    assert.equal(outcome.status, 'applied', outcome.status === 'applied' ? '' : JSON.stringify(outcome));
    assert.equal(s.detected.length, 1, 'facts detected once, for this apply');
    assert.equal(
      readFileSync(join(s.root, 'etc/wg-site/wg0.json'), 'utf8'),
      s.text,
      'the text it was given is stored',
    );
    const again = await s.deps.locks.acquire('wg0', 'next', 0);
    assert.ok('held' in again, 'the lock was released');
  });

  test('prepare runs under umask 077 and the umask is put back afterwards', async () => {
    const s = setup();
    const before = process.umask();
    let during: number | undefined;
    await applySite(
      { ...s.deps, detect: s.detect },
      {
        interface: 'wg0',
        siteText: s.text,
        trialSeconds: undefined,
        prepare: async () => {
          during = process.umask();
        },
      },
    );
    assert.equal(during, 0o077);
    assert.equal(process.umask(), before);
  });

  test('a held lock gives "busy" (exit 1) naming the holder, and nothing runs', async () => {
    const s = setup();
    const other = await s.deps.locks.acquire('wg0', 'wg-site rollback', 0);
    assert.ok('held' in other);
    let prepared = false;
    const outcome = await applySite(
      { ...s.deps, detect: s.detect },
      {
        interface: 'wg0',
        siteText: s.text,
        trialSeconds: 60,
        prepare: async () => void (prepared = true),
      },
    );
    assert.equal(outcome.status, 'busy');
    assert.equal(outcome.exitCode, 1);
    assert.match(outcome.status === 'busy' ? outcome.message : '', /pid 4242, `wg-site rollback`/);
    assert.equal(prepared, false);
    assert.deepEqual(s.gateway.calls, []);
  });

  test('a bad site file is "invalid" (exit 2) with every problem and its field, and changes nothing', async () => {
    const s = setup();
    const raw = JSON.parse(s.text) as { tunnel: { listenPort: number }; name: string };
    raw.tunnel.listenPort = 70000;
    raw.name = 'bad name';
    const outcome = await applySite(
      { ...s.deps, detect: s.detect },
      {
        interface: 'wg0',
        siteText: JSON.stringify(raw),
        trialSeconds: 60,
      },
    );
    assert.equal(outcome.status, 'invalid');
    assert.equal(outcome.exitCode, 2);
    const fields = outcome.status === 'invalid' ? outcome.problems.map((p) => p.field) : [];
    assert.ok(fields.includes('tunnel.listenPort') && fields.includes('name'), fields.join(', '));
    assert.equal(s.gateway.calls.filter((c) => !c.startsWith('sh -c')).length, 0);
  });

  test('a pending trial refuses a second apply (exit 2) without touching anything', async () => {
    const s = setup();
    const first = await applySite(
      { ...s.deps, detect: s.detect },
      { interface: 'wg0', siteText: s.text, trialSeconds: 60 },
    );
    assert.equal(first.status, 'applied');
    const calls = s.gateway.calls.length;
    const second = await applySite(
      { ...s.deps, detect: s.detect },
      { interface: 'wg0', siteText: s.text, trialSeconds: 60 },
    );
    assert.equal(second.status, 'refused');
    assert.match(second.status === 'refused' ? second.problems[0]!.message : '', /A trial of wg0 is pending/);
    assert.ok(
      s.gateway.calls.slice(calls).every((c) => !/^(wg-quick|nft -f|sysctl -w|wg syncconf)/.test(c)),
      'nothing changed',
    );
  });
});
