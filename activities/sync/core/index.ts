// The pure sync core: plan a run from what was read, check the safety guards, compare a re-plan
// with what a human approved. No I/O; the activities around it read, store and apply.
export { plan } from './plan';
export { patchOf } from './diff';
export { checkGuards, summarisePlan } from './guards';
export type { GuardErrorCode, GuardOutcome, Hold, PlanSummary, ReadSummary } from './guards';
export { deactivationsOf, unapprovedDeactivations } from './approval';
export type { DeactivationRef } from './approval';
export { countPlan, emptyCounts } from './counts';
export { SKIP_REASONS } from './types';
export type * from './types';
