/** Is the WireGuard interface there, up, and listening on its UDP port? */
import { result } from './common.js';
import type { CheckFacts, CheckResult } from './types.js';

export function interfaceCheck(facts: CheckFacts): CheckResult {
  const { iface } = facts;
  const title = `Interface ${iface} up and listening`;
  const link = facts.links?.find((l) => l.name === iface);
  const up = `wg-quick up ${iface}`;
  if (facts.links && !link) return result('interface', title, 'fail', `${iface} does not exist`, up);
  if (link && !link.up)
    return result('interface', title, 'fail', `${iface} exists but is down`, `ip link set ${iface} up`);
  if (!facts.device)
    return result(
      'interface',
      title,
      'fail',
      `cannot read WireGuard state: ${facts.deviceProblem ?? 'unknown'}`,
      up,
    );
  const port = facts.device.interface.listenPort;
  if (port === 0)
    return result(
      'interface',
      title,
      'fail',
      `${iface} has no UDP listen port`,
      `wg set ${iface} listen-port ${facts.site?.tunnel.listenPort ?? 51820}`,
    );
  const want = facts.site?.tunnel.listenPort;
  if (want !== undefined && want !== port)
    return result(
      'interface',
      title,
      'warn',
      `${iface} listens on UDP ${port}, the site file says ${want}`,
      `wg set ${iface} listen-port ${want}`,
    );
  return result('interface', title, 'pass', `${iface} is up, listening on UDP ${port}`);
}
