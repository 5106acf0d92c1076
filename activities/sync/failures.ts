// How an outside system's failure reaches a workflow: the run acts on a few typed, non-retryable
// failures (docs/ARCHITECTURE.md principle 6; their types and what the run reports for each are
// `runStops` in common/sync-run.ts); everything transient is retried by Temporal, a told
// Retry-After becoming the next retry's delay.
import { ApplicationFailure } from '@temporalio/common';
import type { RunFailureType } from '../../common/sync-run';
import { isConnectorError } from '../http/errors';

export function asActivityFailure(error: unknown, side: 'hris' | 'platform'): unknown {
  if (!isConnectorError(error)) return error;
  if (error.retryable) {
    const delay = error.details.retryAfterMs;
    return ApplicationFailure.create({ type: error.code, message: error.message, ...(delay !== undefined && { nextRetryDelay: delay }) });
  }
  const type: RunFailureType =
    error.code === 'credentials_rejected' || error.code === 'insufficient_scope'
      ? side === 'hris'
        ? 'credentials_rejected'
        : 'platform_credentials_rejected'
      : error.code === 'partial_directory'
        ? 'partial_directory'
        : side === 'hris'
          ? 'hris_misconfigured'
          : 'platform_misconfigured';
  // The connector's own code rides along (`insufficient_scope` behind `credentials_rejected`), for tenant health.
  return ApplicationFailure.create({ type, message: error.message, nonRetryable: true, details: [error.code] });
}

/** Runs `work`, turning connector failures into the failures the run acts on. */
export async function asActivity<T>(side: 'hris' | 'platform', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asActivityFailure(error, side);
  }
}
