// Starting runs (always through the tenant workflow: ARCHITECTURE.md principle 4) and deciding
// about them: approve or reject a held run, cancel an open one.
import { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../common/db';
import { readsChanges } from '../../common/tenant';
import { syncWorkflowId } from '../../common/sync-run';
import { approveUpdate, cancelUpdate, rejectUpdate } from '../../workflows/sync-messages';
import { requestSyncUpdate } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { ApiError, parseBody, updateRefusal } from '../errors';
import { findTenant } from '../tenant-view';
import type { TenantWorkflows } from '../tenant-workflows';

const empty = z.strictObject({});
const syncBody = z.strictObject({ read: z.enum(['full', 'incremental']).optional() });
const withNote = z.strictObject({ reason: z.string().max(1000).optional(), note: z.string().max(1000).optional() });

export function syncRequestRoutes({ db, client, workflows, showRun }: { db: Db; client: Client; workflows: TenantWorkflows; showRun: (syncId: string) => Promise<unknown> }): Router {
  const router = Router();

  const request = (trigger: 'manual' | 'test', mode: 'apply' | 'dry_run') => async (req: Request, res: Response) => {
    const { read } = mode === 'apply' ? parseBody(syncBody, req.body) : parseBody(empty, req.body);
    const row = await findTenant(db, String(req.params.id));
    if (!row) throw new ApiError(404, 'tenant_not_found', `There is no tenant '${req.params.id}'.`);
    if (read === 'incremental' && !readsChanges(row.hris)) {
      throw new ApiError(400, 'incremental_not_supported', `${row.hris.provider} cannot say who changed, so its directory is always read in full; leave out "read".`);
    }
    const { syncId } = await workflows.update(row, requestSyncUpdate, { trigger, mode, actor: callerOf(req).name, ...(read && { read }) });
    res.status(202).json({ syncId });
  };
  router.post('/api/tenants/:id/syncs', requireRole('support'), request('manual', 'apply'));
  router.post('/api/tenants/:id/test-runs', requireRole('support'), request('test', 'dry_run'));

  const decide = (definition: typeof approveUpdate) => async (req: Request, res: Response) => {
    const { reason, note } = parseBody(withNote, req.body);
    const syncId = String(req.params.syncId);
    const run = await db('sync_runs').where({ id: syncId }).first('id', 'finished_at');
    if (!run) throw new ApiError(404, 'sync_not_found', `There is no sync run '${syncId}'.`);
    if (run.finished_at) throw new ApiError(409, 'run_finished', 'The run has finished; there is nothing to decide.');
    try {
      await client.workflow.getHandle(syncWorkflowId(syncId)).executeUpdate(definition, { args: [{ actor: callerOf(req).name, reason: reason ?? note }] });
    } catch (error) {
      throw updateRefusal(error) ?? error;
    }
    res.json(await showRun(syncId));
  };
  router.post('/api/syncs/:syncId/approve', requireRole('support'), decide(approveUpdate));
  router.post('/api/syncs/:syncId/reject', requireRole('support'), decide(rejectUpdate));
  router.post('/api/syncs/:syncId/cancel', requireRole('support'), decide(cancelUpdate));
  return router;
}
