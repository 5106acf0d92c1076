// Pages need a signed-in session: without one, the browser goes to sign-in and comes back.
import type { RequestHandler, Response } from 'express';
import type { Db } from '../common/db';
import type { ConsoleAssets } from './assets';
import type { PageContext } from './render';
import { csrfToken, sessionCaller } from './session';

export function requireSignIn(db: Db, adminToken: string | undefined, assets: ConsoleAssets, temporalUiUrl?: string): RequestHandler {
  return async (req, res, next) => {
    const caller = await sessionCaller(db, req, adminToken);
    if (!caller) return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    const ctx: PageContext = { caller, csrf: csrfToken(req), assets, url: req.originalUrl, temporalUiUrl };
    res.locals.page = ctx;
    next();
  };
}

export const pageContext = (res: Response): PageContext => res.locals.page as PageContext;
