// The safety guards of docs/PRODUCT.md ("Safety guards") that judge a plan, in the table's order: the
// first that applies decides, and an error is never held. The guards before them (a rejected key
// or token, a read that is not complete) stop the run at its read, as typed failures
// (common/sync-run.ts `runStops`), so a plan is only ever made from a read that passed them.
import type { TenantConfig } from '../../../common/tenant-config';
import type { Plan, ReadMode } from './types';

export interface ReadSummary {
  mode: ReadMode;
  /** People the HR system returned. */
  people: number;
}

export interface PlanSummary {
  inScope: number;
  activeManagedBefore: number;
  deactivations: number;
}

export type GuardErrorCode = 'empty_directory' | 'empty_scope';

/** docs/API.md's `hold`: why the run waits for a human, and the limit it went over. */
export interface Hold {
  reason: string;
  deactivations: number;
  limit: number;
}

export type GuardOutcome = { outcome: 'proceed' } | { outcome: 'error'; code: GuardErrorCode; message: string } | { outcome: 'hold'; hold: Hold };

/** The deactivation share applies only from this many active managed accounts: below it, one leaver is a large share. */
const SHARE_APPLIES_FROM = 20;

export function summarisePlan(plan: Pick<Plan, 'inScope' | 'activeManagedBefore' | 'planned'>): PlanSummary {
  return { inScope: plan.inScope, activeManagedBefore: plan.activeManagedBefore, deactivations: plan.planned.deactivated };
}

/** The guards' verdict on a plan made from a complete read. */
export function checkGuards(read: ReadSummary, plan: PlanSummary, safety: TenantConfig['safety']): GuardOutcome {
  // An incremental read holds only who changed: an empty one is normal.
  const full = read.mode === 'full';
  if (full && read.people === 0) return error('empty_directory', 'The HR system returned nobody, so nothing was applied rather than deactivating everyone.');
  if (full && plan.inScope === 0 && plan.activeManagedBefore > 0) {
    return error('empty_scope', `Nobody in the directory is in scope while Roster manages ${plan.activeManagedBefore} active accounts, so nothing was applied. Check the included statuses and exclusion rules.`);
  }
  return holdFor(plan, safety) ?? { outcome: 'proceed' };
}

function holdFor({ deactivations, activeManagedBefore }: PlanSummary, { maxDeactivations, maxDeactivationShare }: TenantConfig['safety']): GuardOutcome | undefined {
  // Rounded down past floating-point noise: 0.29 × 100 must allow 29.
  const shareLimit = activeManagedBefore >= SHARE_APPLIES_FROM ? Math.floor(maxDeactivationShare * activeManagedBefore + 1e-9) : Infinity;
  const limit = Math.min(maxDeactivations, shareLimit);
  if (deactivations <= limit) return undefined;
  const reason =
    limit === maxDeactivations
      ? `The plan deactivates ${deactivations} accounts, more than the ${maxDeactivations} one run may deactivate without approval.`
      : `The plan deactivates ${deactivations} of ${activeManagedBefore} active accounts, more than ${Number((maxDeactivationShare * 100).toFixed(2))} % (${limit}) without approval.`;
  return { outcome: 'hold', hold: { reason, deactivations, limit } };
}

function error(code: GuardErrorCode, message: string): GuardOutcome {
  return { outcome: 'error', code, message };
}
