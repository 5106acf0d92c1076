// GET /tenants/:id: the tenant page, read with the API's own views (the tenant, its runs, its
// history). An unknown tenant is the API's 404, shown as a page by the console's error handler.
import type { Router } from 'express';
import type { Db } from '../../common/db';
import { apiRouter } from '../../api/params';
import { tenantPageData } from '../data/tenant-page';
import { TenantPage } from '../pages/tenant';
import { sendPage } from '../render';
import { pageContext } from '../signed-in';

export function tenantPage(db: Db): Router {
  // The API's path checks: an id no tenant can have is the same 404, and never reaches Postgres.
  const router = apiRouter();
  router.get('/tenants/:id', async (req, res) => {
    const data = await tenantPageData(db, String(req.params.id), req.query.historyCursor);
    sendPage(res, TenantPage({ ctx: pageContext(res), data }));
  });
  return router;
}
