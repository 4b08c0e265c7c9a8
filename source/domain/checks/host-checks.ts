/** Host-wide checks: reverse-path filtering and clock synchronisation. */
import { lanInterface, result } from './common.js';
import type { CheckFacts, CheckResult } from './types.js';

/** Strict rp_filter (effective value max(all, iface) = 1) on the tunnel or LAN interface. */
export function rpFilterCheck(facts: CheckFacts): CheckResult {
  const title = 'No strict reverse-path filter';
  const rp = facts.sysctl.rpFilter;
  const all = rp.all;
  const names = [facts.iface, lanInterface(facts)].filter((n): n is string => n !== undefined);
  const strict: string[] = [];
  for (const name of names) {
    const own = rp[name];
    if (own === undefined && all === undefined) continue;
    const effective = Math.max(all ?? 0, own ?? 0);
    if (effective === 1) strict.push(`${name} (max(all=${all ?? '?'}, ${name}=${own ?? '?'}) = 1)`);
  }
  if (strict.length) {
    const keys = ['all', ...names].map((n) => `net.ipv4.conf.${n.replace(/\./g, '/')}.rp_filter=2`);
    return result(
      'rp-filter',
      title,
      'warn',
      `strict rp_filter on ${strict.join(', ')} drops tunnel traffic on asymmetric paths`,
      `sysctl -w ${keys.join(' ')}`,
    );
  }
  if (all === undefined)
    return result('rp-filter', title, 'warn', 'cannot read /proc/sys/net/ipv4/conf/all/rp_filter');
  return result('rp-filter', title, 'pass', `rp_filter is loose or off on ${names.join(', ')}`);
}

/** Handshakes carry timestamps: a clock that is not synchronised can make peers refuse them. */
export function clockCheck(facts: CheckFacts): CheckResult {
  const title = 'Clock synchronised';
  const { synced, source } = facts.clock;
  if (synced === true) return result('clock', title, 'pass', `synchronised (${source})`);
  if (synced === false)
    return result(
      'clock',
      title,
      'warn',
      'the clock is not NTP-synchronised: a skew makes the far side drop handshakes',
      'timedatectl set-ntp true',
    );
  return result(
    'clock',
    title,
    'warn',
    'cannot tell whether the clock is synchronised',
    'timedatectl set-ntp true',
  );
}
