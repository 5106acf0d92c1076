// Bearer-token auth with three roles: viewer (read), support (drive tenants), admin (everything).
import type { Request, RequestHandler } from 'express';
import type { Db } from '../common/db';
import { ApiError } from './errors';
import { identify, roles, type Caller, type Role } from './tokens';

const callers = new WeakMap<Request, Caller>();

export function authenticate(db: Db, adminToken: string | undefined): RequestHandler {
  return async (req, _res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match) throw new ApiError(401, 'unauthenticated', 'Send an API token as "Authorization: Bearer <token>" (create one with npm run token -- create).');
    const caller = await identify(db, match[1]!, adminToken);
    if (!caller) throw new ApiError(401, 'unauthenticated', 'The API token is unknown or revoked.');
    callers.set(req, caller);
    next();
  };
}

export function requireRole(role: Role): RequestHandler {
  return (req, _res, next) => {
    const caller = callerOf(req);
    if (roles.indexOf(caller.role) < roles.indexOf(role)) {
      throw new ApiError(403, 'forbidden', `This needs the '${role}' role; the token '${caller.name}' has '${caller.role}'.`);
    }
    next();
  };
}

export function callerOf(req: Request): Caller {
  const caller = callers.get(req);
  if (!caller) throw new Error('callerOf used on a route without authenticate');
  return caller;
}
