// GET /runs/:syncId (a run), GET /tenants/:id/people (find a person of the tenant's latest runs)
// and GET /tenants/:id/people/:hrisId (one person across runs), from the API's own reads.
import { Router } from 'express';
import type { Db } from '../../common/db';
import { apiRouter, requireTenant } from '../../api/params';
import { line } from '../../common/validation';
import { findPeople, personPage, tracePage } from '../data/person';
import { itemsParams, runPageData } from '../data/run-page';
import { PeopleSearchPage, PersonPage } from '../pages/person';
import { RunPage } from '../pages/run';
import { sendPage } from '../render';
import { pageContext } from '../signed-in';

const searchText = line(200);

export function runPages(db: Db): Router {
  // The API's path checks: a malformed tenant, run or person id is the 404 page before any read.
  const router: Router = apiRouter();
  router.get('/runs/:syncId', async (req, res) => {
    const params = itemsParams(req.query);
    const data = await runPageData(db, String(req.params.syncId), params);
    sendPage(res, RunPage({ ctx: pageContext(res), data, filter: { action: params.action, q: params.q, cursor: params.cursor } }));
  });

  router.get('/tenants/:id/people', async (req, res) => {
    const tenant = await requireTenant(db, String(req.params.id));
    const parsed = searchText.safeParse(req.query.q);
    const q = parsed.success && parsed.data.trim() ? parsed.data.trim() : undefined;
    const matches = q ? await findPeople(db, tenant.id, q) : [];
    sendPage(res, PeopleSearchPage({ ctx: pageContext(res), tenant, q, matches }));
  });

  router.get('/tenants/:id/people/:hrisId', async (req, res) => {
    const tenant = await requireTenant(db, String(req.params.id));
    const hrisId = String(req.params.hrisId);
    const [person, trace] = await Promise.all([personPage(db, tenant.id, hrisId), tracePage(db, tenant.id, hrisId, req.query.trace)]);
    sendPage(res, PersonPage({ ctx: pageContext(res), tenant, person, trace }));
  });
  return router;
}
