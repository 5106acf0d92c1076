// The sync_runs projection: created when the tenant workflow starts a run, moved along by the
// run, and given its final status last of all, by the tenant workflow, once it has recorded the
import type { PlatformTarget } from '../../common/tenant';
// run's end (docs/PRODUCT.md step 5: nothing is refused because of a run that shows as finished).
import type { Db } from '../../common/db';
import type { FinalStatus, SyncMode, SyncPhase, SyncStatus, SyncTrigger } from '../../common/sync-run';
import { recordHealth, recordHold, recordRunHealth, type HealthMailSettings } from '../health';
import { workerMetrics } from '../../telemetry/metrics/worker-metrics';
import type { Hold } from './core';
import { purgePastRetention, type Purged } from './retention';

export interface NewSyncRun {
  syncId: string;
  tenantId: string;
  trigger: SyncTrigger;
  mode: SyncMode;
  configVersionId: string;
  requestedBy: string;
  at: string;
  /** The platform the run reads and writes; its activities take it from the run's row. */
  target: PlatformTarget;
}

/** Who approved, rejected or cancelled a run, when, and their note: the run's answer shows it. */
export interface RunDecision {
  action: 'approve' | 'reject' | 'cancel';
  actor: string;
  at: string;
  note?: string;
}

const decided: Record<RunDecision['action'], string> = { approve: 'run_approved', reject: 'run_rejected', cancel: 'run_cancelled' };

export interface RunSettings {
  approvalTimeoutHours: number;
  webhookWindowSeconds: number;
  /** Days a finished run's snapshots and plan items, mail and link tries are kept (./retention.ts); its summary is kept for good. */
  retentionDays: number;
  /** Where support hears of a problem a run's end opens (activities/health/); without it, problems are recorded only. */
  health?: HealthMailSettings;
}

export function createRunRecordActivities(db: Db, settings: RunSettings) {
  return {
    async createSyncRun(run: NewSyncRun): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('sync_runs')
          .insert({
            id: run.syncId,
            tenant_id: run.tenantId,
            trigger: run.trigger,
            mode: run.mode,
            status: 'running',
            phase: 'fetching',
            config_version_id: run.configVersionId,
            requested_by: run.requestedBy,
            started_at: run.at,
            target: run.target,
          })
          .onConflict('id')
          .ignore();
        await trx('tenants').where({ id: run.tenantId }).update({ active_sync_id: run.syncId });
      });
      workerMetrics.runStarted(run.trigger);
    },

    /** The worker's settings the workflows need: how long a held run waits, how long webhook events are collected. */
    async runSettings(): Promise<Pick<RunSettings, 'approvalTimeoutHours' | 'webhookWindowSeconds'>> {
      return { approvalTimeoutHours: settings.approvalTimeoutHours, webhookWindowSeconds: settings.webhookWindowSeconds };
    },

    async markRun(change: { syncId: string; phase: SyncPhase; status?: Extract<SyncStatus, 'running' | 'awaiting_approval'>; hold?: Hold | null; progress?: { done: number; total: number } }): Promise<void> {
      const marked: { tenant_id: string }[] = await db('sync_runs')
        .where({ id: change.syncId })
        .whereNull('finished_at')
        .update({
          phase: change.phase,
          // A retried mark keeps when the run was first held.
          ...(change.status && { status: change.status, held_at: change.status === 'awaiting_approval' ? db.raw('coalesce(held_at, now())') : null }),
          ...(change.hold !== undefined && { hold: change.hold === null ? null : JSON.stringify(change.hold) }),
          ...(change.progress && { progress_done: change.progress.done, progress_total: change.progress.total }),
        })
        .returning('tenant_id');
      const tenantId = marked[0]?.tenant_id;
      if (change.status === 'awaiting_approval') workerMetrics.runHeld();
      if (change.status === 'awaiting_approval' && tenantId) await recordHealth('run held', { syncId: change.syncId }, () => recordHold(db, { tenantId, syncId: change.syncId, at: new Date() }));
    },

    /** A decision on the run, on the run and in its tenant's history (`entryId` makes a retry write it once). */
    async recordRunDecision({ entryId, syncId, tenantId, decision }: { entryId: string; syncId: string; tenantId: string; decision: RunDecision }): Promise<void> {
      const heldAt = await db.transaction(async (trx) => {
        const [run] = await trx('sync_runs').where({ id: syncId }).update({ decision: JSON.stringify(decision) }).returning('held_at');
        await trx('tenant_history')
          .insert({ id: entryId, tenant_id: tenantId, at: decision.at, actor: decision.actor, action: decided[decision.action], reason: decision.note ?? null, sync_id: syncId })
          .onConflict('id')
          .ignore();
        return run?.held_at;
      });
      workerMetrics.holdEnded(decision.action, heldAt, decision.at);
    },

    /** What the retention period takes from the tenant (./retention.ts): old runs' bulky data, old mail, link tries, dead links. */
    async purgeRunData({ tenantId, now }: { tenantId: string; now: string }): Promise<Purged> {
      return purgePastRetention(db, tenantId, new Date(Date.parse(now) - settings.retentionDays * 86_400_000));
    },

    async finishSyncRun(outcome: { syncId: string; tenantId: string; status: FinalStatus; error?: { code: string; message: string }; at: string }): Promise<void> {
      const finished = await db.transaction(async (trx) => {
        const [run] = await trx('sync_runs')
          .where({ id: outcome.syncId })
          .update({ status: outcome.status, phase: 'done', finished_at: outcome.at, ...(outcome.error && { error: JSON.stringify(outcome.error) }) })
          .returning(['trigger', 'started_at', 'held_at']);
        await trx('tenants').where({ id: outcome.tenantId, active_sync_id: outcome.syncId }).update({ active_sync_id: null });
        return run;
      });
      workerMetrics.runFinished(finished, outcome);
      const ended = { syncId: outcome.syncId, tenantId: outcome.tenantId, status: outcome.status, errorCode: outcome.error?.code, at: outcome.at };
      await recordHealth('run end', { syncId: outcome.syncId }, () => recordRunHealth(db, ended, settings.health));
    },
  };
}
