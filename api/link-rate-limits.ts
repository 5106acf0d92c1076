// Rate limits on the routes an authorization link opens (the page and the JSON redemption), which
// need no bearer token: per client address and per link, in memory (one API process keeps its own
// counts). A customer's HRIS admin opens the page, perhaps reloads it, and sends at most five
// rejected keys and one good one: a dozen requests. The limits leave room for that several times
// over and still stop a script hammering a link or walking tokens. Each try of a key is also
// bounded by the link itself (MAX_REJECTED_KEYS).
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { hashLinkToken } from '../common/authorization-links';
import { loggerFor } from '../common/logger';
import { ApiError } from './errors';

const log = loggerFor('api');

const WINDOW_MS = 15 * 60_000;
/** Requests to link routes from one address (an IPv6 /56 counts as one) per window: a whole office behind one NAT. */
export const PER_ADDRESS_LIMIT = 100;
/** Requests for one link per window, from wherever they come. */
export const PER_LINK_LIMIT = 30;

function refusal(which: string): (req: Request, res: Response, next: (error: ApiError) => void) => void {
  return (_req, res, next) => {
    const minutes = Math.max(1, Math.ceil(Number(res.getHeader('Retry-After')) / 60));
    next(new ApiError(429, 'rate_limited', `Too many requests ${which} in a short time. Nothing was changed: wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`));
  };
}

// The library's checks of its setup (e.g. X-Forwarded-For arriving while trust proxy is off) go to the log.
const warn = (error: unknown) => log.warn('link rate limits: check ROSTER_TRUST_PROXY', { error });
const logger = { warn, error: warn };

/** The limits for one app: the per-address check first, then the per-link one (the route's `:linkToken`). */
export function linkRateLimits(): RequestHandler[] {
  const common = { windowMs: WINDOW_MS, standardHeaders: 'draft-8', legacyHeaders: false, logger } as const;
  return [
    // The library's own key: the client's address (req.ip, so ROSTER_TRUST_PROXY applies), with its checks.
    rateLimit({ ...common, limit: PER_ADDRESS_LIMIT, identifier: 'link-address', handler: refusal('to authorization links from your address') }),
    // Keyed by the token's hash, so the limiter's memory holds no usable token.
    rateLimit({ ...common, limit: PER_LINK_LIMIT, identifier: 'link', keyGenerator: (req) => hashLinkToken(String(req.params.linkToken)), handler: refusal('for this link') }),
  ];
}
