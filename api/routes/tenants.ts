// /api/tenants: create, list, read, change settings, history, config and kick-off. Stage rules
// live in the tenant workflow's validators; this file validates input, stores secrets and reads
// projections.
import type { Router } from 'express';
import type { LookupFunction } from 'node:net';
import { z } from 'zod';
import type { Db } from '../../common/db';
import type { SecretStore } from '../../common/secrets';
import { stages } from '../../common/stages';
import { validateTenantConfig } from '../../common/tenant-config';
import type { HrisSettings } from '../../common/tenant';
import { insertTenant, listTenants } from '../../common/tenants-repository';
import { openProblemCountsByTenant } from '../../common/tenant-health/store';
import { tenantIdPattern } from '../../common/tenant';
import { line, reasonText } from '../../common/validation';
import { changeConfigUpdate, changeSettingsUpdate, completeKickoffUpdate, type ChangeSettingsInput } from '../../workflows/tenant-messages';
import { hasUsersFile } from '../../activities/hris/csv/files';
import { callerOf, requireRole } from '../auth';
import { ApiError, jsonBody, parseBody, validationFailed } from '../errors';
import { authorizeCsvTenant } from '../hris-credentials';
import { containsPattern, cursorParam, decodeCursor, given, limitParam, nextCursorSchema, pageOf, positionAfter } from '../paging';
import { apiRouter, requireTenant } from '../params';
import { checkPlatformToken } from '../platform-check';
import { sandboxAddressProblem } from '../sandbox-settings';
import { historyEntrySchema, historyPage, isHistoryEntry } from '../tenant-history';
import { tenantInputSchema } from '../tenant-input';
import { patchSettings, settingsPatchSchema } from '../tenant-settings';
import { currentTenantView, tenantSummary, tenantSummarySchema, tenantView } from '../tenant-view';
import { refuseUnlessAllowed, sendSealed, type TenantWorkflows } from '../tenant-workflows';

export interface TenantRouteDeps {
  db: Db;
  secrets: SecretStore;
  workflows: TenantWorkflows;
  allowPrivateUrls: boolean;
  /** How the API resolves a platform's name when it checks a new token (dns.lookup). */
  lookup?: LookupFunction;
  minScheduleMinutes: number;
}

export const kickoffBody = z.strictObject({ reason: reasonText.optional() });
// Tenants are listed by id, a tenant's history by its entries' ids.
export const tenantPosition = z.string().regex(tenantIdPattern);
const historyPosition = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const tenantListQuery = z.object({
  stage: z.enum(stages, { message: `must be one of: ${stages.join(', ')}` }).optional(),
  q: line(200, { error: 'must be given once' }).optional().meta({ description: 'Matches the id or the name, case-insensitively.' }),
  hasProblems: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: 'true: only tenants with an open problem; false: only those without.' }),
  limit: limitParam(200, 50),
  cursor: cursorParam(tenantPosition),
});
export const tenantListSchema = z.object({ tenants: z.array(tenantSummarySchema).meta({ description: 'By id.' }), nextCursor: nextCursorSchema });
export const historyQuery = z.object({ limit: limitParam(200, 50), cursor: cursorParam(historyPosition) });
export const historyPageSchema = z.object({ history: z.array(historyEntrySchema).meta({ description: 'Newest first.' }), nextCursor: nextCursorSchema });

export function tenantRoutes({ db, secrets, workflows, allowPrivateUrls, lookup, minScheduleMinutes }: TenantRouteDeps): Router {
  const router = apiRouter();
  const inputSchema = tenantInputSchema(allowPrivateUrls);
  const patchSchema = settingsPatchSchema(allowPrivateUrls);

  router.post('/api/tenants', requireRole('support'), async (req, res) => {
    const input = parseBody(inputSchema, req.body);
    const actor = callerOf(req).name;
    const { id, name, contacts } = input;
    // Checked against its provider's own fields, which the schema's union (built from the registry) does not carry as types.
    const hris = input.hris as HrisSettings;
    if (input.platform.kind === 'scim' && input.platform.sandbox) {
      const problem = sandboxAddressProblem(input.platform.sandbox.baseUrl, input.platform.baseUrl);
      if (problem) throw validationFailed([problem]);
    }
    const created = await insertTenant(db, { id, name, hris, contacts, createdBy: actor, at: new Date() }, async (trx) => {
      if (input.platform.kind !== 'scim') return input.platform;
      const { token, sandbox, ...settings } = input.platform;
      const tokenRef = await secrets.put(id, 'platform_token', token, trx);
      // The sandbox's token is sealed as the production one is, and only its reference is kept.
      return { ...settings, tokenRef, ...(sandbox && { sandbox: { baseUrl: sandbox.baseUrl, tokenRef: await secrets.put(id, 'platform_token', sandbox.token, trx) } }) };
    });
    const row = await requireTenant(db, id);
    // A create that crashed before starting the workflow is repaired here (and by the start-up reconciler).
    await workflows.ensureStarted(row);
    if (!created) throw new ApiError(409, 'tenant_exists', `The tenant id '${input.id}' is already taken; tenant ids are never reused.`);
    res.status(201).json(await tenantView(db, row));
  });

  router.get('/api/tenants', async (req, res) => {
    const { stage, q, hasProblems, limit, cursor } = parseBody(tenantListQuery, given(req.query));
    const after = cursor === undefined ? undefined : decodeCursor(cursor, tenantPosition);
    const page = pageOf(await listTenants(db, { stage, matching: q && containsPattern(q), hasProblems, after, limit: limit + 1 }), limit, (row) => row.id);
    const problems = await openProblemCountsByTenant(db, page.rows.map((row) => row.id));
    res.json({ tenants: page.rows.map((row) => tenantSummary(row, problems.get(row.id) ?? 0)), nextCursor: page.nextCursor } satisfies z.output<typeof tenantListSchema>);
  });

  router.get('/api/tenants/:id', async (req, res) => {
    res.json(await currentTenantView(db, String(req.params.id)));
  });

  router.patch('/api/tenants/:id', requireRole('support'), async (req, res) => {
    const patch = parseBody(patchSchema, req.body);
    const row = await requireTenant(db, String(req.params.id));
    refuseUnlessAllowed(row.stage, 'change_settings');
    const { change, newToken, newSandboxToken } = patchSettings(row, patch, allowPrivateUrls);
    const update = { actor: callerOf(req).name, reason: patch.reason, ...change };
    // A new token replaces the old only once its platform has accepted it; each is sealed before the workflow hears of it.
    if (newToken) await checkPlatformToken({ allowPrivateUrls, lookup }, newToken.platform, newToken.token);
    if (newSandboxToken) await checkPlatformToken({ allowPrivateUrls, lookup }, newSandboxToken.platform, newSandboxToken.token);
    // A new sandbox token reaches the workflow only as the reference of its sealed copy.
    const send = (given: ChangeSettingsInput) => {
      if (!newSandboxToken || given.platform?.kind !== 'scim') return workflows.update(row, changeSettingsUpdate, given);
      const { platform } = given;
      const { baseUrl } = newSandboxToken.platform;
      return sendSealed(secrets, row.id, 'platform_token', newSandboxToken.token, (tokenRef) => workflows.update(row, changeSettingsUpdate, { ...given, platform: { ...platform, sandbox: { baseUrl, tokenRef } } }));
    };
    if (!newToken) await send(update);
    else await sendSealed(secrets, row.id, 'platform_token', newToken.token, (platformTokenRef) => send({ ...update, platformTokenRef }));
    res.json(await currentTenantView(db, row.id));
  });

  router.get('/api/tenants/:id/history', async (req, res) => {
    const { limit, cursor } = parseBody(historyQuery, given(req.query));
    const { id } = await requireTenant(db, String(req.params.id));
    const after = await positionAfter(cursor, historyPosition, (entry) => isHistoryEntry(db, id, entry));
    const page = await historyPage(db, id, limit, after);
    res.json({ history: page.entries, nextCursor: page.nextCursor } satisfies z.output<typeof historyPageSchema>);
  });

  router.put('/api/tenants/:id/config', requireRole('support'), async (req, res) => {
    const row = await requireTenant(db, String(req.params.id));
    const validation = validateTenantConfig(jsonBody(req.body), { minScheduleMinutes, now: new Date() });
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
