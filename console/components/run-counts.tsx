// What the run planned and what it did, side by side, count by count.
import type { SyncRun } from '../../api/sync-view';
import type { RunCounts as Counts } from '../../activities/sync/core';
import { Table } from './table';

const countLabels: Record<keyof Counts, string> = {
  created: 'Created',
  updated: 'Updated',
  deactivated: 'Deactivated',
  reactivated: 'Reactivated',
  anonymised: 'Anonymised',
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
    <Table caption={<>Counts{run.mode === 'dry_run' && <span class="muted"> (a dry run does what it plans, on paper)</span>}</>} columns={['What', 'Planned', 'Done']} class="counts">
      {keys.map((key) => (
        <tr key={key}>
          <th scope="row">{countLabels[key]}</th>
          <td>{run.planned[key]}</td>
          <td>{run.counts[key]}</td>
        </tr>
      ))}
    </Table>
  );
}
