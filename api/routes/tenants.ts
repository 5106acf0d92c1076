// /api/tenants: create, list, read, config and kick-off. Stage rules live in the tenant
// workflow's validators; this file validates input, stores secrets and reads projections.
import type { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../common/db';
import type { SecretStore } from '../../common/secrets';
import { stages } from '../../common/stages';
import { validateTenantConfig } from '../../common/tenant-config';
import type { HrisSettings } from '../../common/tenant';
import { insertTenant, listTenants } from '../../common/tenants-repository';
import { reasonText } from '../../common/validation';
import { changeConfigUpdate, completeKickoffUpdate } from '../../workflows/tenant-messages';
import { hasUsersFile } from '../../activities/hris/csv/files';
import { callerOf, requireRole } from '../auth';
import { ApiError, parseBody, validationFailed } from '../errors';
import { authorizeCsvTenant } from '../hris-credentials';
import { apiRouter, requireTenant } from '../params';
import { tenantInputSchema } from '../tenant-input';
import { currentTenantView, tenantSummary, tenantSummarySchema, tenantView } from '../tenant-view';
import { nextRunLookup, type TenantWorkflows } from '../tenant-workflows';

export interface TenantRouteDeps {
  db: Db;
  client: Client;
  secrets: SecretStore;
  workflows: TenantWorkflows;
  allowPrivateUrls: boolean;
  minScheduleMinutes: number;
}

export const kickoffBody = z.strictObject({ reason: reasonText.optional() });
export const tenantListQuery = z.object({ stage: z.enum(stages, { message: `must be one of: ${stages.join(', ')}` }).optional() });
export const tenantListSchema = z.object({ tenants: z.array(tenantSummarySchema) });

export function tenantRoutes({ db, client, secrets, workflows, allowPrivateUrls, minScheduleMinutes }: TenantRouteDeps): Router {
  const router = apiRouter();
  const inputSchema = tenantInputSchema(allowPrivateUrls);

  router.post('/api/tenants', requireRole('support'), async (req, res) => {
    const input = parseBody(inputSchema, req.body);
    const actor = callerOf(req).name;
    const { id, name, contacts } = input;
    // Checked against its provider's own fields, which the schema's union (built from the registry) does not carry as types.
    const hris = input.hris as HrisSettings;
    const created = await insertTenant(db, { id, name, hris, contacts, createdBy: actor, at: new Date() }, async (trx) => {
      if (input.platform.kind !== 'scim') return input.platform;
      const { token, ...settings } = input.platform;
      return { ...settings, tokenRef: await secrets.put(id, 'platform_token', token, trx) };
    });
    const row = await requireTenant(db, id);
    // A create that crashed before starting the workflow is repaired here (and by the start-up reconciler).
    await workflows.ensureStarted(row);
    if (!created) throw new ApiError(409, 'tenant_exists', `The tenant id '${input.id}' is already taken; tenant ids are never reused.`);
    res.status(201).json(await tenantView(db, row));
  });

  router.get('/api/tenants', async (req, res) => {
    const { stage } = parseBody(tenantListQuery, req.query);
    res.json({ tenants: (await listTenants(db, { stage })).map(tenantSummary) } satisfies z.output<typeof tenantListSchema>);
  });

  router.get('/api/tenants/:id', async (req, res) => {
    res.json(await currentTenantView(db, String(req.params.id), nextRunLookup(client)));
  });

  router.put('/api/tenants/:id/config', requireRole('support'), async (req, res) => {
    const row = await requireTenant(db, String(req.params.id));
    const validation = validateTenantConfig(req.body, { minScheduleMinutes, now: new Date() });
    if (!validation.ok) throw validationFailed(validation.details);
    await workflows.update(row, changeConfigUpdate, { config: validation.config, warnings: validation.warnings, actor: callerOf(req).name });
    res.json(await currentTenantView(db, row.id));
  });

  router.post('/api/tenants/:id/kickoff/complete', requireRole('support'), async (req, res) => {
    const { reason } = parseBody(kickoffBody, req.body);
    const row = await requireTenant(db, String(req.params.id));
    const actor = callerOf(req).name;
    await workflows.update(row, completeKickoffUpdate, { actor, reason });
    // A CSV tenant whose users.csv came during kick-off has what a key would give: it is authorised at once.
    if (row.hris.provider === 'csv' && (await hasUsersFile(db, row.id))) await authorizeCsvTenant({ db, secrets, workflows }, row, actor);
    res.json(await currentTenantView(db, row.id));
  });

  return router;
}
