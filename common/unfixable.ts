// Causes that retrying an activity cannot fix (issue 12): a secret destroyed since the workflow
// took its reference, a row that is gone, data PostgreSQL refuses. The worker's interceptor turns
// each into a non-retryable failure of this type, so the workflow waiting on it acts at once.
import { isGrpcServiceError, ServiceError } from '@temporalio/client';
export const unfixableCauses = ['secret_missing', 'row_missing', 'data_refused', 'sandbox_removed'] as const;
export type UnfixableCause = (typeof unfixableCauses)[number];

/** An error whose cause retrying cannot fix; its message names ids only, never people's data. */
export class UnfixableError extends Error {
  constructor(
    readonly kind: UnfixableCause,
    message: string,
  ) {
    super(message);
    this.name = 'UnfixableError';
  }
}

// SQLSTATE classes 22 (data exception: a NUL in text, a value too long) and 23 (integrity
// constraint: a row referenced that is gone) describe the data, not the moment.
const refusedData = /^2[23]/;

const INVALID_ARGUMENT = 3;

/** The unfixable cause behind an error, with a message free of the data itself. */
export function unfixableCause(error: unknown): { cause: UnfixableCause; message: string } | undefined {
  if (error instanceof UnfixableError) return { cause: error.kind, message: error.message };
  // Temporal refusing a request as invalid (a schedule's spec, say) refuses it again on a retry.
  const grpc = error instanceof ServiceError ? error.cause : error;
  if (isGrpcServiceError(grpc) && grpc.code === INVALID_ARGUMENT) return { cause: 'data_refused', message: `Temporal refused the request as invalid: ${grpc.details}` };
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && refusedData.test(code)) {
    // PostgreSQL's own message may quote the value refused: only its code goes on.
    return { cause: 'data_refused', message: `PostgreSQL refused the data (SQLSTATE ${code}); retrying cannot change that.` };
  }
  return undefined;
}
