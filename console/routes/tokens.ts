// GET /tokens: the API tokens page, for admins (others get a 403 page). It reads the API's own
// listing; creating and revoking are the page's forms to /api/tokens.
import { Router } from 'express';
import type { Db } from '../../common/db';
import { listTokens } from '../../api/tokens';
import { ProblemPage } from '../pages/problem';
import { TokensPage } from '../pages/tokens';
import { sendPage } from '../render';
import { pageContext } from '../signed-in';

export function tokenPages(db: Db): Router {
  const router = Router();
  router.get('/tokens', async (_req, res) => {
    const ctx = pageContext(res);
    if (ctx.caller.role !== 'admin') {
      return sendPage(res, ProblemPage({ ctx, title: 'Not allowed', message: `Only admins manage API tokens; you are signed in as ${ctx.caller.name}, with the ${ctx.caller.role} role.` }), 403);
    }
    sendPage(res, TokensPage({ ctx, tokens: await listTokens(db) }));
  });
  return router;
}
