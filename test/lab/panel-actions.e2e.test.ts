// End to end: both lab gateways configured with wg-site, then the panel's ping, MTU-probe and iperf3
// actions run for real on gwA (their commands go into gwA's namespaces through labRunner).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { FileStore } from '../../source/system/file-store.js';
import { iperfAction } from '../../source/system/actions/iperf3.js';
import { mtuAction } from '../../source/system/actions/mtu.js';
import { pingAction } from '../../source/system/actions/ping.js';
import type { ActionDeps, ActionPeer } from '../../source/system/actions/context.js';
import {
  LAB_ADDR,
  labDown,
  labExec,
  labPingUntil,
  labRouteViaGateway,
  labRunner,
  labUp,
  labWanMtu,
  requireLab,
  type LabNode,
} from './lab.js';
import { LAB_SITE_PATH, LAB_TUNNEL, labSiteFileText } from './site-files.js';

const CLI = fileURLToPath(new URL('../../source/cli.tsx', import.meta.url));
const TSX = import.meta.resolve('tsx');

async function wgSite(gw: 'gwA' | 'gwB', args: string[]): Promise<string> {
  const r = await labExec(gw, [process.execPath, '--import', TSX, CLI, ...args], { timeoutMs: 90_000 });
  assert.equal(r.exitCode, 0, `wg-site ${args.join(' ')} in ${gw} exited ${r.exitCode}:\n${r.stderr}`);
  return r.stdout;
}

/** Reads files inside NODE's mount namespace (the actions only read the stored site file). */
function labFiles(node: LabNode): FileStore {
  const refuse = () => Promise.reject(new Error('the lab file store only reads'));
  return {
    read: async (path) => {
      const r = await labExec(node, ['cat', path]);
      return r.exitCode === 0 ? r.stdout : undefined;
    },
    exists: async (path) => (await labExec(node, ['test', '-e', path])).exitCode === 0,
    writeAtomic: refuse,
    createExclusive: refuse,
    remove: refuse,
    list: async () => [],
    mode: async () => undefined,
    stat: async () => undefined,
  };
}

test('the ping, MTU and iperf3 actions work through a real tunnel between the lab gateways', async (t) => {
  if (!requireLab(t)) return;
  await labUp();
  try {
    const keys = { A: '', B: '' };
    for (const [site, gw] of [
      ['A', 'gwA'],
      ['B', 'gwB'],
    ] as const) {
      await wgSite(gw, ['keygen']);
      keys[site] = (await wgSite(gw, ['pubkey'])).trim();
    }
    for (const [site, gw, far] of [
      ['A', 'gwA', 'B'],
      ['B', 'gwB', 'A'],
    ] as const) {
      const text = labSiteFileText(site, 'default-router', keys[far]);
      const w = await labExec(gw, ['sh', '-c', `umask 077 && cat > ${LAB_SITE_PATH}`], { input: text });
      assert.equal(w.exitCode, 0, w.stderr);
      await wgSite(gw, ['apply', '--site', LAB_SITE_PATH, '--yes']);
    }
    await labRouteViaGateway('A');
    await labRouteViaGateway('B');
    assert.ok(await labPingUntil('gwA', LAB_TUNNEL.gwB, true, 20_000), 'the tunnel is up');

    const deps: ActionDeps = { iface: 'wg0', runner: labRunner('gwA'), files: labFiles('gwA') };
    const peer: ActionPeer = {
      publicKey: keys.B,
      name: 'site-b',
      endpoint: `${LAB_ADDR.gwBWan}:${LAB_TUNNEL.port}`,
      allowedIps: [`${LAB_TUNNEL.gwB}/32`, LAB_ADDR.lanB],
    };

    await t.test('ping from gwA’s LAN address reaches gwB’s tunnel address: 3/3', async () => {
      const result = await pingAction(deps)(peer);
      assert.match(
        result,
        new RegExp(`^ping ${LAB_TUNNEL.gwB} from LAN ${LAB_ADDR.gwALan}: 3/3, avg [\\d.]+ ms$`),
      );
    });

    await t.test('the MTU probe passes at the tunnel MTU on a 1500-byte path', async () => {
      assert.equal(
        await mtuAction(deps)(peer),
        `path MTU 1420 OK (1420-byte packets reach ${LAB_TUNNEL.gwB})`,
      );
    });

    await t.test('on a 1400-byte WAN path it finds what fits and advises tunnel MTU and MSS', async () => {
      await labWanMtu(1400);
      try {
        // WireGuard pads to 16 bytes and adds 60 over IPv4: 1340 → 1344 + 60 = 1404 is dropped,
        // 1320 → 1328 + 60 = 1388 passes; the probe steps by 20, so 1320 is the largest that fits.
        assert.equal(
          await mtuAction(deps)(peer),
          '1420 dropped, 1320 passes: set tunnel.mtu 1320 (MSS 1280)',
        );
      } finally {
        await labWanMtu(1500);
      }
    });

    await t.test('iperf3 without a server says how to start one', async () => {
      assert.equal(
        await iperfAction(deps)(peer),
        `no iperf3 server on ${LAB_TUNNEL.gwB} (run \`iperf3 -s\` on the far side)`,
      );
    });

    await t.test('iperf3 against `iperf3 -s -D` in gwB reports both rates', async () => {
      const s = await labExec('gwB', ['iperf3', '-s', '-D', '-1', '-B', LAB_TUNNEL.gwB]);
      assert.equal(s.exitCode, 0, s.stderr);
      let result = '';
      for (let i = 0; i < 20 && !result.includes('sent'); i++) result = await iperfAction(deps)(peer);
      assert.match(
        result,
        new RegExp(
          `^${LAB_TUNNEL.gwB.replace(/\./g, '\\.')}: sent [\\d.]+ [kMG]bit/s, received [\\d.]+ [kMG]bit/s over 5 s`,
        ),
      );
    });
  } finally {
    await labDown();
  }
});
