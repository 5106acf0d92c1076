// A held run: why the guard held it and who exactly it would deactivate, so support approves
// knowing whom, or rejects.
import type { PlanItemView, SyncRun } from '../../api/sync-view';
import { Table } from './table';

export function RunHold({ run, staged, more }: { run: SyncRun; staged: PlanItemView[]; more: boolean }) {
  return (
    <section aria-labelledby="hold-heading" class="run-hold">
      <h2 id="hold-heading">Held for approval</h2>
      {run.hold && (
        <p class="notice">
          {run.hold.reason} <span class="muted">({run.hold.deactivations} deactivations; the limit is {run.hold.limit}.)</span>
        </p>
      )}
      <Table caption="Who would be deactivated" columns={['Name', 'E-mail', 'Why']}>
        {staged.map((item) => (
          <tr key={item.hrisId}>
            <td>
              {item.name ?? <span class="muted">No name</span>} <span class="muted mono">{item.hrisId}</span>
            </td>
            <td>{item.identityKey ?? <span class="muted">—</span>}</td>
            <td>{item.reason ?? <span class="muted">—</span>}</td>
          </tr>
        ))}
      </Table>
      {more && (
        <p>
          Only the first {staged.length} are listed: <a href={`/runs/${run.id}?action=deactivate#items-heading`}>see every deactivation among the items</a>.
        </p>
      )}
    </section>
  );
}
