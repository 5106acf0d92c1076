// GET /tenants: the tenants page, from the same listing, query schema and cursors as GET /api/tenants.
import { Router } from 'express';
import type { Db } from '../../common/db';
import { decodeCursor, given, pageOf } from '../../api/paging';
import { tenantListQuery, tenantPosition } from '../../api/routes/tenants';
import { containsPattern } from '../../api/paging';
import { stageCounts, tenantListPage } from '../data/tenant-list';
import { TenantsPage } from '../pages/tenants';
import { pageContext } from '../signed-in';
import { sendPage } from '../render';

export function tenantPages(db: Db): Router {
  const router = Router();
  router.get('/tenants', async (req, res) => {
    const parsed = tenantListQuery.safeParse(given(req.query));
    // A hand-edited address shows every tenant rather than an error page.
    const { stage, q, hasProblems, cursor, limit } = parsed.success ? parsed.data : tenantListQuery.parse({});
    const after = cursor === undefined ? undefined : decodeCursor(cursor, tenantPosition);
    const page = pageOf(await tenantListPage(db, { stage, matching: q && containsPattern(q), hasProblems, after, limit: limit + 1 }), limit, (entry) => entry.tenant.id);
    const counts = await stageCounts(db);
    sendPage(res, TenantsPage({ ctx: pageContext(res), entries: page.rows, counts, filter: { stage, q, hasProblems, cursor }, nextCursor: page.nextCursor }));
  });
  return router;
}
