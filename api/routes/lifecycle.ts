// The tenant's lifecycle operations beyond kick-off: revoking the key, approving the test,
// go-live, pause and resume, offboarding. The stage table is enforced by the tenant workflow's
// validators; this file validates bodies and answers with the tenant.
import type { Request, Response, Router } from 'express';
import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import type { Db } from '../../common/db';
import { reasonText } from '../../common/validation';
import { approveTestUpdate, goLiveUpdate, offboardUpdate, pauseUpdate, resumeUpdate, revokeCredentialUpdate, type Actor } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { parseBody } from '../errors';
import { apiRouter, requireTenant } from '../params';
import { currentTenantView } from '../tenant-view';
import type { Role } from '../tokens';
import type { TenantWorkflows } from '../tenant-workflows';

const reason = reasonText.optional();
export const reasonBody = z.strictObject({ reason });
export const noteBody = z.strictObject({ note: reason });
export const goLiveBody = z.strictObject({ at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a timezone' }).optional(), inviteNewUsers: z.boolean().optional() });

export function lifecycleRoutes({ db, workflows }: { db: Db; workflows: TenantWorkflows }): Router {
  const router = apiRouter();

  const operation =
    (role: Role, definition: UpdateDefinition<unknown, [Actor]>, body: z.ZodType<{ reason?: string; note?: string }> = reasonBody) =>
    [
      requireRole(role),
      async (req: Request, res: Response) => {
        const { reason, note } = parseBody(body, req.body ?? {});
        const row = await requireTenant(db, String(req.params.id));
        await workflows.update(row, definition, { actor: callerOf(req).name, reason: reason ?? note });
        res.json(await currentTenantView(db, row.id));
      },
    ] as const;

  router.delete('/api/tenants/:id/credentials', ...operation('support', revokeCredentialUpdate));
  router.post('/api/tenants/:id/test/approve', ...operation('support', approveTestUpdate, noteBody));
  router.post('/api/tenants/:id/pause', ...operation('support', pauseUpdate));
  router.post('/api/tenants/:id/resume', ...operation('support', resumeUpdate));

  router.post('/api/tenants/:id/go-live', requireRole('support'), async (req, res) => {
    const { at, inviteNewUsers } = parseBody(goLiveBody, req.body ?? {});
    const row = await requireTenant(db, String(req.params.id));
    await workflows.update(row, goLiveUpdate, { actor: callerOf(req).name, at, inviteNewUsers });
    res.json(await currentTenantView(db, row.id));
  });

  // Offboarding is idempotent: an offboarded tenant answers as it is.
  router.delete('/api/tenants/:id', requireRole('admin'), async (req, res) => {
    const { reason } = parseBody(reasonBody, req.body ?? {});
    const row = await requireTenant(db, String(req.params.id));
    if (row.stage !== 'offboarded') await workflows.update(row, offboardUpdate, { actor: callerOf(req).name, reason });
    res.json(await currentTenantView(db, row.id));
  });

  return router;
}
