/** All checks in their display order, and what they mean for an exit code. */
import { forwardingCheck, forwardingPersistedCheck } from './forwarding-check.js';
import { foreignFirewallCheck, masqueradeCheck, ownTableCheck } from './firewall-checks.js';
import { clockCheck, rpFilterCheck } from './host-checks.js';
import { interfaceCheck } from './interface-check.js';
import { keyFilesCheck } from './key-files.js';
import { handshakeChecks, mtuChecks, replyChecks } from './peer-checks.js';
import { allowedIpsCheck, routesCheck } from './route-checks.js';
import type { CheckFacts, CheckResult, CheckStatus } from './types.js';

/** Run every check over the gathered facts. Pure. */
export function runChecks(facts: CheckFacts): CheckResult[] {
  return [
    interfaceCheck(facts),
    forwardingCheck(facts),
    forwardingPersistedCheck(facts),
    ownTableCheck(facts),
    foreignFirewallCheck(facts),
    masqueradeCheck(facts),
    routesCheck(facts),
    allowedIpsCheck(facts),
    rpFilterCheck(facts),
    clockCheck(facts),
    keyFilesCheck(facts),
    ...handshakeChecks(facts),
    ...replyChecks(facts),
    ...mtuChecks(facts),
  ];
}

/** `wg-site check` exit code: 1 when any check fails, else 0 (warnings allowed). */
export function checksExitCode(results: readonly CheckResult[]): number {
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

/** The metric value of a status: 1 pass, 0.5 warn, 0 fail. */
export function statusValue(status: CheckStatus): number {
  return status === 'pass' ? 1 : status === 'warn' ? 0.5 : 0;
}

/** One line of `wg-site check`: `PASS  title: reason  [fix: …]`. */
export function formatCheckLine(r: CheckResult): string {
  const tag = r.status === 'pass' ? 'PASS' : r.status === 'warn' ? 'WARN' : 'FAIL';
  return `${tag}  ${r.title}: ${r.reason}${r.fix ? `  — fix: ${r.fix}` : ''}`;
}
