// A run's end, as tenant health sees it: the problems it opens and resolves
// (common/tenant-health/run-outcome.ts), recorded by the activity that records the run's end, so
// no workflow changes. Support is told of what opened (notices.ts); the tenant workflow sends the
// tenant's mail right after.
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import type { FinalStatus, SyncMode } from '../../common/sync-run';
import { healthChangeOf, type FailureCause } from '../../common/tenant-health/run-outcome';
import { HRIS_UNREACHABLE_RUNS } from '../../common/tenant-health/problems';
import { openProblems, resolveProblems } from '../../common/tenant-health/store';
import { notifyOpenedProblems, type HealthMailSettings } from './notices';

const log = loggerFor('activities');

export interface EndedRun {
  syncId: string;
  tenantId: string;
  status: FinalStatus;
  errorCode?: string;
  at: string;
}

/** How many of the tenant's latest finished runs (up to the threshold) ended with the HR system out of reach, without a break. */
async function unreachableStreak(db: Db, tenantId: string): Promise<number> {
  const latest: { status: string; failure_cause: string | null }[] = await db('sync_runs')
    .where({ tenant_id: tenantId })
    .whereNotNull('finished_at')
    .orderBy('finished_at', 'desc')
    .limit(HRIS_UNREACHABLE_RUNS)
    .select('status', 'failure_cause');
  const broken = latest.findIndex((run) => !(run.status === 'error' && run.failure_cause === 'hris_unreachable'));
  return broken === -1 ? latest.length : broken;
}

export async function recordRunHealth(db: Db, ended: EndedRun, settings?: HealthMailSettings): Promise<void> {
  const run: { mode: SyncMode; failure_cause: FailureCause | null } | undefined = await db('sync_runs').where({ id: ended.syncId }).first('mode', 'failure_cause');
  if (!run) return;
  const change = healthChangeOf({
    syncId: ended.syncId,
    status: ended.status,
    mode: run.mode,
    errorCode: ended.errorCode,
    failureCause: run.failure_cause,
    unreachableStreak: await unreachableStreak(db, ended.tenantId),
  });
  const at = new Date(ended.at);
  const resolved = await resolveProblems(db, ended.tenantId, change.resolve, { kind: 'run', ref: ended.syncId }, at);
  const opened = await openProblems(db, ended.tenantId, change.open, at);
  if (opened.length + resolved.length > 0) log.info('tenant health changed', { tenantId: ended.tenantId, syncId: ended.syncId, opened, resolved });
  if (opened.length > 0 && settings) await notifyOpenedProblems(db, ended.tenantId, settings);
}

/** A run held for approval opens `run_held` (its end resolves it); the held-run notice tells support. */
export async function recordHold(db: Db, { tenantId, syncId, at }: { tenantId: string; syncId: string; at: Date }): Promise<void> {
  await openProblems(db, tenantId, [{ type: 'run_held', detail: { syncId } }], at);
}
