// Every request has an id: the caller's X-Request-Id when it is a plain token (a proxy's), else a
// new one. The answer echoes it, and every line logged while serving the request names it, with
// the tenant and the run its route is about.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { withLogContext } from '../common/log-context';
import { routePattern } from './request-log';

const header = 'x-request-id';
const plainToken = /^[A-Za-z0-9._:-]{1,128}$/;

/** The tenant and run a route is about, from its params (`/api/tenants/:id/…`, `/api/syncs/:syncId/…`, the console's). */
function subjectOf(req: Request): { tenantId?: string; syncId?: string } {
  const route = routePattern(req);
  // Read when a line is written: outside the matched route the params are gone, and so is the subject.
  const param = (name: string, pattern: string) => (route.includes(pattern) && req.params[name] !== undefined ? String(req.params[name]) : undefined);
  return { tenantId: param('id', '/tenants/:id'), syncId: param('syncId', ':syncId') };
}

export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get(header);
  const id = given && plainToken.test(given) ? given : randomUUID();
  res.set('X-Request-Id', id);
  withLogContext(() => ({ requestId: id, ...subjectOf(req) }), next);
};
