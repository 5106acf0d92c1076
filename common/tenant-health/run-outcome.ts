// From a run's end to the problems it opens and resolves: one pure function (docs/PRODUCT.md
// "Tenant health"). A run stopped by a guard got past every guard before it (the guards' order,
// common/sync-run.ts `runStops` then the plan's), so it resolves their problems.
import type { GuardErrorCode } from '../../activities/sync/core/guards';
import type { FinalStatus, runStops, RunStopType, SyncMode } from '../sync-run';
import { HRIS_UNREACHABLE_RUNS, type ProblemDetail, type ProblemType } from './problems';

/** What a read's failure was, beyond the run's code (sync_runs.failure_cause, written by the read). */
export type FailureCause = 'insufficient_scope' | 'hris_unreachable';

export interface RunEnd {
  syncId: string;
  status: FinalStatus;
  mode: SyncMode;
  errorCode?: string;
  failureCause?: FailureCause | null;
  /** How many of the tenant's latest runs, this one included, ended with the HR system out of reach. */
  unreachableStreak: number;
}

export interface HealthChange {
  open: { type: ProblemType; detail: ProblemDetail }[];
  resolve: ProblemType[];
}

/** What stops a run: a failed read or apply (common/sync-run.ts), or a plan's guard. */
type StopCode = (typeof runStops)[RunStopType]['code'] | GuardErrorCode;

/** The error codes that stop a run, in the order they are checked, each with the problem it opens. */
const stops: { code: StopCode; opens: (end: RunEnd) => ProblemType | undefined; passed: ProblemType[] }[] = [
  { code: 'credentials_rejected', opens: (end) => (end.failureCause === 'insufficient_scope' ? 'insufficient_scope' : 'credentials_rejected'), passed: [] },
  { code: 'platform_credentials_rejected', opens: () => 'platform_credentials_rejected', passed: ['credentials_rejected', 'insufficient_scope', 'hris_unreachable'] },
  { code: 'partial_directory', opens: () => 'partial_directory', passed: ['credentials_rejected', 'insufficient_scope', 'hris_unreachable'] },
  { code: 'hris_misconfigured', opens: () => undefined, passed: ['platform_credentials_rejected'] },
  { code: 'platform_misconfigured', opens: () => undefined, passed: ['credentials_rejected', 'insufficient_scope', 'hris_unreachable', 'partial_directory'] },
  { code: 'empty_directory', opens: () => 'empty_directory', passed: ['credentials_rejected', 'insufficient_scope', 'hris_unreachable', 'platform_credentials_rejected', 'partial_directory'] },
  { code: 'empty_scope', opens: () => 'empty_directory', passed: ['credentials_rejected', 'insufficient_scope', 'hris_unreachable', 'platform_credentials_rejected', 'partial_directory'] },
];

/** What a run that read both sides completely and planned shows to be fine. */
const readAndPlanned: ProblemType[] = ['credentials_rejected', 'insufficient_scope', 'platform_credentials_rejected', 'hris_unreachable', 'partial_directory', 'empty_directory'];

export function healthChangeOf(end: RunEnd): HealthChange {
  // At most one run is open per tenant: whichever way this one ended, nothing is held now.
  const resolve: ProblemType[] = ['run_held'];
  const open: HealthChange['open'] = [];
  switch (end.status) {
    case 'success':
    case 'warning':
      resolve.push(...readAndPlanned);
      // A test writes nothing: only an applied run keeps the platform fresh.
      if (end.mode === 'apply') resolve.push('stale');
      break;
    case 'rejected':
      resolve.push(...readAndPlanned);
      break;
    case 'error': {
      const stop = stops.find(({ code }) => code === end.errorCode);
      if (stop) {
        resolve.push(...stop.passed);
        const type = stop.opens(end);
        if (type) open.push({ type, detail: { syncId: end.syncId, code: end.errorCode } });
      } else if (end.failureCause === 'hris_unreachable' && end.unreachableStreak >= HRIS_UNREACHABLE_RUNS) {
        open.push({ type: 'hris_unreachable', detail: { syncId: end.syncId, runs: end.unreachableStreak } });
      }
      break;
    }
    case 'cancelled':
      break;
  }
  return { open, resolve: resolve.filter((type) => !open.some((opened) => opened.type === type)) };
}
