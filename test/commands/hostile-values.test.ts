/**
 * Issue 8 §1 at the command line, for a few representative hostile values (the full sweep is
 * test/domain/site/hostile-values.test.ts): `wg-site plan` exits 2 naming the field, prints the
 * value escaped on one line, and writes nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { main } from '../../source/commands/main.js';
import { fakeIo, fakeRunner, MemoryFiles } from './fake-io.js';

const alpha = JSON.parse(
  readFileSync(new URL('../fixtures/sites/alpha-default-router.json', import.meta.url), 'utf8'),
) as { interface: string; peers: Record<string, unknown>[] };

const cases: Array<{ title: string; edit: (s: typeof alpha) => void; field: string }> = [
  {
    title: 'a preshared key path with ;touch${IFS}',
    edit: (s) => (s.peers[0]!.presharedKeyFile = '/etc/wg-site/x.psk;touch${IFS}/root/owned'),
    field: 'peers[0].presharedKeyFile',
  },
  {
    title: 'a preshared key path with $(…)',
    edit: (s) => (s.peers[0]!.presharedKeyFile = '/etc/wireguard/$(touch /root/owned).psk'),
    field: 'peers[0].presharedKeyFile',
  },
  {
    title: 'an interface name starting with -',
    edit: (s) => (s.interface = '-wg0'),
    field: 'interface',
  },
  {
    title: 'a peer name with a line break and a config line',
    edit: (s) => (s.peers[0]!.name = 'beta\nPostUp = touch /root/owned'),
    field: 'peers[0].name',
  },
  {
    title: 'an endpoint with a terminal escape',
    edit: (s) => (s.peers[0]!.endpoint = 'beta.example.net\u001b[2J:51820'),
    field: 'peers[0].endpoint',
  },
];

describe('wg-site plan refuses hostile values with exit 2 naming the field', () => {
  for (const c of cases) {
    test(`${c.title} exits 2 and names ${c.field}`, async () => {
      const site = structuredClone(alpha);
      c.edit(site);
      const files = new MemoryFiles({ '/site.json': JSON.stringify(site) });
      const io = fakeIo({ files, runner: fakeRunner() });
      const code = await main(['plan', '--site', '/site.json', '--out', '/out'], io);
      assert.equal(code, 2, io.stderrText());
      assert.match(io.stderrText(), new RegExp(`^wg-site plan: ${c.field.replace(/[[\].]/g, '\\$&')}`, 'm'));
      assert.equal(
        [...io.stderrText()].some((ch) => ch < ' ' && ch !== '\n'),
        false,
        'no control characters',
      );
      assert.deepEqual([...files.files.keys()], ['/site.json'], 'nothing written');
    });
  }

  test('--interface=-wg0 exits 2 naming --interface', async () => {
    const io = fakeIo();
    assert.equal(await main(['down', '--interface=-wg0'], io), 2);
    assert.match(io.stderrText(), /--interface.*starts with "-"/);
  });
});
