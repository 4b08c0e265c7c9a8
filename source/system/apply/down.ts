/** Taking the tunnel down: `wg-quick down` and wg-site's firewall rules removed; files are kept. */
import { pathsFor } from '../../domain/plan/context.js';
import { hasProgram } from '../host-facts.js';
import { interfaceExists } from './backup.js';
import type { ApplyDeps } from './deps.js';
import { RollbackRefused } from './rollback.js';
import { must } from './must.js';
import { nftRemoveArgs } from './steps.js';
import { readTrial } from './trial.js';
import { withInterfaceLock } from './lock.js';

/** What `down` did. */
export interface DownResult {
  wasUp: boolean;
  firewallRemoved: string[];
}

/** Take IFACE down and remove its firewall table/chains, holding its lock. Refused while a trial is pending. */
export async function downInterface(deps: ApplyDeps, iface: string): Promise<DownResult> {
  return withInterfaceLock(deps, iface, () => downLocked(deps, iface));
}

async function downLocked(deps: ApplyDeps, iface: string): Promise<DownResult> {
  const trial = await readTrial(deps, iface);
  if (trial) {
    throw new RollbackRefused(
      `A trial of ${iface} is pending; run \`wg-site confirm\` or \`wg-site rollback\` first.`,
    );
  }
  const wasUp = await interfaceExists(deps, iface);
  if (wasUp) {
    const down = await deps.runner.run('wg-quick', ['down', iface]);
    if (down.exitCode !== 0 && (await interfaceExists(deps, iface))) {
      await must(deps, 'ip', ['link', 'delete', 'dev', iface]);
    }
  }
  const removed: string[] = [];
  if (await hasProgram(deps.runner, 'nft')) {
    await must(deps, 'nft', nftRemoveArgs(iface));
    removed.push('nft');
  }
  const script = pathsFor(iface).iptables;
  if (await deps.files.exists(script)) {
    await must(deps, 'sh', [script, 'down']);
    removed.push('iptables');
  }
  return { wasUp, firewallRemoved: removed };
}
