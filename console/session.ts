// The console's sign-in: an API token exchanged for a session kept in Postgres, its id in an
// HttpOnly, SameSite=Strict cookie (Secure when the request came over https). The session keeps
// the token's hash, never the token, and each request identifies it again, so revoking a token
// ends its sessions. A write made with the cookie must carry the session's CSRF token
// (csrf-sync's synchronizer token, sent by the console's script as X-CSRF-Token).
import { ConnectSessionKnexStore } from 'connect-session-knex';
import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Db } from '../common/db';
import { loggerFor } from '../common/logger';
import { identifyByHash, type Caller, type Role } from '../api/tokens';

const log = loggerFor('console');

declare module 'express-session' {
  interface SessionData {
    signedIn?: { tokenHash: string; name: string; role: Role };
  }
}

export const SESSION_COOKIE = 'roster_session';
const SESSION_HOURS = 12;

/** Express's session middleware on the `console_sessions` table; `keys` sign the cookie, the current one first. */
export function consoleSessions(db: Db, keys: Buffer[]): RequestHandler {
  const store = new ConnectSessionKnexStore({
    knex: db,
    tableName: 'console_sessions',
    createTable: false,
    cleanupInterval: 3_600_000,
    onDbCleanupError: (error) => log.warn('expired console sessions were not deleted', { error }),
  });
  // The store checks its table as it is built; a missing table fails each request instead (migrations run first).
  store.ready.catch(() => undefined);
  return session({
    name: SESSION_COOKIE,
    store,
    secret: keys.map((key) => key.toString('base64')),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'strict', secure: 'auto', maxAge: SESSION_HOURS * 3_600_000 },
  });
}

const csrf = csrfSync({ getTokenFromRequest: (req) => req.get('x-csrf-token') ?? (req.body as { _csrf?: string } | undefined)?._csrf });

/** The session's CSRF token, made on first use. */
export const csrfToken = (req: Request): string => csrf.generateToken(req);

/** Whether a write made with the session cookie carries the session's CSRF token. */
export const carriesCsrfToken = (req: Request): boolean => csrf.isRequestValid(req);

/** Who signed this session in, while their token is still valid. */
export async function sessionCaller(db: Db, req: Request, adminToken: string | undefined): Promise<Caller | undefined> {
  const signedIn = req.session?.signedIn;
  return signedIn ? identifyByHash(db, signedIn.tokenHash, adminToken) : undefined;
}

/** Starts a fresh session for the caller (a new id: nothing of a session made before sign-in carries over). */
export async function signIn(req: Request, caller: Caller, tokenHash: string): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
  req.session.signedIn = { tokenHash, name: caller.name, role: caller.role };
  csrf.generateToken(req, true);
  // Saved before the redirect: express-session sends a response's head before its own save ends,
  // and a browser follows a redirect at once, so the next page could find no session yet.
  await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
}

export async function signOut(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
}
