// The safety guards of PRODUCT.md ("Safety guards"), in the table's order: the first that applies
// decides, and an error is never held. They read only small summaries of the read and the plan,
// so the workflow can evaluate them from what an activity returns.
import type { TenantConfig } from '../../../common/tenant-config';
import type { Plan, ReadMode } from './types';

export interface ReadSummary {
  mode: ReadMode;
  hrisCredentialsRejected: boolean;
  platformCredentialsRejected: boolean;
  /** False when the read cannot be trusted to hold everyone (a token without the scope to see leavers, a directory that kept changing while paged). */
  complete: boolean;
  /** People the HR system returned. */
  people: number;
}

export interface PlanSummary {
  inScope: number;
  activeManagedBefore: number;
  deactivations: number;
}

export type GuardErrorCode = 'credentials_rejected' | 'platform_credentials_rejected' | 'partial_directory' | 'empty_directory' | 'empty_scope';

/** API.md's `hold`: why the run waits for a human, and the limit it went over. */
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

/**
 * The guards' verdict. `plan` may be left out while the read itself failed; a read that passes
 * its guards needs it.
 */
export function checkGuards(read: ReadSummary, plan: PlanSummary | undefined, safety: TenantConfig['safety']): GuardOutcome {
  if (read.hrisCredentialsRejected) return error('credentials_rejected', 'The HR system rejected the API key: nothing was applied. The HRIS admin must authorise Roster again.');
  if (read.platformCredentialsRejected) return error('platform_credentials_rejected', "The platform rejected Roster's token: nothing was applied. Check the tenant's platform token.");
  if (!read.complete) return error('partial_directory', 'The directory read could not be trusted to be complete, so nothing was applied: people missing from it would have been deactivated.');
  // An incremental read holds only who changed: an empty one is normal.
  const full = read.mode === 'full';
  if (full && read.people === 0) return error('empty_directory', 'The HR system returned nobody, so nothing was applied rather than deactivating everyone.');
  if (!plan) throw new Error('checkGuards needs the plan summary once the read has passed its guards.');
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
