import { parseInterfaceName } from '../domain/names.js';
import { systemApplyDeps } from '../system/apply/deps.js';
import { describeBackup, RollbackRefused, rollbackInterface, watchTrial } from '../system/apply/rollback.js';
import { type CommandSpec, interfaceOption, optionalString, stringValue, UsageError } from './command.js';

export const rollbackCommand: CommandSpec = {
  name: 'rollback',
  summary: 'Undo the last apply (or the pending trial, or an interrupted apply) from its backup',
  details: [
    'Restores the files byte for byte, the sysctl values, the firewall table and the interface state',
    'recorded in the backup (under /var/lib/wg-site/backups/) of the last apply that took effect, and',
    'says which. A second rollback is refused: list the backups with `wg-site backups` and pick one with',
    '--to ID. --trial is what the trial watchdog runs: it waits for the deadline and reverts unless confirmed.',
  ],
  options: {
    ...interfaceOption,
    trial: { type: 'boolean', description: 'act as the watchdog of a trial (used by apply)' },
    backup: { type: 'string', valueName: 'ID', description: 'with --trial: the backup id of the trial' },
    to: { type: 'string', valueName: 'ID', description: 'restore this backup (ids: wg-site backups)' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const json = Boolean(args.values.json);
    const deps = systemApplyDeps(io, (text) => (json ? io.stderr(text) : io.stdout(text)));
    if (args.values.trial) {
      const backup = optionalString(args, 'backup');
      if (!backup) throw new UsageError('--trial needs --backup ID');
      const outcome = await watchTrial(deps, iface, backup);
      io.stdout(
        json
          ? `${JSON.stringify({ interface: iface, backup, outcome })}\n`
          : `Trial ${backup}: ${outcome}.\n`,
      );
      return 0;
    }
    try {
      const to = optionalString(args, 'to');
      const result = await rollbackInterface(deps, iface, to === undefined ? {} : { to });
      if (json) {
        io.stdout(
          `${JSON.stringify({ interface: iface, source: result.source, backup: result.manifest?.id ?? null, steps: result.steps, problems: result.problems }, null, 2)}\n`,
        );
      } else {
        io.stdout(
          `Rolled back ${iface} (${result.source}${result.manifest ? `, ${describeBackup(result.manifest)}` : ''}): ` +
            `${result.steps.length ? `undid ${result.steps.join(', ')}` : 'nothing had changed'}.\n`,
        );
        for (const p of result.problems) io.stderr(`wg-site rollback: ${p}\n`);
      }
      return result.problems.length ? 1 : 0;
    } catch (error) {
      if (error instanceof RollbackRefused) {
        io.stderr(`wg-site rollback: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};
