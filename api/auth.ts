// Token auth with three roles: viewer (read), support (drive tenants), admin (everything). Scripts
// send a bearer token; the console's browser sends its session cookie, and with it, on a write,
// the session's CSRF token.
import type { Request, RequestHandler } from 'express';
import type { Db } from '../common/db';
import { carriesCsrfToken, sessionCaller } from '../console/session';
import { ApiError } from './errors';
import { identify, roles, type Caller, type Role } from './tokens';

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

const callers = new WeakMap<Request, Caller>();

/** `csrfOnWrites: false` only for routes that change nothing whatever their method (the codec endpoint). */
export function authenticate(db: Db, adminToken: string | undefined, { csrfOnWrites = true } = {}): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (header === undefined && req.session?.signedIn) {
      const caller = await sessionCaller(db, req, adminToken);
      if (!caller) throw new ApiError(401, 'unauthenticated', 'The token this console session was signed in with has been revoked: sign in again.');
      if (csrfOnWrites && !reads.has(req.method) && !carriesCsrfToken(req)) throw new ApiError(403, 'csrf_token_invalid', "A write through the console's session needs its CSRF token in X-CSRF-Token: reload the page and try again.");
      callers.set(req, caller);
      return next();
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
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
