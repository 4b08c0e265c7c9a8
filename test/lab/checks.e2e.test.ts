// Lab test of `wg-site check`: configure both gateways with keygen + apply, then inject each fault,
// see its check fail (exit 1), repair it, and see the check pass again (exit 0).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { CheckResult } from '../../source/domain/checks/types.js';
import {
  labCut,
  labDown,
  labExec,
  labRestore,
  labUp,
  labWaitFor,
  labWanMtu,
  requireLab,
  type LabNode,
} from './lab.js';
import { LAB_SITE_PATH, labSiteFile } from './site-files.js';

const CLI = fileURLToPath(new URL('../../source/cli.tsx', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function wgSite(node: LabNode, args: string[]) {
  return labExec(node, ['node', '--import', 'tsx', CLI, ...args], { timeoutMs: 60_000 });
}

async function sh(node: LabNode, script: string, input?: string): Promise<void> {
  const r = await labExec(node, ['sh', '-c', script], input === undefined ? {} : { input });
  assert.equal(r.exitCode, 0, `${node}: ${script}: ${r.stderr}`);
}

async function check(extra: string[] = []): Promise<{ code: number; byId: Map<string, CheckResult> }> {
  const r = await wgSite('gwA', ['check', '--json', ...extra]);
  const list = JSON.parse(r.stdout) as CheckResult[];
  return { code: r.exitCode, byId: new Map(list.map((c) => [c.id, c])) };
}

/** Polls `wg-site check` until check ID has STATUS (and the exit code matches); returns the last run. */
async function until(id: string, status: CheckResult['status'], timeoutMs = 30_000, extra: string[] = []) {
  let last: Awaited<ReturnType<typeof check>> | undefined;
  const ok = await labWaitFor(
    async () => {
      last = await check(extra);
      return last.byId.get(id)?.status === status && last.code === (status === 'fail' ? 1 : last.code);
    },
    { timeoutMs, intervalMs: 500 },
  );
  assert.ok(ok, `${id} did not become ${status}: ${JSON.stringify(last?.byId.get(id))}`);
  return last!;
}

async function configure(): Promise<void> {
  const keys: Record<string, string> = {};
  for (const gw of ['gwA', 'gwB'] as const) {
    const r = await wgSite(gw, ['keygen']);
    assert.equal(r.exitCode, 0, r.stderr);
    keys[gw] = r.stdout.trim();
  }
  for (const [gw, site, far] of [
    ['gwA', 'A', 'gwB'],
    ['gwB', 'B', 'gwA'],
  ] as const) {
    const file = labSiteFile(site, 'masquerade', keys[far]!);
    for (const p of file.peers) (p as { persistentKeepalive?: number }).persistentKeepalive = 25;
    await sh(gw, `cat > ${LAB_SITE_PATH}`, JSON.stringify(file));
    const r = await wgSite(gw, ['apply', '--site', LAB_SITE_PATH, '--yes']);
    assert.equal(r.exitCode, 0, `apply on ${gw}: ${r.stderr}${r.stdout}`);
  }
}

test(
  'each injected fault fails its check and the repair makes it pass again',
  { timeout: 600_000 },
  async (t) => {
    if (!requireLab(t)) return;
    process.chdir(ROOT);
    await labUp();
    try {
      await configure();
      const healthy = await until('handshake:site-b', 'pass');
      assert.equal(
        healthy.code,
        0,
        JSON.stringify([...healthy.byId.values()].filter((c) => c.status === 'fail')),
      );

      const faults: [string, string, string, string][] = [
        ['forwarding', 'sysctl -qw net.ipv4.ip_forward=0', 'sysctl -qw net.ipv4.ip_forward=1', 'forwarding'],
        [
          'our table deleted',
          'nft delete table inet wg_site_wg0',
          'nft -f /etc/wireguard/wg0.nft',
          'firewall-table',
        ],
        [
          'a foreign FORWARD drop',
          "nft add table inet evil && nft 'add chain inet evil fw { type filter hook forward priority 0; policy drop; }'",
          'nft delete table inet evil',
          'firewall-foreign',
        ],
        [
          'masquerade removed',
          'nft delete chain inet wg_site_wg0 postrouting',
          'nft -f /etc/wireguard/wg0.nft',
          'masquerade',
        ],
      ];
      for (const [name, inject, repair, id] of faults) {
        await t.test(name, async () => {
          await sh('gwA', inject);
          const bad = await check();
          assert.equal(bad.byId.get(id)?.status, 'fail', JSON.stringify(bad.byId.get(id)));
          assert.equal(bad.code, 1);
          assert.ok(bad.byId.get(id)?.fix, 'a failing check names its fix');
          await sh('gwA', repair);
          const good = await check();
          assert.equal(good.byId.get(id)?.status, 'pass', JSON.stringify(good.byId.get(id)));
          assert.equal(good.code, 0);
        });
      }

      await t.test('far gateway cut off: "no reply" within ~40 s, before the handshake expires', async () => {
        await check(); // fresh counter evidence
        const cutAt = Date.now();
        await labCut('gwB');
        try {
          const r = await until('reply:site-b', 'fail', 45_000);
          assert.match(r.byId.get('reply:site-b')!.reason, /^no reply for \d+ s/);
          assert.equal(
            r.byId.get('handshake:site-b')?.status,
            'pass',
            'the handshake alone would not tell yet',
          );
          assert.ok(Date.now() - cutAt < 45_000);
        } finally {
          await labRestore('gwB');
        }
        const back = await until('reply:site-b', 'pass', 60_000);
        assert.equal(back.code, 0);
      });

      await t.test('WAN MTU lowered: the path-MTU probe fails and names a size that fits', async () => {
        await labWanMtu(1300);
        try {
          const r = await check(['--mtu']);
          const mtu = r.byId.get('mtu:site-b');
          assert.equal(mtu?.status, 'fail', JSON.stringify(mtu));
          assert.match(mtu!.fix ?? '', /^ip link set dev wg0 mtu 12\d0/);
          assert.equal(r.code, 1);
        } finally {
          await labWanMtu(1500);
        }
        const ok = await check(['--mtu']);
        assert.equal(ok.byId.get('mtu:site-b')?.status, 'pass');
        assert.equal(ok.code, 0);
      });
    } finally {
      await labDown();
    }
  },
);
