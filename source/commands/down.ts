import { parseInterfaceName } from '../domain/names.js';
import { systemApplyDeps } from '../system/apply/deps.js';
import { downInterface } from '../system/apply/down.js';
import { RollbackRefused } from '../system/apply/rollback.js';
import { type CommandSpec, interfaceOption, stringValue } from './command.js';

export const downCommand: CommandSpec = {
  name: 'down',
  summary: "Take the tunnel down and remove wg-site's firewall rules (files are kept)",
  options: { ...interfaceOption, json: { type: 'boolean', description: 'print the result as JSON' } },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const deps = systemApplyDeps(io, (text) => io.stderr(text));
    try {
      const result = await downInterface(deps, iface);
      if (args.values.json) io.stdout(`${JSON.stringify({ interface: iface, ...result })}\n`);
      else {
        io.stdout(
          `${result.wasUp ? `Took ${iface} down` : `${iface} was not up`}; firewall rules removed` +
            `${result.firewallRemoved.length ? ` (${result.firewallRemoved.join(', ')})` : ''}. Files kept.\n`,
        );
      }
      return 0;
    } catch (error) {
      if (error instanceof RollbackRefused) {
        io.stderr(`wg-site down: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};
