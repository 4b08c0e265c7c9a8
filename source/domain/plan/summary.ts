import { peerAllowedIps } from '../site/allowed-ips.js';
import type { Plan } from './plan.js';

function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}

/** A readable account of a plan: what would be written and done, and what the routing choice means. */
export function summarizePlan(plan: Plan): string {
  const { site } = plan;
  const out: string[] = [];
  out.push(`Plan for site "${site.name}" on ${site.interface}`);
  out.push(
    `  Tunnel    ${site.tunnel.address.address.text}/${site.tunnel.address.prefix}, UDP port ${site.tunnel.listenPort}, MTU ${plan.mtu.mtu}`,
  );
  out.push(`            MTU: ${plan.mtu.reason}`);
  out.push(`  LAN       ${site.lan.subnets.map((s) => s.text).join(', ')}`);
  for (const peer of site.peers) {
    out.push(`  Peer      ${peer.name}  ${peer.publicKey}`);
    out.push(
      `            endpoint ${peer.endpoint?.text ?? '(none: the far side dials in)'}, keepalive ${peer.persistentKeepalive ? `${peer.persistentKeepalive}s` : 'off'}`,
    );
    out.push(
      `            AllowedIPs ${peerAllowedIps(peer)
        .map((c) => c.text)
        .join(', ')}`,
    );
  }
  out.push('', `Routing: ${plan.routing.title}`);
  for (const line of plan.routing.consequences) out.push(`  - ${line}`);
  if (plan.routing.routerEntries.length) {
    out.push('  Add on the LAN router:');
    for (const e of plan.routing.routerEntries) {
      const mask = e.netmask.startsWith('/') ? `prefix ${e.netmask}` : `netmask ${e.netmask} (/${e.prefix})`;
      out.push(`    destination ${e.destination}  ${mask}  next hop ${e.nextHop}`);
    }
    out.push('  Or instead:');
    for (const alt of plan.routing.alternatives) out.push(`    ${alt}`);
  }
  const allowed = site.firewall.fromRemote;
  const policy =
    allowed === 'all'
      ? 'the far site may start any connection toward this LAN'
      : `the far site may start only tcp ${allowed.tcp.join(',') || '-'} / udp ${allowed.udp.join(',') || '-'} (plus ping) toward this LAN`;
  out.push(
    '',
    `Firewall (${plan.firewall.backend}, ${plan.firewall.table}): LAN→tunnel allowed; ${policy}; replies always pass.`,
  );
  out.push('', 'Files:');
  for (const file of plan.files) out.push(`  ${file.path}  (${octal(file.mode)})  ${file.purpose}`);
  out.push('', 'Commands:');
  for (const command of plan.commands) out.push(`  ${command}`);
  if (plan.warnings.length) {
    out.push('', 'Warnings:');
    for (const warning of plan.warnings) out.push(`  ! ${warning}`);
  }
  return `${out.join('\n')}\n`;
}
