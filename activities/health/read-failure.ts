// What a run's HR-system read failed with beyond the code the run reports (sync_runs.failure_cause):
// a key short of a scope reports `credentials_rejected`, an HR system out of reach after every
// retry `run_failed`. The run's end reads it (run-end.ts).
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../common/db';
import type { FailureCause } from '../../common/tenant-health/run-outcome';

function causeOf(error: unknown): FailureCause | undefined {
  if (!(error instanceof ApplicationFailure)) return undefined;
  if (error.nonRetryable) return error.details?.[0] === 'insufficient_scope' ? 'insufficient_scope' : undefined;
  return error.type === 'transient' ? 'hris_unreachable' : undefined;
}

/** Runs a read of the HR system, keeping on the run why its latest attempt failed (cleared when one succeeds). */
export async function noteHrisRead<T>(db: Db, syncId: string, read: () => Promise<T>): Promise<T> {
  try {
    const result = await read();
    await db('sync_runs').where({ id: syncId }).whereNotNull('failure_cause').update({ failure_cause: null });
    return result;
  } catch (error) {
    const cause = causeOf(error);
    if (cause) await db('sync_runs').where({ id: syncId }).update({ failure_cause: cause });
    throw error;
  }
}

interface HrisReads {
  fetchDirectory(input: { syncId: string }): Promise<unknown>;
  readChanges(input: { syncId: string }): Promise<unknown>;
}

/** The run's reads of the HR system, each noting why it failed. */
export function hrisReadsNoted<A extends HrisReads>(db: Db, activities: A): A {
  const noted = <K extends keyof HrisReads>(name: K) => ((input: { syncId: string }) => noteHrisRead(db, input.syncId, () => activities[name](input))) as A[K];
  return { ...activities, fetchDirectory: noted('fetchDirectory'), readChanges: noted('readChanges') };
}
