// Path parameters, checked before any route reads anything: an id that no tenant, run or person
// can have answers the same 404 as one that does not exist, and never reaches Postgres (which
// refuses NUL in text, so such a query would be a 500). Every router with path parameters is made
// here, so a route cannot forget the check. Link tokens are checked by findLinkByToken the same way.
// requireTenant then reads the tenant an `:id` names, with the one 404 for an unknown tenant.
// The same schemas are the path parameters of the published contract (api/openapi/).
import { Router, type RequestParamHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../common/db';
import { tenantIdPattern } from '../common/tenant';
import { findTenant, type TenantRow } from '../common/tenants-repository';
import { shown } from '../common/tenant-config/messages';
import { line } from '../common/validation';
import { ApiError, type ApiErrorCode } from './errors';
import { tenantIdRule } from './tenant-input';

/** A checked path parameter: its schema, and the 404 for a value it refuses. */
interface PathParam {
  schema: z.ZodType<string>;
  notFound: ApiErrorCode;
  refusal: (value: string) => string;
}

export const pathParams = {
  id: {
    schema: z.string().regex(tenantIdPattern).meta({ description: `The tenant id: it ${tenantIdRule}.`, example: 'acme-corp' }),
    notFound: 'tenant_not_found',
    refusal: (value) => `There is no tenant ${shown(value)}: a tenant id ${tenantIdRule}.`,
  },
  // Run ids are made by the tenant workflow (uuid4).
  syncId: {
    schema: z
      .string()
      .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)
      .meta({ description: 'The sync run id, a UUID.', example: '0b6c3a52-5a0e-4d3c-9a43-2f0f6f7c1f7e' }),
    notFound: 'sync_not_found',
    refusal: (value) => `There is no sync run ${shown(value)}: run ids are UUIDs.`,
  },
  // HR systems choose their own ids (plan_items.hris_id is a varchar(255)).
  hrisId: {
    schema: line(255).meta({ description: "The person's id in the HR system.", example: 'demo-0001' }),
    notFound: 'person_not_found',
    refusal: (value) => `There is no person ${shown(value)}: an HR system id has at most 255 characters and no control characters.`,
  },
  // API token names (routes/tokens.ts); tokens made by the CLI before may hold any printable text.
  name: {
    schema: line(200).meta({ description: "The API token's name.", example: 'payroll-script' }),
    notFound: 'token_not_found',
    refusal: (value) => `There is no API token ${shown(value)}: a token name has at most 200 characters and no control characters.`,
  },
} satisfies Record<string, PathParam>;

const check =
  ({ schema, notFound, refusal }: PathParam): RequestParamHandler =>
  (_req, _res, next, value) => {
    const text = String(value);
    next(schema.safeParse(text).success ? undefined : new ApiError(404, notFound, refusal(text)));
  };

/** A router whose `:id`, `:syncId`, `:hrisId` and `:name` are checked before its handlers run. */
export function apiRouter(): Router {
  const router = Router();
  for (const [name, param] of Object.entries(pathParams)) router.param(name, check(param));
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
