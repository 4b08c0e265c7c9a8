import { parseInterfaceName } from '../domain/names.js';
import { lastEffective, listBackups, type Manifest } from '../system/apply/backup.js';
import { systemApplyDeps } from '../system/apply/deps.js';
import { readTrial } from '../system/apply/trial.js';
import { type CommandSpec, interfaceOption, stringValue } from './command.js';

/** What became of the apply a backup was taken for, in words. */
export function backupState(manifest: Manifest, pendingTrial: string | undefined): string {
  if (manifest.id === pendingTrial) return 'trial pending';
  if (!manifest.appliedSteps)
    return manifest.restoredBy === 'failed apply' ? 'failed, undone' : 'interrupted, undone';
  if (!manifest.restoredAt) return 'applied';
  switch (manifest.restoredBy) {
    case 'trial revert':
      return `trial reverted ${manifest.restoredAt}`;
    case 'rollback to an older backup':
      return `undone by a rollback to an older backup ${manifest.restoredAt}`;
    default:
      return `rolled back ${manifest.restoredAt}`;
  }
}

export const backupsCommand: CommandSpec = {
  name: 'backups',
  summary: 'List the backups apply took of this interface, newest first, and which one rollback restores',
  details: [
    'Each backup holds the state before one apply. `wg-site rollback` restores the one marked "next",',
    '`wg-site rollback --to ID` any of them.',
  ],
  options: { ...interfaceOption, json: { type: 'boolean', description: 'print the list as JSON' } },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const deps = systemApplyDeps(io, () => undefined);
    const backups = await listBackups(deps, iface);
    const pending = (await readTrial(deps, iface))?.backupId;
    const last = lastEffective(backups);
    const next = pending ?? (last && !last.restoredAt ? last.id : undefined);
    const rows = backups.map((m) => ({
      id: m.id,
      createdAt: m.createdAt,
      site: m.site,
      state: backupState(m, pending),
      next: m.id === next,
    }));
    if (args.values.json) {
      io.stdout(`${JSON.stringify({ version: 1, interface: iface, backups: rows }, null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      io.stdout(`No backups of ${iface} yet (apply takes one before it changes anything).\n`);
      return 0;
    }
    const idWidth = Math.max(...rows.map((r) => r.id.length));
    const siteWidth = Math.max(4, ...rows.map((r) => r.site.length));
    io.stdout(`  ${'ID'.padEnd(idWidth)}  ${'SITE'.padEnd(siteWidth)}  STATE\n`);
    for (const r of rows)
      io.stdout(`${r.next ? '>' : ' '} ${r.id.padEnd(idWidth)}  ${r.site.padEnd(siteWidth)}  ${r.state}\n`);
    io.stdout(
      next
        ? `\n> is what \`wg-site rollback\` restores next; \`wg-site rollback --to ID\` restores another.\n`
        : `\nThe last apply was already rolled back; \`wg-site rollback --to ID\` restores an older backup.\n`,
    );
    return 0;
  },
};
