import { renderMetrics } from '../domain/checks/metrics.js';
import { parseInterfaceName } from '../domain/names.js';
import { snapshot } from '../system/checks/collect.js';
import { type CommandSpec, interfaceOption, stringValue } from './command.js';

/** `wg-site metrics`: Prometheus text exposition of one snapshot. */
export const metricsCommand: CommandSpec = {
  name: 'metrics',
  summary: 'Print Prometheus metrics (prometheus_wireguard_exporter names, plus check results)',
  details: [
    'For the node_exporter textfile collector: wg-site metrics > /var/lib/node_exporter/wg.prom.tmp && mv …',
    'Exit codes: 0 printed, 1 the WireGuard interface could not be read, 2 bad input.',
  ],
  options: { ...interfaceOption },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const { status, facts } = await snapshot(io, iface);
    io.stdout(renderMetrics(status));
    if (!facts.device) {
      io.stderr(`wg-site metrics: cannot read ${iface}: ${facts.deviceProblem ?? 'unknown'}\n`);
      return 1;
    }
    return 0;
  },
};
