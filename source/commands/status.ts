import { formatCheckLine } from '../domain/checks/run.js';
import type { StatusJson, StatusPeerJson } from '../domain/checks/status-json.js';
import { parseInterfaceName } from '../domain/names.js';
import { formatAge, formatBytes } from '../domain/status/format.js';
import { snapshot } from '../system/checks/collect.js';
import { type CommandSpec, interfaceOption, stringValue } from './command.js';

function peerLines(p: StatusPeerJson): string[] {
  const name = p.name ?? `${p.publicKey.slice(0, 8)}…`;
  const endpoint =
    p.configuredEndpoint && p.configuredEndpoint !== p.endpoint
      ? `${p.endpoint ?? 'none'} (configured ${p.configuredEndpoint})`
      : (p.endpoint ?? 'none');
  const handshake = p.handshakeAgeSeconds === null ? 'never' : `${formatAge(p.handshakeAgeSeconds)} ago`;
  return [
    `peer ${name}  ${p.state}`,
    `  public key   ${p.publicKey}`,
    `  endpoint     ${endpoint}`,
    `  handshake    ${handshake}`,
    `  transfer     ${formatBytes(p.rxBytes)} received, ${formatBytes(p.txBytes)} sent`,
    `  keepalive    ${p.persistentKeepalive === null ? 'off' : `every ${p.persistentKeepalive} s`}`,
    `  allowed ips  ${p.allowedIps.join(', ') || 'none'}`,
  ];
}

/** The human form of a status snapshot. */
export function formatStatus(s: StatusJson): string {
  const head =
    s.listenPort === null
      ? `interface ${s.interface}: not readable`
      : `interface ${s.interface}${s.site ? ` (site ${s.site})` : ''}: listening on UDP ${s.listenPort}`;
  const lines = [head, ...s.peers.flatMap(peerLines), ''];
  lines.push(`checks: ${s.summary.pass} pass, ${s.summary.warn} warn, ${s.summary.fail} fail`);
  for (const c of s.checks) lines.push(formatCheckLine(c));
  return `${lines.join('\n')}\n`;
}

/** `wg-site status`: one snapshot of the interface, its peers and the checks. */
export const statusCommand: CommandSpec = {
  name: 'status',
  summary: 'Show one snapshot of a tunnel: peers, handshakes, transfer, and the health checks',
  details: [
    'Exit codes: 0 snapshot shown, 1 the WireGuard interface could not be read, 2 bad input.',
    'JSON (--json): see StatusJson in source/domain/checks/status-json.ts; never holds private or preshared keys.',
  ],
  options: {
    ...interfaceOption,
    json: { type: 'boolean', description: 'print the snapshot as JSON' },
    mtu: { type: 'boolean', description: 'also probe the path MTU through the tunnel (pings; up to ~2 s)' },
  },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const { status, facts } = await snapshot(io, iface, { probeMtu: Boolean(args.values.mtu) });
    io.stdout(args.values.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    if (!facts.device) {
      io.stderr(`wg-site status: cannot read ${iface}: ${facts.deviceProblem ?? 'unknown'}\n`);
      return 1;
    }
    return 0;
  },
};
