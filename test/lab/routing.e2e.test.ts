// End to end: both lab gateways configured only through wg-site's own commands, then real TCP
// connections between the LAN hosts show who reaches whom and with which source address (brief §5).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { RoutingOption } from '../../source/domain/site/model.js';
import {
  LAB_ADDR,
  labDown,
  labExec,
  labPingUntil,
  labRouteViaGateway,
  labStaticRoute,
  labUp,
  labWaitFor,
  requireLab,
  type LabSite,
} from './lab.js';
import { LAB_SITE_PATH, LAB_TUNNEL, labSiteFileText } from './site-files.js';
import { labConnect, labPeerServer, type ConnectResult } from './traffic.js';

const CLI = fileURLToPath(new URL('../../source/cli.tsx', import.meta.url));
const TSX = import.meta.resolve('tsx');

type Gateway = 'gwA' | 'gwB';
const gatewayOf = (site: LabSite): Gateway => (site === 'A' ? 'gwA' : 'gwB');

/** Runs `wg-site ARGS` (from source, through tsx) inside GW; returns stdout, fails the test on exit ≠ 0. */
async function wgSite(gw: Gateway, args: string[]): Promise<string> {
  const r = await labExec(gw, [process.execPath, '--import', TSX, CLI, ...args], { timeoutMs: 90_000 });
  assert.equal(r.exitCode, 0, `wg-site ${args.join(' ')} in ${gw} exited ${r.exitCode}:\n${r.stderr}`);
  return r.stdout;
}

async function run(gw: Gateway, argv: string[], input?: string): Promise<string> {
  const r = await labExec(gw, argv, input === undefined ? {} : { input });
  assert.equal(r.exitCode, 0, `${argv.join(' ')} in ${gw} exited ${r.exitCode}:\n${r.stderr}`);
  return r.stdout;
}

const applyYes = (gw: Gateway) => wgSite(gw, ['apply', '--site', LAB_SITE_PATH, '--yes']);
const ruleset = (gw: Gateway) => run(gw, ['nft', 'list', 'ruleset']);

/**
 * What a user does on two fresh gateways: keygen on each, read each public key with pubkey, write
 * each site file with the other's key, apply --yes on both; plus the LAN-side routes the option needs.
 */
async function joinSites(routing: Record<LabSite, RoutingOption>): Promise<void> {
  const keys = { A: '', B: '' };
  for (const site of ['A', 'B'] as const) {
    const created = (await wgSite(gatewayOf(site), ['keygen'])).trim();
    keys[site] = (await wgSite(gatewayOf(site), ['pubkey'])).trim();
    assert.equal(keys[site], created, 'pubkey prints the key keygen created');
  }
  for (const site of ['A', 'B'] as const) {
    const text = labSiteFileText(site, routing[site], keys[site === 'A' ? 'B' : 'A']);
    await run(gatewayOf(site), ['sh', '-c', `umask 077 && cat > ${LAB_SITE_PATH}`], text);
  }
  await applyYes('gwA');
  await applyYes('gwB');
  for (const site of ['A', 'B'] as const) {
    if (routing[site] === 'default-router') await labRouteViaGateway(site);
    if (routing[site] === 'static-route') await labStaticRoute(site);
  }
  assert.ok(await labPingUntil('gwA', LAB_TUNNEL.gwB, true, 20_000), 'gwA reaches gwB through the tunnel');
}

/** Connects FROM → TO's peer server until it works (bounded); returns the last attempt. */
async function connectUntilUp(from: 'hostA' | 'hostB', to: string): Promise<ConnectResult> {
  let last: ConnectResult = { ok: false, error: 'not tried' };
  await labWaitFor(async () => (last = await labConnect(from, to)).ok, { timeoutMs: 15_000 });
  return last;
}

/** Runs ATTEMPT while a peer server listens on host TO; returns its result and the peers TO saw. */
async function withPeerServer(
  to: 'hostA' | 'hostB',
  attempt: () => Promise<ConnectResult>,
): Promise<{ result: ConnectResult; peers: string[] }> {
  const server = await labPeerServer(to);
  const result = await attempt(); // never throws: labConnect reports failures in its result
  return { result, peers: await server.stop() };
}

/** Host FROM opens a TCP connection to host TO; asserts both ends agree it came from SEENAS. */
async function assertConnectsAs(from: 'hostA' | 'hostB', to: 'hostA' | 'hostB', seenAs: string) {
  const { result, peers } = await withPeerServer(to, () => connectUntilUp(from, LAB_ADDR[to]));
  assert.deepEqual(result, { ok: true, seenAs }, `${from} → ${to}`);
  assert.deepEqual(peers, [seenAs], `${to} logged the connection from ${seenAs}`);
}

/** Runs BODY on a freshly built lab and always tears it down. */
async function onFreshLab(t: TestContext, body: () => Promise<void>): Promise<void> {
  if (!requireLab(t)) return;
  await labUp();
  try {
    await body();
  } finally {
    await labDown();
  }
}

test('with wg-site as default router on both sites, each LAN reaches the other with real addresses', (t) =>
  onFreshLab(t, async () => {
    await joinSites({ A: 'default-router', B: 'default-router' });
    await assertConnectsAs('hostA', 'hostB', LAB_ADDR.hostA);
    await assertConnectsAs('hostB', 'hostA', LAB_ADDR.hostB);
  }));

test('with a static route on both routers, each LAN reaches the other with real addresses', (t) =>
  onFreshLab(t, async () => {
    await joinSites({ A: 'static-route', B: 'static-route' });
    await assertConnectsAs('hostA', 'hostB', LAB_ADDR.hostA);
    await assertConnectsAs('hostB', 'hostA', LAB_ADDR.hostB);
  }));

test('with masquerade on site B, A reaches B as gwB, B cannot start toward A, re-apply is a no-op', (t) =>
  onFreshLab(t, async () => {
    await joinSites({ A: 'default-router', B: 'masquerade' });
    await t.test('hostA reaches hostB, which sees gwB’s LAN address as the source', () =>
      assertConnectsAs('hostA', 'hostB', LAB_ADDR.gwBLan),
    );

    await t.test('a connection started by hostB toward hostA fails', async () => {
      const { result, peers } = await withPeerServer('hostA', () => labConnect('hostB', LAB_ADDR.hostA));
      assert.equal(result.ok, false, 'routerB has no route to site A');
      assert.deepEqual(peers, [], 'nothing from site B arrived at hostA');
      assert.ok(await labPingUntil('hostA', LAB_ADDR.hostB, true), 'the A → B direction still works');
    });

    await t.test(
      'applying the same site file again leaves each gateway’s ruleset byte-identical',
      async () => {
        const before = { gwA: await ruleset('gwA'), gwB: await ruleset('gwB') };
        assert.match(before.gwB, /masquerade/, 'gwB has its masquerade rule loaded');
        await applyYes('gwA');
        await applyYes('gwB');
        assert.equal(await ruleset('gwA'), before.gwA);
        assert.equal(await ruleset('gwB'), before.gwB);
        await assertConnectsAs('hostA', 'hostB', LAB_ADDR.gwBLan);
      },
    );
  }));
