/**
 * The backup apply takes before it changes anything: every file it will replace (with its mode), the
 * previous sysctl values, whether the interface was up, the previous content of wg-site's firewall
 * table, and whether systemd had the unit enabled. Kept in /var/lib/wg-site/backups/<id>/.
 */
import { firewallTableName, iptablesChainName } from '../../domain/plan/context.js';
import type { Plan } from '../../domain/plan/plan.js';
import type { ApplyDeps } from './deps.js';
import { BACKUP_ROOT, backupDir, backupId } from './paths.js';

/** The steps of an apply, in the order they run. */
export type StepName = 'files' | 'sysctl' | 'firewall' | 'interface' | 'systemd';

/** One file apply writes, and what was there before. */
export interface BackedUpFile {
  path: string;
  existed: boolean;
  /** Permission bits before, when it existed. */
  mode?: number;
  /** Name of the copy inside the backup directory, when it existed. */
  copy?: string;
  /** Mode apply writes it with. */
  newMode: number;
}

/** manifest.json of one backup. */
export interface Manifest {
  version: 1;
  id: string;
  interface: string;
  site: string;
  createdAt: string;
  files: BackedUpFile[];
  sysctl: { key: string; previous: string | undefined }[];
  interfaceWasUp: boolean;
  firewall:
    | { backend: 'nft'; table: string; previousTable: boolean }
    | { backend: 'iptables'; table: string; script: string; chainExisted: boolean };
  /** Present where systemd runs. */
  systemd?: { unit: string; enabledBefore: boolean };
  /** Set when the apply finished: the steps that ran (what a rollback undoes). */
  appliedSteps?: StepName[];
  /** Set once this backup has been restored. */
  restoredAt?: string;
  /** What restored it; an apply restored by a trial revert or its own failure never took effect. */
  restoredBy?: RestoredBy;
}

/** What restored a backup. */
export type RestoredBy =
  'trial revert' | 'rollback' | 'failed apply' | 'interrupted apply' | 'rollback to an older backup';

/** File (inside the backup directory) holding the previous nft table as a loadable replacement. */
export const NFT_PREVIOUS = 'nft-previous.nft';

/** The steps an apply runs for MANIFEST's host, in order. */
export function stepsFor(manifest: Pick<Manifest, 'systemd'>): StepName[] {
  const steps: StepName[] = ['files', 'sysctl', 'firewall', 'interface'];
  if (manifest.systemd) steps.push('systemd');
  return steps;
}

/** The iptables chain whose presence means wg-site's iptables rules are loaded. */
export function iptablesChain(iface: string): string {
  return iptablesChainName(iface, 'FWD');
}

/** True where systemd is the running init. */
export async function systemdRuns(deps: ApplyDeps): Promise<boolean> {
  return deps.files.exists('/run/systemd/system');
}

/** Current value of a sysctl key, or undefined when the kernel lacks it. */
export async function readSysctl(deps: ApplyDeps, key: string): Promise<string | undefined> {
  const r = await deps.runner.run('sysctl', ['-n', key]);
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** True when the interface exists. */
export async function interfaceExists(deps: ApplyDeps, iface: string): Promise<boolean> {
  return (await deps.runner.run('ip', ['-j', 'link', 'show', 'dev', iface])).exitCode === 0;
}

/** Files apply writes for a plan: the planned ones, plus the copy of the site file. */
export function filesToWrite(
  plan: Plan,
  siteText: string,
): { path: string; content: string; mode: number }[] {
  return [
    ...plan.files.map((f) => ({ path: f.path, content: f.content, mode: f.mode })),
    { path: `/etc/wg-site/${plan.site.interface}.json`, content: siteText, mode: 0o600 },
  ];
}

/** Take the backup for applying PLAN and write its manifest; returns the manifest. */
export async function createBackup(deps: ApplyDeps, plan: Plan, siteText: string): Promise<Manifest> {
  const iface = plan.site.interface;
  const id = backupId(deps.clock.now(), iface);
  const dir = backupDir(id);
  const files: BackedUpFile[] = [];
  for (const [index, file] of filesToWrite(plan, siteText).entries()) {
    const content = await deps.files.read(file.path);
    if (content === undefined) {
      files.push({ path: file.path, existed: false, newMode: file.mode });
      continue;
    }
    const mode = (await deps.files.mode(file.path)) ?? 0o600;
    const copy = `files/${index}`;
    await deps.files.writeAtomic(`${dir}/${copy}`, content, 0o600);
    files.push({ path: file.path, existed: true, mode, copy, newMode: file.mode });
  }
  const sysctl = [];
  for (const s of plan.sysctl) sysctl.push({ key: s.key, previous: await readSysctl(deps, s.key) });
  const table = firewallTableName(iface);
  let firewall: Manifest['firewall'];
  if (plan.firewall.backend === 'nft') {
    const listed = await deps.runner.run('nft', ['list', 'table', 'inet', table]);
    const previousTable = listed.exitCode === 0;
    if (previousTable) {
      const replacement = `table inet ${table}\ndelete table inet ${table}\n${listed.stdout}`;
      await deps.files.writeAtomic(`${dir}/${NFT_PREVIOUS}`, replacement, 0o600);
    }
    firewall = { backend: 'nft', table, previousTable };
  } else {
    const listed = await deps.runner.run('iptables', ['-w', '-S', iptablesChain(iface)]);
    const script = plan.files.find((f) => f.path.endsWith('.iptables.sh'))?.path ?? '';
    firewall = { backend: 'iptables', table, script, chainExisted: listed.exitCode === 0 };
  }
  const manifest: Manifest = {
    version: 1,
    id,
    interface: iface,
    site: plan.site.name,
    createdAt: new Date(deps.clock.now()).toISOString(),
    files,
    sysctl,
    interfaceWasUp: await interfaceExists(deps, iface),
    firewall,
  };
  if (await systemdRuns(deps)) {
    const unit = `wg-quick@${iface}`;
    const enabled = await deps.runner.run('systemctl', ['is-enabled', unit]);
    manifest.systemd = { unit, enabledBefore: enabled.stdout.trim() === 'enabled' };
  }
  await writeManifest(deps, manifest);
  return manifest;
}

/** Write (or rewrite) a backup's manifest. */
export async function writeManifest(deps: ApplyDeps, manifest: Manifest): Promise<void> {
  await deps.files.writeAtomic(
    `${backupDir(manifest.id)}/manifest.json`,
    `${JSON.stringify(manifest, null, 2)}\n`,
    0o600,
  );
}

/** Read a backup's manifest, or undefined when there is none. */
export async function readManifest(deps: ApplyDeps, id: string): Promise<Manifest | undefined> {
  const text = await deps.files.read(`${backupDir(id)}/manifest.json`);
  return text === undefined ? undefined : (JSON.parse(text) as Manifest);
}

/** Every backup of IFACE, newest first. */
export async function listBackups(deps: ApplyDeps, iface: string): Promise<Manifest[]> {
  const ids = (await deps.files.list(BACKUP_ROOT))
    .filter((name) => name.endsWith(`-${iface}`))
    .sort()
    .reverse();
  const manifests: Manifest[] = [];
  for (const id of ids) {
    const manifest = await readManifest(deps, id).catch(() => undefined);
    if (manifest?.interface === iface) manifests.push(manifest);
  }
  return manifests;
}

/** True when the apply this backup was taken for took effect (finished, not reverted or failed). */
export function tookEffect(manifest: Manifest): boolean {
  return (
    manifest.appliedSteps !== undefined &&
    manifest.restoredBy !== 'trial revert' &&
    manifest.restoredBy !== 'failed apply' &&
    manifest.restoredBy !== 'interrupted apply'
  );
}

/** The backup of the newest apply that took effect: what a plain `rollback` restores. */
export function lastEffective(manifests: readonly Manifest[]): Manifest | undefined {
  return manifests.find(tookEffect);
}
