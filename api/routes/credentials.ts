// The tenant's HRIS key, entered by support: verified against the HR system before anything is
// kept, then sealed in the secret store; the workflow receives only its reference. A CSV tenant
// has no key: an empty body authorises it once its users.csv is accepted.
import type { Router } from 'express';
import { setCredentialUpdate } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { parseBody } from '../errors';
import { authorizeCsvTenant, csvCredentialBody, keyBody, verifyKey, type CredentialDeps, type KeyCheckDeps } from '../hris-credentials';
import { apiRouter, requireTenant } from '../params';
import { currentTenantView } from '../tenant-view';
import { refuseUnlessAllowed, sendSealed } from '../tenant-workflows';

export function credentialRoutes(deps: CredentialDeps & KeyCheckDeps): Router {
  const { db, secrets, workflows } = deps;
  const router = apiRouter();
  router.post('/api/tenants/:id/credentials', requireRole('support'), async (req, res) => {
    const row = await requireTenant(db, String(req.params.id));
    const body = row.hris.provider === 'csv' ? parseBody(csvCredentialBody, req.body) : parseBody(keyBody, req.body);
    // What the stage refuses is answered before the HR system is asked or anything is sealed.
    refuseUnlessAllowed(row.stage, 'authorize');
    const actor = callerOf(req).name;
    if ('apiKey' in body) {
      await verifyKey(deps, row.id, row.hris, body.apiKey);
      await sendSealed(secrets, row.id, 'hris_key', body.apiKey, (credentialRef) => workflows.update(row, setCredentialUpdate, { credentialRef, actor }));
    } else await authorizeCsvTenant(deps, row, actor);
    res.json(await currentTenantView(db, row.id));
  });
  return router;
}
