/**
 * "Apply this site to this host": the one entry point the apply command, the wizard and the panel's
 * restart share. It owns the umask (077), the interface lock, planning with freshly detected facts,
 * preflight and the mapping of every failure to an outcome a caller can print.
 */
import { InputError, InputProblems } from '../../domain/errors.js';
import type { PreflightProblem } from '../../domain/apply/preflight-rules.js';
import type { Plan } from '../../domain/plan/plan.js';
import { ApplyFailed, ApplyRefused, applyPlan, type ApplyResult } from './apply.js';
import type { ApplyDeps } from './deps.js';
import { InterfaceBusy, LOCK_WAIT_MS, withInterfaceLock } from './lock.js';
import { planOnHost, type PlanHostDeps, type PlanRequest } from './plan-on-host.js';
import { preflightWithNotes } from './preflight.js';
import { withPrivateUmask } from '../private-umask.js';

/** One apply of a site file's text. */
export interface ApplySiteRequest extends PlanRequest {
  /** The interface the site file names, for the lock (checked against the file once planned). */
  interface: string;
  /** Seconds until the trial reverts; undefined applies for good. */
  trialSeconds: number | undefined;
  /** Apply although other firewall rules would drop forwarded traffic. */
  allowForeignFirewall?: boolean;
  /** Runs under the lock before planning (the wizard places its key files here). */
  prepare?: () => Promise<void>;
  /** Runs under the lock once the apply succeeded (the panel's restart re-ups the interface here). */
  after?: (applied: ApplyResult, plan: Plan) => Promise<void>;
  /** How long to wait for the interface's lock (default {@link LOCK_WAIT_MS}). */
  lockWaitMs?: number;
  /** Verification polling budget. */
  verifyTimeoutMs?: number;
}

/** How an apply ended. `exitCode` is what a command returns for it. */
export type ApplySiteOutcome =
  | { status: 'invalid'; exitCode: 2; problems: { field: string; message: string }[] }
  | {
      status: 'refused';
      exitCode: 2;
      problems: Array<Pick<PreflightProblem, 'message'> & Partial<PreflightProblem>>;
      notes: string[];
    }
  | { status: 'busy'; exitCode: 1; message: string }
  | {
      status: 'failed';
      exitCode: 1;
      step: string;
      message: string;
      restored: boolean;
      undoProblems: string[];
    }
  | { status: 'applied'; exitCode: 0; plan: Plan; result: ApplyResult; notes: string[] };

function invalid(error: InputError): ApplySiteOutcome {
  const problems = error instanceof InputProblems ? error.problems : [error];
  return {
    status: 'invalid',
    exitCode: 2,
    problems: problems.map((p) => ({ field: p.field, message: p.message })),
  };
}

async function applyLocked(
  deps: ApplyDeps & Pick<PlanHostDeps, 'detect'>,
  request: ApplySiteRequest,
): Promise<ApplySiteOutcome> {
  await request.prepare?.();
  const { plan, lanInterface } = await planOnHost(deps, request);
  if (plan.site.interface !== request.interface) {
    throw new InputError(
      'interface',
      `The site file names interface ${plan.site.interface}, not ${request.interface}.`,
    );
  }
  const { problems, notes } = await preflightWithNotes(deps, plan, {
    allowForeignFirewall: Boolean(request.allowForeignFirewall),
    lanInterface,
  });
  if (problems.length > 0) return { status: 'refused', exitCode: 2, problems, notes };
  const result = await applyPlan(deps, plan, request.siteText, {
    trialSeconds: request.trialSeconds,
    ...(request.verifyTimeoutMs !== undefined ? { verifyTimeoutMs: request.verifyTimeoutMs } : {}),
  });
  await request.after?.(result, plan);
  return { status: 'applied', exitCode: 0, plan, result, notes };
}

/**
 * Apply a site file's text to this host: lock, plan with fresh facts, preflight, apply (as a trial
 * unless `trialSeconds` is undefined). Never throws for an expected failure: the outcome says it.
 */
export async function applySite(
  deps: ApplyDeps & Pick<PlanHostDeps, 'detect'>,
  request: ApplySiteRequest,
): Promise<ApplySiteOutcome> {
  return withPrivateUmask(async () => {
    try {
      return await withInterfaceLock(
        deps,
        request.interface,
        () => applyLocked(deps, request),
        request.lockWaitMs ?? LOCK_WAIT_MS,
      );
    } catch (error) {
      if (error instanceof InterfaceBusy) return { status: 'busy', exitCode: 1, message: error.message };
      if (error instanceof InputError) return invalid(error);
      if (error instanceof ApplyRefused) {
        return { status: 'refused', exitCode: 2, problems: [{ message: error.message }], notes: [] };
      }
      if (error instanceof ApplyFailed) {
        return {
          status: 'failed',
          exitCode: 1,
          step: error.step,
          message: error.message,
          restored: error.undoProblems.length === 0,
          undoProblems: error.undoProblems,
        };
      }
      throw error;
    }
  });
}
