// GET /tenants/:id/demo: a demo tenant's HR directory, read as GET /api/tenants/:id/demo/people
// reads it; hiring, changing and terminating are the page's forms to those routes. Any other
// tenant gets the API's own refusal as a page.
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../common/db';
import * as directory from '../../activities/hris/demo/directory';
import { demoTenantOf } from '../../api/routes/demo-directory';
import { ApiError } from '../../api/errors';
import { apiRouter, pathParams } from '../../api/params';
import { ProblemPage } from '../pages/problem';
import { DemoDirectoryPage } from '../pages/demo-directory';
import { sendPage } from '../render';
import { pageContext } from '../signed-in';

// The person whose forms the page opens, and the last person of the page before: ids the address
// names, never a name or an e-mail. A hand-edited one opens nothing, or the first page.
const hrisId = pathParams.hrisId.schema.optional().catch(undefined);
const pageQuery = z.object({ person: hrisId, cursor: hrisId });
const PAGE_SIZE = 50;

export function demoDirectoryPages(db: Db): Router {
  // Its `:id` is checked as the API checks it: an impossible id is the same 404 page as an unknown one.
  const router = apiRouter();
  router.get('/tenants/:id/demo', async (req, res) => {
    const ctx = pageContext(res);
    let demo: Awaited<ReturnType<typeof demoTenantOf>>;
    try {
      demo = await demoTenantOf(db, String(req.params.id));
    } catch (error) {
      // Not a demo tenant, or offboarded: the API's sentence says which. An unknown one is the 404 page.
      if (error instanceof ApiError && error.status === 409) return sendPage(res, ProblemPage({ ctx, title: 'No demo directory', message: error.message }), 409);
      throw error;
    }
    const { person, cursor } = pageQuery.parse(req.query);
    const people = await directory.page(db, demo.tenantId, { after: cursor ?? '', limit: PAGE_SIZE + 1, today: demo.today });
    const shown = people.slice(0, PAGE_SIZE);
    const selected = person === undefined ? undefined : { hrisId: person, person: await directory.find(db, demo.tenantId, person, demo.today) };
    const page = { people: shown, cursor, nextCursor: people.length > PAGE_SIZE ? shown.at(-1)!.hrisId : null };
    sendPage(res, DemoDirectoryPage({ ctx, tenant: demo.tenant, today: demo.today, timezone: demo.timezone, page, selected }));
  });
  return router;
}
