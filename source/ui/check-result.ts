/**
 * Health checks as the panel takes them: the checks layer's own `CheckResult`
 * (source/domain/checks/types.ts: id, title, pass/warn/fail, one-line reason, optional fix).
 */

export type { CheckResult, CheckStatus } from '../domain/checks/types.js';
import type { CheckResult } from '../domain/checks/types.js';

/** Gathers every check once; the panel calls it on a slow cadence. */
export type GatherChecks = () => Promise<readonly CheckResult[]>;

/** Same checks with the same outcome, reason and fix (order included). */
export function sameChecks(
  a: readonly CheckResult[] | undefined,
  b: readonly CheckResult[] | undefined,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.id !== y.id ||
      x.title !== y.title ||
      x.status !== y.status ||
      x.reason !== y.reason ||
      x.fix !== y.fix
    )
      return false;
  }
  return true;
}
