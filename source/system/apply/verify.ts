/** Checking, with bounded polling, that the gateway now is what the plan says. */
import { peerDifferences, plannedPeers, uncoveredPrefixes } from '../../domain/apply/verify-rules.js';
import { firewallTableName } from '../../domain/plan/context.js';
import type { Plan } from '../../domain/plan/plan.js';
import { parseWgDump } from '../../domain/status/wg-dump.js';
import { interfaceExists, iptablesChain, readSysctl } from './backup.js';
import type { ApplyDeps } from './deps.js';
import { allowedPrefixes, routesVia } from './interface-sync.js';

/** What is still wrong; empty when the gateway matches the plan. */
export async function verifyOnce(deps: ApplyDeps, plan: Plan): Promise<string[]> {
  const iface = plan.site.interface;
  if (!(await interfaceExists(deps, iface))) return [`interface ${iface} does not exist`];
  const problems: string[] = [];
  const dump = await deps.runner.run('wg', ['show', iface, 'dump']);
  if (dump.exitCode !== 0) problems.push(`wg show ${iface} dump failed: ${dump.stderr.trim()}`);
  else {
    try {
      problems.push(...peerDifferences(plannedPeers(plan.site), parseWgDump(dump.stdout).peers));
    } catch (error) {
      problems.push(`cannot read wg show ${iface} dump: ${(error as Error).message}`);
    }
  }
  const routes = (await routesVia(deps, iface)).map((r) => r.cidr);
  for (const prefix of uncoveredPrefixes(allowedPrefixes(plan), routes))
    problems.push(`no route for ${prefix} via ${iface}`);
  const table = firewallTableName(iface);
  if (plan.firewall.backend === 'nft') {
    const listed = await deps.runner.run('nft', ['-j', 'list', 'tables']);
    let count = 0;
    try {
      const items = (
        JSON.parse(listed.stdout) as { nftables?: { table?: { family: string; name: string } }[] }
      ).nftables;
      count = (items ?? []).filter((i) => i.table?.family === 'inet' && i.table.name === table).length;
    } catch {
      count = -1;
    }
    if (count !== 1)
      problems.push(`nft table inet ${table} is present ${count < 0 ? 'unknown' : count} times, not once`);
  } else if ((await deps.runner.run('iptables', ['-w', '-S', iptablesChain(iface)])).exitCode !== 0) {
    problems.push(`iptables chain ${iptablesChain(iface)} is missing`);
  }
  for (const s of plan.sysctl) {
    const value = await readSysctl(deps, s.key);
    if (value !== s.value) problems.push(`${s.key} is ${value ?? 'unreadable'}, not ${s.value}`);
  }
  return problems;
}

/** Poll {@link verifyOnce} until it passes or TIMEOUTMS runs out; returns the last problems. */
export async function verifyApplied(deps: ApplyDeps, plan: Plan, timeoutMs = 10_000): Promise<string[]> {
  const deadline = deps.clock.now() + timeoutMs;
  for (;;) {
    const problems = await verifyOnce(deps, plan);
    if (problems.length === 0 || deps.clock.now() >= deadline) return problems;
    await deps.sleep(200);
  }
}
