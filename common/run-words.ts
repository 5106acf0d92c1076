// A run's vocabulary in the words support uses: the ids are the API's. Plain data, so the
// console's pages, its browser script (console/browser/progress.ts) and the run workflows'
// summaries in the Temporal UI (workflows/summaries.ts) name things alike.
import type { RunScopeKind, SyncMode, SyncPhase, SyncStatus, SyncTrigger } from './sync-run';

export const triggerLabels: Record<SyncTrigger, string> = {
  schedule: 'Scheduled',
  manual: 'On demand',
  initial_load: 'Initial load',
  test: 'Test',
  webhook: 'Webhook',
  end_of_day: 'End of day',
};

/** Whom a targeted run reads. */
export const scopeLabels: Record<RunScopeKind, string> = {
  changes: 'only the people webhook events named',
  person: 'one person',
  leavers: 'only the people whose employment ended',
};

export const modeLabels: Record<SyncMode, string> = {
  apply: 'Applies changes',
  dry_run: 'Dry run: changes nothing',
};

export const phaseLabels: Record<SyncPhase, string> = {
  fetching: 'Reading the directories',
  planning: 'Planning',
  awaiting_approval: 'Waiting for a decision',
  applying: 'Applying',
  reporting: 'Reporting',
  done: 'Done',
};

/** An item's action once done; `itemActions` and the group actions. */
export const actionDone: Record<string, string> = {
  create: 'Created',
  update: 'Updated',
  deactivate: 'Deactivated',
  reactivate: 'Reactivated',
  anonymise: 'Anonymised',
  unchanged: 'Unchanged',
  skip: 'Skipped',
  exclude: 'Excluded',
  empty: 'Emptied',
  delete: 'Deleted',
};

/** Statuses while the run may still move: the page follows them without reloading. */
export const openStatuses: readonly SyncStatus[] = ['running', 'awaiting_approval'];

/** "12 of 40 items", or what the run is doing before it has counted. */
export function progressText(done: number, total: number): string {
  return total > 0 ? `${done} of ${total} items` : 'Not counted yet';
}
