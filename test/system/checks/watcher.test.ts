import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWatcher } from '../../../source/system/checks/watcher.js';
import { samplerFor } from '../../../source/system/checks/collect.js';
import { FAR_KEY, siteInput } from '../../domain/checks/facts.js';
import { fakeHost, wgDump } from './fake-host.js';

function ddnsHost() {
  const h = fakeHost();
  const site = siteInput();
  site.peers[0]!.endpoint = 'far.example.net:51820';
  h.files.set('/etc/wg-site/wg0.json', JSON.stringify(site));
  return h;
}

describe('watch engine', () => {
  test('a stale DDNS peer is re-resolved and set to the new address', async () => {
    const h = ddnsHost();
    h.commands.set('wg show wg0 dump', { stdout: wgDump(200), stderr: '', exitCode: 0 });
    h.commands.set(`wg set wg0 peer ${FAR_KEY} endpoint 203.0.113.7:51820`, {
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    const lines: string[] = [];
    const looked: string[] = [];
    const w = createWatcher({
      ...h.io,
      iface: 'wg0',
      sampler: samplerFor(h.io, 'wg0'),
      resolver: { resolve: async (host) => (looked.push(host), ['203.0.113.7']) },
      print: (l) => lines.push(l),
    });
    await w.tick();
    assert.deepEqual(looked, ['far.example.net']);
    assert.ok(h.calls.includes(`wg set wg0 peer ${FAR_KEY} endpoint 203.0.113.7:51820`));
    assert.match(
      lines.join('\n'),
      /far\.example\.net now resolves to 203\.0\.113\.7; endpoint set to 203\.0\.113\.7:51820 \(was 198\.51\.100\.2:51820\)/,
    );
    // within 30 s it is not looked up again
    h.now.value += 5000;
    await w.tick();
    assert.equal(looked.length, 1);
  });

  test('a fresh handshake or an unchanged address sets nothing', async () => {
    for (const [ago, answer] of [
      [20, ['203.0.113.7']],
      [200, ['198.51.100.2']],
    ] as const) {
      const h = ddnsHost();
      h.commands.set('wg show wg0 dump', { stdout: wgDump(ago), stderr: '', exitCode: 0 });
      const w = createWatcher({
        ...h.io,
        iface: 'wg0',
        sampler: samplerFor(h.io, 'wg0'),
        resolver: { resolve: async () => [...answer] },
        print: () => {},
      });
      await w.tick();
      assert.ok(!h.calls.some((c) => c.startsWith('wg set')), `handshake ${ago} s, answer ${answer[0]}`);
    }
  });

  test('transitions are printed with timestamps: first sight, endpoint change, no reply and back', async () => {
    const h = fakeHost();
    const lines: string[] = [];
    const w = createWatcher({
      ...h.io,
      iface: 'wg0',
      sampler: samplerFor(h.io, 'wg0'),
      resolver: { resolve: async () => [] },
      print: (l) => lines.push(l),
    });
    await w.tick();
    h.now.value += 1000;
    h.commands.set('wg show wg0 dump', {
      stdout: wgDump(21, 1000, 2100).replace('198.51.100.2:51820', '198.51.100.9:51820'),
      stderr: '',
      exitCode: 0,
    });
    await w.tick();
    h.now.value += 31_000;
    h.commands.set('wg show wg0 dump', {
      stdout: wgDump(52, 1000, 2600).replace('198.51.100.2:51820', '198.51.100.9:51820'),
      stderr: '',
      exitCode: 0,
    });
    await w.tick();
    h.now.value += 1000;
    h.commands.set('wg show wg0 dump', {
      stdout: wgDump(1, 1100, 2700).replace('198.51.100.2:51820', '198.51.100.9:51820'),
      stderr: '',
      exitCode: 0,
    });
    await w.tick();
    assert.deepEqual(
      lines.map((l) => l.replace(/^\S+ /, '')),
      [
        'wg0 peer site-b up, endpoint 198.51.100.2:51820',
        'wg0 peer site-b endpoint 198.51.100.2:51820 -> 198.51.100.9:51820',
        'wg0 peer site-b no reply for 32 s',
        'wg0 peer site-b replies again',
      ],
    );
    assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
  });
});
