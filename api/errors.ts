// The API's one error shape: {"error": {"code", "message", "details"?}}. Bad input is a 4xx with
// a sentence a support agent can act on; only Roster's own faults are a 5xx.
import { isGrpcServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { loggerFor } from '../common/logger';
import { issuesToDetails, type Detail } from '../common/validation';
import type { ApiErrorCode } from './error-codes';
import { routePattern } from './request-log';

export { apiErrorCodes, type ApiErrorCode } from './error-codes';

const log = loggerFor('api');

/** One bad field of a 400 `validation_failed` (or a config warning): its dotted path and what is wrong. */
export const detailSchema = z.object({
  path: z.string().meta({ description: 'Dotted, relative to the body or query; "" for the whole of it.' }),
  message: z.string(),
}) satisfies z.ZodType<Detail>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Detail[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function validationFailed(details: Detail[]): ApiError {
  return new ApiError(400, 'validation_failed', `The request has ${details.length} invalid field${details.length === 1 ? '' : 's'}: see details.`, details);
}

/**
 * What a request's body is when the JSON parser left it alone because it is not JSON (text/plain, a
 * form): a route that takes JSON answers 415 instead of reading it as empty. A route that takes CSV
 * or a form parses the body itself, which replaces the mark.
 */
const notJson = Object.freeze({ notJson: true });

export const markBodyNotJson: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (req.body === undefined && hasBody) req.body = notJson;
  next();
};

/** The request's JSON body as parsed, or a 415 for a body sent as another media type. */
export function jsonBody(body: unknown): unknown {
  if (body === notJson) throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  return body;
}

/** Parses a body or throws a 400 naming every bad field (a 415 for a body that is not JSON). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(jsonBody(body) ?? {});
  if (!result.success) throw validationFailed(issuesToDetails(result.error.issues));
  return result.data;
}

/**
 * A workflow's refusal of an update (its validator or handler failed it with a typed
 * ApplicationFailure) as a 409 with that type as the code; undefined for any other error, and
 * for a type that is not among the workflow's `refusals`.
 * A refusal may name what it is about in its details, e.g. the open run's syncId. Input a
 * workflow cannot store (`validation_failed`, details naming the field) is a 400, as at the edge.
 */
export function updateRefusal(error: unknown, refusals: readonly ApiErrorCode[]): ApiError | undefined {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const type = refusals.find((code) => code === cause.type);
  if (!type) return undefined;
  const details = (cause.details?.[0] ?? {}) as Record<string, unknown>;
  if (type === 'validation_failed') return validationFailed([{ path: String(details.path ?? ''), message: cause.message }]);
  return new ApiError(409, type, cause.message, undefined, details);
}

export const notFound: RequestHandler = (req) => {
  throw new ApiError(404, 'not_found', `There is no ${req.method} ${req.path}.`);
};

const answer = (res: Response, status: number, code: ApiErrorCode, message: string) => res.status(status).json({ error: { code, message } });

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (error instanceof ApiError) {
    res.status(error.status).json({ error: { code: error.code, message: error.message, ...(error.details && { details: error.details }), ...error.extra } });
    return;
  }
  // Body-parser failures carry a status: malformed JSON, a body too large, a bad charset.
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : undefined;
  if (status) {
    const code = error.type === 'entity.parse.failed' ? 'invalid_json' : error.type === 'entity.too.large' ? 'payload_too_large' : 'bad_request';
    const message = code === 'invalid_json' ? 'The request body is not valid JSON.' : code === 'payload_too_large' ? 'The request body is too large.' : 'The request could not be read.';
    answer(res, status, code, message);
    return;
  }
  const unavailable = dependencyDown(error);
  if (unavailable) {
    log.warn('dependency unavailable', { method: req.method, route: routePattern(req), dependency: unavailable });
    res.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    answer(res, 503, `${unavailable}_unavailable`, `Roster cannot reach ${unavailable === 'temporal' ? 'Temporal' : 'its database'} right now; nothing was lost, and the request can be retried in a few seconds.`);
    return;
  }
  log.error('request failed', { method: req.method, path: routePattern(req), error });
  answer(res, 500, 'internal_error', 'Roster failed to answer; the error is logged. Try again, and tell the Roster team if it persists.');
};

/** A dependency's outage is short (a restart, a failover): a client waits this long before it retries. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03']);

/**
 * Temporal's gRPC answer that it cannot be reached (UNAVAILABLE) or did not answer in time
 * (DEADLINE_EXCEEDED), however the client wrapped it: a ServiceError, or an update's
 * WorkflowUpdateRPCTimeoutOrCancelledError.
 */
function temporalDown(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (isGrpcServiceError(cause) && (cause.code === UNAVAILABLE || cause.code === DEADLINE_EXCEEDED)) return true;
  }
  return false;
}

/** Which outside dependency an error says is down, if any: those are 503s, not 500s. */
function dependencyDown(error: unknown): 'temporal' | 'database' | undefined {
  if (temporalDown(error)) return 'temporal';
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && connectionCodes.has(code)) return 'database';
  if (error instanceof Error && error.name === 'KnexTimeoutError') return 'database';
  return undefined;
}
