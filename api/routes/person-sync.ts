// One person now (docs/API.md "One person now"): a run scoped to one person, started through the
// tenant workflow like every run, whose answer waits for its end and gives the person's trace; and
// the same trace of any run that concerns a person.
import type { Router } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { isGrpcDeadlineError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../common/db';
import { syncWorkflowId } from '../../common/workflow-ids';
import type { SyncOutcome } from '../../workflows/sync-messages';
import { requestSyncUpdate } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { ApiError, parseBody } from '../errors';
import { apiRouter, requireTenant } from '../params';
import { foundNobody, personTrace, type PersonTrace, type TracedRun } from '../person-trace';
import { requireSyncRun, runStatus, type SyncRunRow } from '../sync-view';
import type { TenantWorkflows } from '../tenant-workflows';

/** How long the answer waits for the run to end before it answers 202 (a held run, a slow HR system). */
export const PERSON_SYNC_WAIT_MS = 30_000;
/**
 * The tenant workflow records a run's end (its row, the tenant's open run) a moment after the
 * run's workflow has returned; nothing signals it, so the answer looks for it this often, for at
 * most this long, so that the console's next page sees the run ended.
 */
const RECORDED_POLL_MS = 50;
const RECORDED_WAIT_MS = 5_000;

export const personSyncBody = z.strictObject({
  mode: z.enum(['apply', 'dry_run']).optional().meta({ description: '`apply` writes (only when live); `dry_run` only plans. By default `apply` when the tenant is live, `dry_run` before.' }),
});
export const personSyncPendingSchema = z.object({ syncId: z.string(), status: runStatus }).meta({ description: 'The run has not ended yet: read its trace later at `/api/syncs/{syncId}/people/{hrisId}/trace`.' });

// Rows are read whole: the columns the trace needs beyond the run's view are there.
type RunRow = SyncRunRow & TracedRun;

/** The person's trace, or the 404 for a run that neither read nor planned them. */
async function traceOf(db: Db, run: Parameters<typeof personTrace>[1], hrisId: string, lookedFor: boolean): Promise<PersonTrace> {
  const trace = await personTrace(db, run, hrisId, lookedFor);
  if (!trace) throw new ApiError(404, 'person_not_found', `Run ${run.id} neither read nor planned a person with the HR id '${hrisId}'.`);
  return trace;
}

export function personSyncRoutes({ db, client, workflows, waitMs = PERSON_SYNC_WAIT_MS }: { db: Db; client: Client; workflows: TenantWorkflows; waitMs?: number }): Router {
  const router = apiRouter();

  /** The run's outcome once its workflow has ended, or undefined when it has not within the wait. */
  const ending = async (syncId: string): Promise<SyncOutcome | undefined> => {
    try {
      return await client.withDeadline(Date.now() + waitMs, () => client.workflow.getHandle(syncWorkflowId(syncId)).result());
    } catch (error) {
      if (isGrpcDeadlineError(error)) return undefined;
      throw error;
    }
  };

  const recorded = async (syncId: string): Promise<void> => {
    for (const deadline = Date.now() + RECORDED_WAIT_MS; Date.now() < deadline; await sleep(RECORDED_POLL_MS)) {
      if ((await db('sync_runs').where({ id: syncId }).first('finished_at'))?.finished_at) return;
    }
  };

  router.post('/api/tenants/:id/people/:hrisId/sync', requireRole('support'), async (req, res) => {
    const { mode: asked } = parseBody(personSyncBody, req.body);
    const row = await requireTenant(db, String(req.params.id));
    const hrisId = String(req.params.hrisId);
    const mode = asked ?? (row.stage === 'live' ? 'apply' : 'dry_run');
    const { syncId } = await workflows.update(row, requestSyncUpdate, { trigger: 'manual', mode, scope: { kind: 'person', hrisId }, actor: callerOf(req).name });
    const outcome = await ending(syncId);
    if (outcome) await recorded(syncId);
    const run = (await requireSyncRun(db, syncId)) as RunRow;
    if (!outcome) {
      res.status(202).json({ syncId, status: run.status } satisfies z.output<typeof personSyncPendingSchema>);
      return;
    }
    // Should the record still lag, the run's own outcome is its end.
    const ended = { ...run, status: outcome.status, phase: 'done' as const, error: outcome.error ?? null };
    res.json(await traceOf(db, ended, hrisId, true));
  });

  router.get('/api/syncs/:syncId/people/:hrisId/trace', requireRole('viewer'), async (req, res) => {
    const hrisId = String(req.params.hrisId);
    const run = (await requireSyncRun(db, String(req.params.syncId))) as RunRow;
    res.json(await traceOf(db, run, hrisId, await foundNobody(db, run)));
  });
  return router;
}
