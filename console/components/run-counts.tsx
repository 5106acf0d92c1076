// What the run planned and what it did, side by side, count by count.
import type { SyncRun } from '../../api/sync-view';
import type { RunCounts as Counts } from '../../activities/sync/core';

const countLabels: Record<keyof Counts, string> = {
  created: 'Created',
  updated: 'Updated',
  deactivated: 'Deactivated',
  reactivated: 'Reactivated',
  unchanged: 'Unchanged',
  skipped: 'Skipped',
  excluded: 'Excluded',
  failed: 'Failed',
  groupsCreated: 'Groups created',
  groupsUpdated: 'Groups updated',
  groupsRemoved: 'Groups removed',
};

export function RunCounts({ run }: { run: SyncRun }) {
  const keys = Object.keys(countLabels) as (keyof typeof countLabels)[];
  return (
    <div class="table-wrap">
      <table class="counts">
        <caption>
          Counts{run.mode === 'dry_run' && <span class="muted"> (a dry run does what it plans, on paper)</span>}
        </caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Planned</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row">{countLabels[key]}</th>
              <td>{run.planned[key]}</td>
              <td>{run.counts[key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
