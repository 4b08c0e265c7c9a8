import { parseInterfaceName } from '../domain/names.js';
import { confirmTrial, NothingToConfirm } from '../system/apply/confirm.js';
import { systemApplyDeps } from '../system/apply/deps.js';
import { type CommandSpec, interfaceOption, stringValue } from './command.js';

export const confirmCommand: CommandSpec = {
  name: 'confirm',
  summary: 'Keep a trial apply: stop its automatic revert (works from any SSH session)',
  details: [
    'Exit 1 when there is nothing to confirm: the trial was already reverted (its deadline passed),',
    'rolled back, confirmed, or never started. A confirm after the deadline reverts the trial instead.',
  ],
  options: { ...interfaceOption, json: { type: 'boolean', description: 'print the result as JSON' } },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const deps = systemApplyDeps(io, (text) => io.stderr(text));
    try {
      const trial = await confirmTrial(deps, iface);
      if (args.values.json) {
        io.stdout(`${JSON.stringify({ interface: iface, confirmed: true, backup: trial.backupId })}\n`);
      } else {
        io.stdout(
          `Confirmed the trial of ${iface} (armed ${new Date(trial.armedAt).toISOString()}). It stays; ` +
            `\`wg-site rollback --interface ${iface}\` can still restore backup ${trial.backupId}.\n`,
        );
      }
      return 0;
    } catch (error) {
      if (error instanceof NothingToConfirm) {
        if (args.values.json)
          io.stdout(`${JSON.stringify({ interface: iface, confirmed: false, error: error.message })}\n`);
        io.stderr(`wg-site confirm: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
