// Starting runs (always through the tenant workflow: docs/ARCHITECTURE.md principle 4) and deciding
// about them: approve or reject a held run, cancel an open one.
import type { Request, Response, Router } from 'express';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../common/db';
import { syncWorkflowId } from '../../common/workflow-ids';
import { readsChanges } from '../../common/tenant';

import { reasonText } from '../../common/validation';
import { approveUpdate, cancelUpdate, rejectUpdate, runRefusalCodes } from '../../workflows/sync-messages';
import { requestSyncUpdate } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { ApiError, parseBody, updateRefusal } from '../errors';
import { apiRouter, requireTenant } from '../params';
import { requireSyncRun, syncRunView } from '../sync-view';
import { executeUpdate, type TenantWorkflows } from '../tenant-workflows';

export const emptyBody = z.strictObject({});
const runFinished = () => new ApiError(409, 'run_finished', 'The run has finished; there is nothing to decide.');
export const syncBody = z.strictObject({ read: z.enum(['full', 'incremental']).optional() });
export const decisionBody = z.strictObject({ reason: reasonText.optional(), note: reasonText.optional() });
export const syncStartedSchema = z.object({ syncId: z.string() });

export function syncRequestRoutes({ db, client, workflows }: { db: Db; client: Client; workflows: TenantWorkflows }): Router {
  const router = apiRouter();

  const request = (trigger: 'manual' | 'test', mode: 'apply' | 'dry_run') => async (req: Request, res: Response) => {
    const { read } = mode === 'apply' ? parseBody(syncBody, req.body) : parseBody(emptyBody, req.body);
    const row = await requireTenant(db, String(req.params.id));
    if (read === 'incremental' && !readsChanges(row.hris)) {
      throw new ApiError(400, 'incremental_not_supported', `${row.hris.provider} cannot say who changed, so its directory is always read in full; leave out "read".`);
    }
    const { syncId } = await workflows.update(row, requestSyncUpdate, { trigger, mode, actor: callerOf(req).name, ...(read && { read }) });
    res.status(202).json({ syncId } satisfies z.output<typeof syncStartedSchema>);
  };
  router.post('/api/tenants/:id/syncs', requireRole('support'), request('manual', 'apply'));
  router.post('/api/tenants/:id/test-runs', requireRole('support'), request('test', 'dry_run'));

  const decide = (definition: typeof approveUpdate) => async (req: Request, res: Response) => {
    const { reason, note } = parseBody(decisionBody, req.body);
    const syncId = String(req.params.syncId);
    const run = await requireSyncRun(db, syncId);
    if (run.finished_at) throw runFinished();
    try {
      await executeUpdate(client.workflow.getHandle(syncWorkflowId(syncId)), definition, [{ actor: callerOf(req).name, reason: reason ?? note }]);
    } catch (error) {
      // The run's workflow ends a moment before its row says so: it has finished all the same.
      if (error instanceof WorkflowNotFoundError) throw runFinished();
      throw updateRefusal(error, runRefusalCodes) ?? error;
    }
    res.json(syncRunView(await requireSyncRun(db, syncId)));
  };
  router.post('/api/syncs/:syncId/approve', requireRole('support'), decide(approveUpdate));
  router.post('/api/syncs/:syncId/reject', requireRole('support'), decide(rejectUpdate));
  router.post('/api/syncs/:syncId/cancel', requireRole('support'), decide(cancelUpdate));
  return router;
}
