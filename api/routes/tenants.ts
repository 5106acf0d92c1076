// /api/tenants: create, list, read, config and kick-off. Stage rules live in the tenant
// workflow's validators; this file validates input, stores secrets and reads projections.
import type { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../common/db';
import type { SecretStore } from '../../common/secrets';
import { stages } from '../../common/stages';
import { validateTenantConfig } from '../../common/tenant-config';
import type { PlatformSettings } from '../../common/tenant';
import { reasonText } from '../../common/validation';
import { changeConfigUpdate, completeKickoffUpdate } from '../../workflows/tenant-messages';
import { hasUsersFile } from '../../activities/hris/csv/files';
import { callerOf, requireRole } from '../auth';
import { authorizeCsvTenant } from '../csv-authorization';
import { ApiError, parseBody, validationFailed } from '../errors';
import { tenantInputSchema } from '../tenant-input';
import { findTenant, tenantSummary, tenantView, type TenantRow } from '../tenant-view';
import { nextRunLookup, type TenantWorkflows } from '../tenant-workflows';
import { apiRouter } from '../params';

export interface TenantRouteDeps {
  db: Db;
  client: Client;
  secrets: SecretStore;
  workflows: TenantWorkflows;
  allowPrivateUrls: boolean;
  minScheduleMinutes: number;
}

const reasonBody = z.strictObject({ reason: reasonText.optional() });
const listQuery = z.object({ stage: z.enum(stages, { message: `must be one of: ${stages.join(', ')}` }).optional() });

export function tenantRoutes({ db, client, secrets, workflows, allowPrivateUrls, minScheduleMinutes }: TenantRouteDeps): Router {
  const router = apiRouter();
  const inputSchema = tenantInputSchema(allowPrivateUrls);

  const load = async (id: string): Promise<TenantRow> => {
    const row = await findTenant(db, id);
    if (!row) throw new ApiError(404, 'tenant_not_found', `There is no tenant '${id}'.`);
    return row;
  };
  const reload = async (id: string) => tenantView(db, await load(id));

  router.post('/api/tenants', requireRole('support'), async (req, res) => {
    const input = parseBody(inputSchema, req.body);
    const actor = callerOf(req).name;
    const now = new Date();
    const created = await db.transaction(async (trx) => {
      const taken = await trx('tenants').insert({ id: input.id, name: input.name, stage: 'kickoff', hris: '{}', platform: '{}', contacts: '{}', created_by: actor, created_at: now, updated_at: now }).onConflict('id').ignore().returning('id');
      if (taken.length === 0) return false;
      let platform: PlatformSettings;
      if (input.platform.kind === 'scim') {
        const { token, ...settings } = input.platform;
        platform = { ...settings, tokenRef: await secrets.put(input.id, 'platform_token', token, trx) };
      } else platform = input.platform;
      await trx('tenants').where({ id: input.id }).update({ hris: JSON.stringify(input.hris), platform: JSON.stringify(platform), contacts: JSON.stringify(input.contacts) });
      await trx('tenant_history').insert({ id: crypto.randomUUID(), tenant_id: input.id, at: now, actor, action: 'created', to_stage: 'kickoff' });
      return true;
    });
    const row = await load(input.id);
    // A create that crashed before starting the workflow is repaired here (and by the start-up reconciler).
    await workflows.ensureStarted(row);
    if (!created) throw new ApiError(409, 'tenant_exists', `The tenant id '${input.id}' is already taken; tenant ids are never reused.`);
    res.status(201).json(await tenantView(db, row));
  });

  router.get('/api/tenants', async (req, res) => {
    const { stage } = parseBody(listQuery, req.query);
    const rows: TenantRow[] = await db('tenants').modify((q) => (stage ? q.where({ stage }) : q)).orderBy('id');
    res.json({ tenants: rows.map(tenantSummary) });
  });

  router.get('/api/tenants/:id', async (req, res) => {
    res.json(await tenantView(db, await load(String(req.params.id)), nextRunLookup(client)));
  });

  router.put('/api/tenants/:id/config', requireRole('support'), async (req, res) => {
    const row = await load(String(req.params.id));
    const validation = validateTenantConfig(req.body, { minScheduleMinutes, now: new Date() });
    if (!validation.ok) throw validationFailed(validation.details);
    await workflows.update(row, changeConfigUpdate, { config: validation.config, warnings: validation.warnings, actor: callerOf(req).name });
    res.json(await reload(row.id));
  });

  router.post('/api/tenants/:id/kickoff/complete', requireRole('support'), async (req, res) => {
    const { reason } = parseBody(reasonBody, req.body);
    const row = await load(String(req.params.id));
    const actor = callerOf(req).name;
    await workflows.update(row, completeKickoffUpdate, { actor, reason });
    // A CSV tenant whose users.csv came during kick-off has what a key would give: it is authorised at once.
    if (row.hris.provider === 'csv' && (await hasUsersFile(db, row.id))) await authorizeCsvTenant({ db, secrets, workflows }, row, actor);
    res.json(await reload(row.id));
  });

  return router;
}
