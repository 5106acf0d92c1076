// Every request a tenant's SCIM endpoint receives, in arrival order, so tests can assert what a
// client did and did not do (and when: the pacer is checked against these timestamps).
import type { Request, RequestHandler } from 'express';

export interface ScimOperation {
  /** Arrival, in ms since the epoch. */
  at: number;
  /** When the answer was handed over. */
  doneAt?: number;
  method: string;
  /** Relative to the tenant's SCIM base, without the query. */
  path: string;
  query: URLSearchParams;
  /** The user or group the request addressed, or created. */
  resourceId?: string;
  status?: number;
  body?: unknown;
}

export function recordOperations(logOf: (request: Request) => ScimOperation[] | undefined): RequestHandler {
  return (request, response, next) => {
    const log = logOf(request);
    if (!log) return next();
    const [, resourceType, id] = request.path.split('/');
    const operation: ScimOperation = {
      at: Date.now(),
      method: request.method,
      path: request.path,
      query: new URLSearchParams(request.url.split('?')[1] ?? ''),
      resourceId: resourceType === 'Users' || resourceType === 'Groups' ? id : undefined,
      body: request.body,
    };
    log.push(operation);
    // Recorded before the answer leaves, so a client that has its answer always finds it logged.
    const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
    response.end = ((...args: unknown[]) => {
      operation.status = response.statusCode;
      operation.doneAt = Date.now();
      operation.resourceId ??= response.locals.createdId as string | undefined;
      return end(...args);
    }) as typeof response.end;
    next();
  };
}
