// A run's items: filtered by action, searched by name, HR id or e-mail, a page at a time (the API's
// own listing and cursors), each with what it changes field by field; and the run's CSV files.
import type { PlanItemView } from '../../api/sync-view';
import { itemActions } from '../../common/sync-run';
import { ItemChanges } from './item-changes';
import { Pager } from './pager';
import { RunItemAction } from './run-item-action';
import { actionDone } from '../../common/run-words';
import { Table } from './table';

export interface ItemsFilter {
  action?: string;
  q?: string;
  cursor?: string;
}

function ItemsFilterForm({ syncId, filter }: { syncId: string; filter: ItemsFilter }) {
  return (
    <form method="get" action={`/runs/${syncId}`} class="filter" role="search" aria-label="Items">
      <label for="items-q">Name, HR id or e-mail</label>
      <input id="items-q" name="q" type="search" value={filter.q ?? ''} maxLength={200} />
      <label for="items-action">Action</label>
      <select id="items-action" name="action">
        <option value="">Every action</option>
        {itemActions.map((action) => (
          <option key={action} value={action} selected={action === filter.action}>
            {actionDone[action]}
          </option>
        ))}
      </select>
      <button type="submit">Show</button>
    </form>
  );
}

function ItemRow({ item }: { item: PlanItemView }) {
  return (
    <tr>
      <td>
        {item.name ?? <span class="muted">No name</span>}
        <div class="muted mono">{item.hrisId}</div>
        {item.identityKey && <div class="muted">{item.identityKey}</div>}
      </td>
      <td>
        <RunItemAction item={item} />
      </td>
      <td>
        <ItemChanges item={item} />
      </td>
      <td>
        {item.reason ?? <span class="muted">—</span>}
        {item.warnings?.map((warning) => (
          <div key={warning.code} class="warn-text">
            {warning.message}
          </div>
        ))}
      </td>
    </tr>
  );
}

export function RunDownloads({ syncId }: { syncId: string }) {
  return (
    <ul class="downloads" aria-label="Downloads">
      <li>
        <a href={`/api/syncs/${syncId}/errors.csv`} download>
          errors.csv
        </a>{' '}
        <span class="muted">the people skipped or failed, and why</span>
      </li>
      <li>
        <a href={`/api/syncs/${syncId}/items.csv`} download>
          items.csv
        </a>{' '}
        <span class="muted">every item of the run</span>
      </li>
    </ul>
  );
}

export function RunItems({ syncId, items, nextCursor, filter }: { syncId: string; items: PlanItemView[]; nextCursor: string | null; filter: ItemsFilter }) {
  return (
    <section aria-labelledby="items-heading">
      <h2 id="items-heading">Items</h2>
      <RunDownloads syncId={syncId} />
      <ItemsFilterForm syncId={syncId} filter={filter} />
      <Table caption="Items of the run" hideCaption columns={['Person', 'Action', 'Field changes', 'Reason']} class="items">
        {items.map((item) => (
          <ItemRow key={`${item.kind}-${item.hrisId}-${item.identityKey}`} item={item} />
        ))}
      </Table>
      {items.length === 0 && <p>No item matches.</p>}
      <Pager base={`/runs/${syncId}`} query={{ ...filter }} nextCursor={nextCursor} />
    </section>
  );
}
