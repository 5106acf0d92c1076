// The tenant's HRIS key, entered by support: verified against the HR system before anything is
// kept, then sealed in the secret store; the workflow receives only its reference. A CSV tenant
// has no key: an empty body authorises it once its users.csv is accepted.
import type { Router } from 'express';
import { z } from 'zod';
import { createHrisConnector } from '../../activities/hris';
import { hrisDescriptor } from '../../activities/hris/registry';
import { isConnectorError } from '../../activities/http/errors';
import type { Db } from '../../common/db';
import type { SecretStore } from '../../common/secrets';
import { allows, refusal } from '../../common/stages';
import { line } from '../../common/validation';
import { setCredentialUpdate } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { authorizeCsvTenant, csvCredentialBody } from '../csv-authorization';
import { ApiError, parseBody } from '../errors';
import { findTenant, tenantView } from '../tenant-view';
import { sendSealed, type TenantWorkflows } from '../tenant-workflows';
import { apiRouter } from '../params';

/** A key as support enters it, or the customer's HRIS admin pastes it into a link. */
export const keyBody = z.strictObject({ apiKey: line(4096, { error: 'is required: the API key from the HR system' }).trim().min(1, 'is required: the API key from the HR system') });

/** Verifies a key, answering the way API.md says for every outcome. */
export async function verifyKey(db: Db, tenantId: string, hris: Parameters<typeof createHrisConnector>[0], apiKey: string): Promise<void> {
  try {
    await createHrisConnector(hris, apiKey, { db, tenantId }).verify();
  } catch (error) {
    if (!isConnectorError(error)) throw error;
    if (error.code === 'credentials_rejected') throw new ApiError(400, 'credentials_rejected', 'The HR system rejected this key. Check that it was copied whole and has not been revoked.');
    if (error.code === 'insufficient_scope') {
      const hint = hrisDescriptor(hris.provider)?.scopeHint;
      throw new ApiError(400, 'credentials_insufficient_scope', `The key works but cannot see every person${hint ? ` (${hint})` : ''}. Create a key with full read access.`);
    }
    if (error.retryable) throw new ApiError(503, 'hris_unavailable', 'The HR system could not be reached to check the key. Nothing was changed; try again in a few minutes.');
    throw new ApiError(400, 'hris_misconfigured', `The HR system's settings do not work for this tenant (${error.code}). Check its address or subdomain.`);
  }
}

export function credentialRoutes({ db, secrets, workflows }: { db: Db; secrets: SecretStore; workflows: TenantWorkflows }): Router {
  const router = apiRouter();
  router.post('/api/tenants/:id/credentials', requireRole('support'), async (req, res) => {
    const row = await findTenant(db, String(req.params.id));
    if (!row) throw new ApiError(404, 'tenant_not_found', `There is no tenant '${req.params.id}'.`);
    const body = row.hris.provider === 'csv' ? parseBody(csvCredentialBody, req.body) : parseBody(keyBody, req.body);
    // What the stage refuses is answered before the HR system is asked or anything is sealed.
    if (!allows(row.stage, 'authorize')) throw new ApiError(409, 'invalid_transition', refusal(row.stage, 'authorize'));
    const actor = callerOf(req).name;
    if ('apiKey' in body) {
      await verifyKey(db, row.id, row.hris, body.apiKey);
      await sendSealed(secrets, row.id, 'hris_key', body.apiKey, (credentialRef) => workflows.update(row, setCredentialUpdate, { credentialRef, actor }));
    } else await authorizeCsvTenant({ db, secrets, workflows }, row, actor);
    res.json(await tenantView(db, (await findTenant(db, row.id))!));
  });
  return router;
}
