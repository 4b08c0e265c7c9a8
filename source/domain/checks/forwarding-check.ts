/** IP forwarding: on now (IPv4; IPv6 when the site uses it), and persisted in sysctl.d. */
import { pathsFor } from '../plan/context.js';
import { result, usesIpv6 } from './common.js';
import type { CheckFacts, CheckResult } from './types.js';

const V4 = 'net.ipv4.ip_forward';
const V6 = 'net.ipv6.conf.all.forwarding';

function wanted(facts: CheckFacts): string[] {
  return usesIpv6(facts) ? [V4, V6] : [V4];
}

/** Runtime forwarding, read from /proc/sys. */
export function forwardingCheck(facts: CheckFacts): CheckResult {
  const title = 'IP forwarding on';
  const off: string[] = [];
  const unknown: string[] = [];
  for (const key of wanted(facts)) {
    const value = key === V4 ? facts.sysctl.ipv4Forward : facts.sysctl.ipv6Forward;
    if (value === undefined) unknown.push(key);
    else if (value !== '1') off.push(`${key}=${value}`);
  }
  if (off.length)
    return result(
      'forwarding',
      title,
      'fail',
      `${off.join(', ')}: the kernel drops packets between the LAN and the tunnel`,
      `sysctl -w ${off.map((o) => `${o.split('=')[0]}=1`).join(' ')}`,
    );
  if (unknown.length) return result('forwarding', title, 'warn', `cannot read ${unknown.join(', ')}`);
  return result(
    'forwarding',
    title,
    'pass',
    `${wanted(facts)
      .map((k) => `${k}=1`)
      .join(', ')}`,
  );
}

/** The sysctl.d file that keeps forwarding on after a reboot. */
export function forwardingPersistedCheck(facts: CheckFacts): CheckResult {
  const title = 'Forwarding persisted across reboots';
  const path = pathsFor(facts.iface).sysctl;
  const fix = `printf '${wanted(facts)
    .map((k) => `${k} = 1\\n`)
    .join('')}' > ${path}`;
  if (facts.sysctlFile === undefined)
    return result('forwarding-persisted', title, 'warn', `${path} is missing`, fix);
  const values = new Map<string, string>();
  for (const line of facts.sysctlFile.split('\n')) {
    const m = /^\s*([\w./-]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (m) values.set(m[1]!.replace(/\//g, '.'), m[2]!);
  }
  const missing = wanted(facts).filter((k) => values.get(k) !== '1');
  if (missing.length)
    return result(
      'forwarding-persisted',
      title,
      'warn',
      `${path} does not set ${missing.map((k) => `${k} = 1`).join(', ')}`,
      fix,
    );
  return result('forwarding-persisted', title, 'pass', `${path} sets ${wanted(facts).join(', ')}`);
}
