// One log line per request. It names the matched route pattern, never the raw URL, whose path
// may carry a link token.
import type { Request, RequestHandler } from 'express';
import { loggerFor } from '../common/logger';

const log = loggerFor('api');

/** The route pattern a request matched (`/api/tenants/:id`), never its URL; the log and the metrics name requests by it. */
export const routePattern = (req: Request): string => (req.route ? String(req.route.path) : 'unmatched');

export const requestLog: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    log.info('request', {
      method: req.method,
      route: routePattern(req),
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
    });
  });
  next();
};
