/**
 * The steps of an apply and their undo. Each undo restores from the backup manifest alone (no plan
 * needed), is safe to run when its step never ran, and keeps going past errors so that one failing
 * command cannot leave the rest half-restored.
 */
import { firewallTableName } from '../../domain/plan/context.js';
import type { Plan } from '../../domain/plan/plan.js';
import { filesToWrite, interfaceExists, NFT_PREVIOUS, type Manifest, type StepName } from './backup.js';
import type { ApplyDeps } from './deps.js';
import { removeStaleSyncFiles, syncRunningInterface } from './interface-sync.js';
import { must } from './must.js';
import { backupDir } from './paths.js';

/** The nft command that removes wg-site's table, as argv. */
export function nftRemoveArgs(iface: string): string[] {
  const table = firewallTableName(iface);
  return [`add table inet ${table}; delete table inet ${table}`];
}

/** Run one apply step for PLAN. */
export async function runStep(
  deps: ApplyDeps,
  step: StepName,
  plan: Plan,
  siteText: string,
  manifest: Manifest,
): Promise<void> {
  const iface = plan.site.interface;
  switch (step) {
    case 'files':
      for (const file of filesToWrite(plan, siteText))
        await deps.files.writeAtomic(file.path, file.content, file.mode);
      return;
    case 'sysctl':
      for (const s of plan.sysctl) await must(deps, 'sysctl', ['-w', `${s.key}=${s.value}`]);
      return;
    case 'firewall':
      if (plan.firewall.backend === 'nft')
        await must(deps, 'nft', ['-f', plan.files.find((f) => f.path.endsWith('.nft'))!.path]);
      else await must(deps, 'sh', [plan.files.find((f) => f.path.endsWith('.iptables.sh'))!.path, 'up']);
      return;
    case 'interface':
      await removeStaleSyncFiles(deps);
      if (manifest.interfaceWasUp && (await interfaceExists(deps, iface)))
        await syncRunningInterface(deps, plan);
      else await must(deps, 'wg-quick', ['up', iface]);
      return;
    case 'systemd':
      if (manifest.systemd) await must(deps, 'systemctl', ['enable', manifest.systemd.unit]);
      return;
  }
}

async function attempt(deps: ApplyDeps, problems: string[], file: string, args: string[]): Promise<void> {
  const result = await deps.runner.run(file, args);
  if (result.exitCode !== 0) {
    problems.push(`${[file, ...args].join(' ')}: ${result.stderr.trim() || `exit ${result.exitCode}`}`);
  }
}

async function undoOne(deps: ApplyDeps, step: StepName, m: Manifest, problems: string[]): Promise<void> {
  const iface = m.interface;
  switch (step) {
    case 'systemd':
      if (m.systemd && !m.systemd.enabledBefore)
        await attempt(deps, problems, 'systemctl', ['disable', m.systemd.unit]);
      return;
    case 'interface':
      if (await interfaceExists(deps, iface)) {
        const down = await deps.runner.run('wg-quick', ['down', iface]);
        if (down.exitCode !== 0 && (await interfaceExists(deps, iface))) {
          await attempt(deps, problems, 'ip', ['link', 'delete', 'dev', iface]);
        }
      }
      return;
    case 'firewall':
      if (m.firewall.backend === 'nft') {
        if (m.firewall.previousTable)
          await attempt(deps, problems, 'nft', ['-f', `${backupDir(m.id)}/${NFT_PREVIOUS}`]);
        else await attempt(deps, problems, 'nft', nftRemoveArgs(iface));
      } else if (await deps.files.exists(m.firewall.script)) {
        await attempt(deps, problems, 'sh', [m.firewall.script, 'down']);
      }
      return;
    case 'sysctl':
      for (const s of m.sysctl) {
        if (s.previous !== undefined)
          await attempt(deps, problems, 'sysctl', ['-w', `${s.key}=${s.previous}`]);
      }
      return;
    case 'files':
      for (const f of m.files) {
        try {
          if (!f.existed) await deps.files.remove(f.path);
          else {
            const content = await deps.files.read(`${backupDir(m.id)}/${f.copy}`);
            if (content === undefined) throw new Error(`the backup copy ${f.copy} is missing`);
            await deps.files.writeAtomic(f.path, content, f.mode ?? 0o600);
          }
        } catch (error) {
          problems.push(`restoring ${f.path}: ${(error as Error).message}`);
        }
      }
      return;
  }
}

/**
 * Undo STEPS (those that ran or may have run) in reverse order, then bring back what the old state
 * had running: the iptables chains of the old script, and the interface with its restored config.
 * Returns the problems met (empty when everything was restored).
 */
export async function undoSteps(deps: ApplyDeps, m: Manifest, steps: readonly StepName[]): Promise<string[]> {
  const problems: string[] = [];
  for (const step of [...steps].reverse()) {
    deps.log(`  undo ${step}\n`);
    await undoOne(deps, step, m, problems);
  }
  const touched = (s: StepName) => steps.includes(s);
  if (m.firewall.backend === 'iptables' && m.firewall.chainExisted && touched('firewall')) {
    if (await deps.files.exists(m.firewall.script))
      await attempt(deps, problems, 'sh', [m.firewall.script, 'up']);
  }
  if (m.interfaceWasUp && touched('interface') && !(await interfaceExists(deps, m.interface))) {
    deps.log(`  bring ${m.interface} back up with its previous configuration\n`);
    await attempt(deps, problems, 'wg-quick', ['up', m.interface]);
  }
  return problems;
}
