// The demo platform of the embedded default: the SCIM server of dev/scim-server, mounted at
// /scim, where every tenant gets its own SCIM endpoint on first use (one local token for all,
// kept in the data folder), and its accounts persist in the data folder.
import { join } from 'node:path';
import { Router } from 'express';
import { createScimServer, demoCustomSchema } from './scim-server';

export interface DemoPlatform {
  router: Router;
  /** What the worker needs to reach a tenant's demo endpoint. */
  endpoint(tenantId: string): { baseUrl: string; customSchema: string; maxRequestsPerSecond: number; concurrency: number };
  token: string;
}

export function startDemoPlatform({ dataDir, apiUrl, token }: { dataDir: string; apiUrl: string; token: string }): DemoPlatform {
  const server = createScimServer({ file: join(dataDir, 'demo-platform.json') });
  const router = Router();
  router.use('/scim/:tenantId', (req, _res, next) => {
    if (!server.tenant(req.params.tenantId)) server.addTenant(req.params.tenantId, token);
    next();
  });
  router.use('/scim', server.router);
  return {
    router,
    token,
    // In-process and local: no reason to keep a real platform's pace.
    endpoint: (tenantId) => ({ baseUrl: `${apiUrl}/scim/${tenantId}/v2`, customSchema: demoCustomSchema, maxRequestsPerSecond: 200, concurrency: 8 }),
  };
}
