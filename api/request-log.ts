// One log line per request. It names the matched route pattern, never the raw URL, whose path
// may carry a link token.
import type { RequestHandler } from 'express';
import { log } from '../common/logger';

export const requestLog: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    log.info('request', {
      method: req.method,
      route: req.route ? String(req.route.path) : 'unmatched',
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
    });
  });
  next();
};
