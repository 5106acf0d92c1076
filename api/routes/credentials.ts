// The tenant's HRIS key, entered by support: verified against the HR system before anything is
// kept, then sealed in the secret store; the workflow receives only its reference. A CSV tenant
// has no key: an empty body authorises it once its users.csv is accepted.
import { Router } from 'express';
import { z } from 'zod';
import { createHrisConnector } from '../../activities/hris';
import { isConnectorError } from '../../activities/http/errors';
import type { Db } from '../../common/db';
import type { SecretStore } from '../../common/secrets';
import { setCredentialUpdate } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { authorizeCsvTenant, csvCredentialBody } from '../csv-authorization';
import { ApiError, parseBody } from '../errors';
import { findTenant, tenantView } from '../tenant-view';
import type { TenantWorkflows } from '../tenant-workflows';

const keyBody = z.strictObject({ apiKey: z.string({ message: 'is required: the API key from the HR system' }).trim().min(1, 'is required: the API key from the HR system').max(4096, 'is too long to be an API key') });

/** Verifies a key, answering the way API.md says for every outcome. */
export async function verifyKey(db: Db, tenantId: string, hris: Parameters<typeof createHrisConnector>[0], apiKey: string): Promise<void> {
  try {
    await createHrisConnector(hris, apiKey, { db, tenantId }).verify();
  } catch (error) {
    if (!isConnectorError(error)) throw error;
    if (error.code === 'credentials_rejected') throw new ApiError(400, 'credentials_rejected', 'The HR system rejected this key. Check that it was copied whole and has not been revoked.');
    if (error.code === 'insufficient_scope') throw new ApiError(400, 'credentials_insufficient_scope', 'The key works but cannot see every person (for Humaans it needs the private:read scope). Create a key with full read access.');
    if (error.retryable) throw new ApiError(503, 'hris_unavailable', 'The HR system could not be reached to check the key. Nothing was changed; try again in a few minutes.');
    throw new ApiError(400, 'hris_misconfigured', `The HR system's settings do not work for this tenant (${error.code}). Check its address or subdomain.`);
  }
}

export function credentialRoutes({ db, secrets, workflows }: { db: Db; secrets: SecretStore; workflows: TenantWorkflows }): Router {
  const router = Router();
  router.post('/api/tenants/:id/credentials', requireRole('support'), async (req, res) => {
    const row = await findTenant(db, String(req.params.id));
    if (row?.hris.provider === 'csv') {
      parseBody(csvCredentialBody, req.body);
      await authorizeCsvTenant({ db, secrets, workflows }, row, callerOf(req).name);
      res.json(await tenantView(db, (await findTenant(db, row.id))!));
      return;
    }
    const { apiKey } = parseBody(keyBody, req.body);
    if (!row) throw new ApiError(404, 'tenant_not_found', `There is no tenant '${req.params.id}'.`);
    await verifyKey(db, row.id, row.hris, apiKey);
    const credentialRef = await secrets.put(row.id, 'hris_key', apiKey);
    await workflows.update(row, setCredentialUpdate, { credentialRef, actor: callerOf(req).name });
    res.json(await tenantView(db, (await findTenant(db, row.id))!));
  });
  return router;
}
