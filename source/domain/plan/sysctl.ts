import type { PlanContext } from './context.js';

/** One kernel setting wg-site needs. */
export interface SysctlSetting {
  key: string;
  value: string;
  why: string;
}

/** Forwarding settings: IPv4 always, IPv6 when any subnet or the tunnel is IPv6. */
export function sysctlSettings(ctx: PlanContext): SysctlSetting[] {
  const settings: SysctlSetting[] = [
    { key: 'net.ipv4.ip_forward', value: '1', why: 'forward packets between the LAN and the tunnel' },
  ];
  if (ctx.usesIpv6) {
    settings.push({
      key: 'net.ipv6.conf.all.forwarding',
      value: '1',
      why: 'forward IPv6 packets between the LAN and the tunnel',
    });
  }
  return settings;
}

/** The sysctl.d file that keeps the settings across reboots. */
export function renderSysctlFile(ctx: PlanContext): string {
  const lines = [`# wg-site: forwarding for ${ctx.site.interface} (site "${ctx.site.name}"). Generated.`];
  for (const setting of sysctlSettings(ctx))
    lines.push(`# ${setting.why}`, `${setting.key} = ${setting.value}`);
  return `${lines.join('\n')}\n`;
}
