import { checksExitCode, formatCheckLine } from '../domain/checks/run.js';
import { parseInterfaceName } from '../domain/names.js';
import { snapshot } from '../system/checks/collect.js';
import { type CommandSpec, interfaceOption, stringValue } from './command.js';

/** `wg-site check`: run the health checks, one line each; exit 1 when any fails (warnings allowed). */
export const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'Run the health checks of a tunnel: one PASS/WARN/FAIL line each; exit 1 when any fails',
  details: [
    'Exit codes: 0 all checks pass (warnings allowed), 1 a check fails or the state cannot be read, 2 bad input.',
    'Counter evidence ("no reply for N s") is kept between runs in /run/wg-site/<if>.evidence.json.',
  ],
  options: {
    ...interfaceOption,
    json: {
      type: 'boolean',
      description: 'print the results as JSON (a list of {id,title,status,reason,fix})',
    },
    mtu: { type: 'boolean', description: 'also probe the path MTU through the tunnel (pings; up to ~2 s)' },
  },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const { checks } = await snapshot(io, iface, { probeMtu: Boolean(args.values.mtu) });
    if (args.values.json) io.stdout(`${JSON.stringify(checks, null, 2)}\n`);
    else for (const c of checks) io.stdout(`${formatCheckLine(c)}\n`);
    return checksExitCode(checks);
  },
};
