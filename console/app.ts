// The support console, served by the API process at `/`, same origin as the API: pages rendered on
// the server from the API's own reads, and one script that sends the pages' forms to the API
// itself, so every rule and refusal is the API's. Sign-in exchanges an API token for a session.
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../common/db';
import type { Keyring } from '../common/secrets';
import { loggerFor } from '../common/logger';
import { line } from '../common/validation';
import { ApiError } from '../api/errors';
import { hashToken, identify } from '../api/tokens';
import { buildConsoleAssets } from './assets';
import { ProblemPage } from './pages/problem';
import { SignInPage } from './pages/sign-in';
import { sendPage } from './render';
import { demoDirectoryPages } from './routes/demo-directory';
import { reportPages } from './routes/reports';
import { runPages } from './routes/runs';
import { tenantPage } from './routes/tenant';
import { tenantEditPages } from './routes/tenant-edit';
import { tenantPages } from './routes/tenants';
import { tokenPages } from './routes/tokens';
import { pageContext, requireSignIn } from './signed-in';
import { signIn, signOut } from './session';

const log = loggerFor('console');

export interface ConsoleDeps {
  db: Db;
  /** Checks the signed report links (common/report-links.ts). */
  keyring: Keyring;
  /** The session middleware (./session.ts), which the API's routes share. */
  sessions: RequestHandler;
  adminToken?: string;
  /** Temporal's Web UI, when the console may link to workflows in it. */
  temporalUiUrl?: string;
}

// Where sign-in may send the browser back to: a path of this site, never another origin.
const localPath = z.string().max(2000).regex(/^\/(?![/\\])[^\s\\]*$/);
const signInForm = z.object({ token: line(500), next: localPath.catch('/tenants') });

// The console's routers: pages for people, outside the API's published contract (the route
// coverage test of test/api/openapi.test.ts leaves them out; the browser tests are theirs).
const consoleRouters = new WeakSet<object>();
export const isConsoleRouter = (handle: unknown): boolean => typeof handle === 'function' && consoleRouters.has(handle);

export function consoleRoutes({ db, keyring, sessions, adminToken, temporalUiUrl }: ConsoleDeps): Router {
  const assets = buildConsoleAssets();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const router = Router();
  router.use(assets.routes);
  // The customer's report: its signed link is the credential, no session.
  router.use(reportPages({ db, keyring, assets }));
  router.use(sessions);

  router.get('/', (_req, res) => res.redirect(303, '/tenants'));
  router.get('/sign-in', (req, res) => {
    sendPage(res, SignInPage({ ctx: { assets }, next: localPath.catch('/tenants').parse(req.query.next) }));
  });
  router.post('/sign-in', form, async (req, res) => {
    const parsed = signInForm.safeParse(req.body);
    const next = parsed.success ? parsed.data.next : '/tenants';
    const caller = parsed.success ? await identify(db, parsed.data.token, adminToken) : undefined;
    if (!parsed.success || !caller) return sendPage(res, SignInPage({ ctx: { assets }, next, problem: 'That token is unknown or revoked. Check it and try again.' }), 401);
    await signIn(req, caller, hashToken(parsed.data.token));
    log.info('console sign-in', { name: caller.name, role: caller.role });
    res.redirect(303, next);
  });
  router.post('/sign-out', form, async (req, res) => {
    if (req.session?.signedIn) await signOut(req);
    res.redirect(303, '/sign-in');
  });

  // Only the console's own paths ask for a session: the API's and the link pages' pass through.
  router.use(['/tenants', '/runs', '/tokens'], requireSignIn(db, adminToken, assets, temporalUiUrl));
  router.use(tenantPages(db));
  router.use(demoDirectoryPages(db));
  router.use(tokenPages(db));
  router.use(runPages(db));
  router.use(tenantEditPages(db));
  router.use(tenantPage(db));

  const pageProblem: ErrorRequestHandler = (error, req, res, _next) => {
    const status = error instanceof ApiError ? error.status : 500;
    if (status >= 500) log.error('console page failed', { path: req.path, error });
    const message = error instanceof ApiError && status < 500 ? error.message : 'Roster could not show this page. Try again; if it keeps failing, the on-call engineer can find it in the logs.';
    const ctx = res.locals.page ? pageContext(res) : { assets };
    sendPage(res, ProblemPage({ ctx, title: status === 404 ? 'Not found' : 'Something went wrong', message }), status);
  };
  router.use(pageProblem);
  consoleRouters.add(router);
  return router;
}
