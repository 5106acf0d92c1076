// Path parameters, checked before any route reads anything: an id that no tenant, run or person
// can have answers the same 404 as one that does not exist, and never reaches Postgres (which
// refuses NUL in text, so such a query would be a 500). Every router with path parameters is made
// here, so a route cannot forget the check. Link tokens are checked by findLinkByToken the same way.
// requireTenant then reads the tenant an `:id` names, with the one 404 for an unknown tenant.
import { Router, type RequestParamHandler } from 'express';
import type { Db } from '../common/db';
import { tenantIdPattern } from '../common/tenant';
import { findTenant, type TenantRow } from '../common/tenants-repository';
import { shown } from '../common/tenant-config/messages';
import { line } from '../common/validation';
import { ApiError } from './errors';
import { tenantIdRule } from './tenant-input';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// HR systems choose their own ids (plan_items.hris_id is a varchar(255)).
const hrisId = line(255);

const checks: Record<string, (value: string) => ApiError | undefined> = {
  id: (value) => (tenantIdPattern.test(value) ? undefined : new ApiError(404, 'tenant_not_found', `There is no tenant ${shown(value)}: a tenant id ${tenantIdRule}.`)),
  // Run ids are made by the tenant workflow (uuid4).
  syncId: (value) => (uuid.test(value) ? undefined : new ApiError(404, 'sync_not_found', `There is no sync run ${shown(value)}: run ids are UUIDs.`)),
  hrisId: (value) => (hrisId.safeParse(value).success ? undefined : new ApiError(404, 'person_not_found', `There is no person ${shown(value)}: an HR system id has at most 255 characters and no control characters.`)),
};

const check =
  (name: string): RequestParamHandler =>
  (_req, _res, next, value) =>
    next(checks[name]!(String(value)));

/** A router whose `:id`, `:syncId` and `:hrisId` are checked before its handlers run. */
export function apiRouter(): Router {
  const router = Router();
  for (const name of Object.keys(checks)) router.param(name, check(name));
  return router;
}

/**
 * The tenant an id names, or the 404 every route answers for an unknown one. A function rather
 * than a `router.param` loader, which would run before the route's role check and body
 * validation: each route keeps the order in which it answers those and the 404.
 */
export async function requireTenant(db: Db, id: string): Promise<TenantRow> {
  const row = await findTenant(db, id);
  if (!row) throw new ApiError(404, 'tenant_not_found', `There is no tenant '${id}'.`);
  return row;
}
