// Misbehaviour a test can ask of the fake platform for its next requests: throttling (429 / 503
// with Retry-After), outages, rejected tokens, slow answers. scimmy cannot produce these itself.
import type { Request, RequestHandler } from 'express';

export type Fault = { status: number; retryAfterSeconds?: number } | { delayMs: number };

export function applyFaults(faultsOf: (request: Request) => Fault[] | undefined): RequestHandler {
  return (request, response, next) => {
    const fault = faultsOf(request)?.shift();
    if (!fault) return next();
    if ('delayMs' in fault) {
      setTimeout(next, fault.delayMs);
      return;
    }
    if (fault.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(fault.retryAfterSeconds));
    response
      .status(fault.status)
      .type('application/scim+json')
      .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(fault.status), detail: 'Injected fault' });
  };
}
