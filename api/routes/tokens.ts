// /api/tokens: admins create, list and revoke API tokens (the console's API tokens page, or a
// script). A token is shown once, in the answer that creates it; lists show names, roles and
// dates, never a token or its hash. Revoking ends the token's console sessions too, since each
// request identifies its session's token again (console/session.ts).
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import { line } from '../../common/validation';
import { callerOf, requireRole } from '../auth';
import { ApiError, parseBody } from '../errors';
import { apiRouter } from '../params';
import { createToken, findToken, listTokens, revokeToken, roles, type TokenRow } from '../tokens';

const log = loggerFor('api');

// The name ROSTER_ADMIN_TOKEN acts under in every history: no stored token may take it.
const envAdminName = 'admin-env';

export const createTokenBody = z.strictObject({
  name: line(200)
    .trim()
    .min(1, 'must not be empty')
    .refine((name) => name !== envAdminName, `'${envAdminName}' is the name of ROSTER_ADMIN_TOKEN: pick another`),
  role: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }),
});

export const tokenSchema = z
  .object({ name: z.string(), role: z.enum(roles), createdAt: z.iso.datetime(), revokedAt: z.iso.datetime().nullable() })
  .meta({ id: 'ApiToken' });
export const tokenListSchema = z.object({ tokens: z.array(tokenSchema) });
export const createdTokenSchema = tokenSchema.extend({
  token: z.string().meta({ description: 'The token itself: this answer is the only place it is ever shown.' }),
});

const tokenView = (row: TokenRow): z.output<typeof tokenSchema> => ({
  name: row.name,
  role: row.role,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === '23505';

export function tokenRoutes({ db }: { db: Db }): Router {
  const router = apiRouter();

  router.get('/api/tokens', requireRole('admin'), async (_req, res) => {
    res.json({ tokens: (await listTokens(db)).map(tokenView) } satisfies z.output<typeof tokenListSchema>);
  });

  router.post('/api/tokens', requireRole('admin'), async (req, res) => {
    const { name, role } = parseBody(createTokenBody, req.body);
    const token = await createToken(db, name, role).catch((error: unknown) => {
      // Names are unique, revoked ones included, so a name in any history names one token.
      if (isUniqueViolation(error)) throw new ApiError(409, 'token_exists', `A token named '${name}' exists already (revoked ones keep their names): pick another name.`);
      throw error;
    });
    const created = await findToken(db, name);
    log.info('api token created', { name, role, by: callerOf(req).name });
    res.status(201).json({ ...tokenView(created!), token } satisfies z.output<typeof createdTokenSchema>);
  });

  router.delete('/api/tokens/:name', requireRole('admin'), async (req, res) => {
    const name = String(req.params.name);
    if (!(await revokeToken(db, name))) {
      const row = await findToken(db, name);
      if (!row) throw new ApiError(404, 'token_not_found', `There is no API token '${name}'${name === envAdminName ? ': ROSTER_ADMIN_TOKEN is set in the environment, not revoked here' : ''}.`);
      throw new ApiError(409, 'token_revoked', `The token '${name}' was revoked already, at ${row.revoked_at!.toISOString()}.`);
    }
    log.info('api token revoked', { name, by: callerOf(req).name });
    res.json(tokenView((await findToken(db, name))!));
  });

  return router;
}
