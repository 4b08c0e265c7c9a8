import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAction } from '../../../source/system/actions/resolve.js';
import type { Resolver } from '../../../source/system/checks/watcher.js';
import { FAR_KEY, gatewayFiles, PEER, ScriptedRunner, siteText } from './fakes.js';

const ddns = () => gatewayFiles(siteText({ endpoint: 'beta.example.net:51820' }));
const answering = (...addresses: string[]): Resolver & { asked: string[] } => {
  const asked: string[] = [];
  return { asked, resolve: async (host) => (asked.push(host), addresses) };
};

describe('re-resolve action', () => {
  test('an unchanged address sets nothing', async () => {
    const runner = new ScriptedRunner();
    const resolver = answering('198.51.100.2');
    const result = await resolveAction({ iface: 'wg0', runner, files: ddns(), resolver })(PEER);
    assert.equal(result, 'beta.example.net → 198.51.100.2 (unchanged)');
    assert.deepEqual(resolver.asked, ['beta.example.net']);
    assert.deepEqual(runner.calls, []);
  });

  test('a new address is set with wg set, whatever the handshake age', async () => {
    const set = `wg set wg0 peer ${FAR_KEY} endpoint 203.0.113.5:51820`;
    const runner = new ScriptedRunner().answer(set, {});
    const resolver = answering('203.0.113.5');
    const result = await resolveAction({ iface: 'wg0', runner, files: ddns(), resolver })(PEER);
    assert.equal(
      result,
      'beta.example.net → 203.0.113.5: endpoint set to 203.0.113.5:51820 (was 198.51.100.2:51820)',
    );
    assert.deepEqual(runner.calls, [{ argv: set, timeoutMs: 5000 }]);
  });

  test('a failing wg set is an error', async () => {
    const runner = new ScriptedRunner().answer(`wg set wg0 peer ${FAR_KEY} endpoint [2001:db8::5]:51820`, {
      exitCode: 1,
      stderr: 'Operation not permitted',
    });
    const resolver = answering('2001:db8::5');
    await assert.rejects(
      resolveAction({ iface: 'wg0', runner, files: ddns(), resolver })(PEER),
      /\[2001:db8::5\]:51820 failed: Operation not permitted/,
    );
  });

  test('a lookup that does not answer is given up after the bound', async () => {
    const runner = new ScriptedRunner();
    const resolver: Resolver = { resolve: () => new Promise(() => {}) };
    const result = await resolveAction({
      iface: 'wg0',
      runner,
      files: ddns(),
      resolver,
      lookupTimeoutMs: 20,
    })(PEER);
    assert.equal(
      result,
      'cannot resolve beta.example.net: looking up beta.example.net took longer than 0.02 s',
    );
    assert.deepEqual(runner.calls, []);
  });

  const nothing: [string, ReturnType<typeof gatewayFiles>, string][] = [
    [
      'an address endpoint',
      gatewayFiles(),
      'endpoint 198.51.100.2:51820 is an address, not a name: nothing to resolve',
    ],
    [
      'no endpoint',
      gatewayFiles(siteText({ endpoint: null })),
      'no endpoint in the site file: the far side dials in, nothing to resolve',
    ],
    [
      'no site file',
      gatewayFiles(null),
      'no valid site file wg0.json in /etc/wg-site: the configured endpoint is unknown',
    ],
  ];
  for (const [what, files, expected] of nothing) {
    test(`with ${what} there is nothing to look up`, async () => {
      const resolver = answering('203.0.113.5');
      assert.equal(
        await resolveAction({ iface: 'wg0', runner: new ScriptedRunner(), files, resolver })(PEER),
        expected,
      );
      assert.deepEqual(resolver.asked, []);
    });
  }
});
