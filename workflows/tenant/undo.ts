// An Update whose work failed for good (a record Postgres refused, a row gone) leaves the tenant
// as it was and tells its caller why, instead of a handler that never ends (issue 12).
import { ActivityFailure, ApplicationFailure, upsertSearchAttributes } from '@temporalio/workflow';
import { RosterStage } from '../../common/search-attributes';
import type { TenantState } from '../../common/tenant';
import { failureMessage } from '../activity-profiles';

/**
 * What an Update decides. A run's bookkeeping (the open run, the last results) belongs to the
 * run's end and is never put back, and the revision only grows, so a record is never reused.
 */
const decided = ['stage', 'config', 'configVersionId', 'credential', 'testWanted', 'goLive'] as const satisfies readonly (keyof TenantState)[];

/** Does an Update's work; if an activity fails it, the decided fields are put back as they were. */
export async function undoOnFailure<R>(state: TenantState, destroyedKeys: ReadonlySet<string>, work: () => Promise<R>): Promise<R> {
  const before = new Map(decided.map((field) => [field, JSON.stringify(state[field])]));
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const stage = state.stage;
    for (const [field, json] of before) {
      // Only what changed is put back (goLive's loop holds its request by reference), and
      // never a key destroyed meanwhile: it no longer exists.
      if (JSON.stringify(state[field]) === json) continue;
      const value = json === undefined ? undefined : JSON.parse(json);
      if (field === 'credential' && value && destroyedKeys.has(value.ref)) continue;
      Object.assign(state, { [field]: value });
    }
    if (state.stage !== stage) upsertSearchAttributes([{ key: RosterStage, value: state.stage }]);
    throw ApplicationFailure.create({ type: 'not_recorded', message: `Roster could not record this, so nothing changed: ${failureMessage(error)}`, nonRetryable: true });
  }
}
