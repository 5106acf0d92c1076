// The server span of each request, continuing the caller's trace (W3C traceparent) and parent of
// everything the request does: its Updates and workflow starts carry the trace on to the worker.
// Named by the matched route pattern, never the raw URL, whose path may carry a link token.
// A middleware rather than the http instrumentation, whose module patching ESM under tsx defeats.
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { routePattern } from './request-log';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';

const tracer = trace.getTracer('roster-api');

export const requestSpan: RequestHandler = (req, res, next) => {
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method } }, parent);
  res.on('close', () => {
    const route = routePattern(req);
    span.updateName(`${req.method} ${route}`);
    span.setAttributes({ [ATTR_HTTP_ROUTE]: route, [ATTR_HTTP_RESPONSE_STATUS_CODE]: res.statusCode });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), next);
};
