// The fixed cost of a run (issue 18): a run of a live tenant that changes nothing writes no row
// per person — no snapshot rows, no plan items, no links or end dates touched — only its own
// bookkeeping (its sync_runs row, the tenant's row, its mail). A run that changes something keeps
// its items and the snapshots they were planned from, as before.
import { expect, it } from 'vitest';
import { kickoffConfig } from '../support/fixtures';
import { liveDemoTenant, settled, useDemoStack } from '../support/onboarding';

const demo = useDemoStack();

/** Rows a person's data or a run's people fill, scoped to one tenant. */
const perPersonTables = ['directory_snapshots', 'platform_snapshots', 'plan_items', 'directory_row_errors', 'account_links', 'group_links', 'tracked_end_dates', 'demo_people'] as const;

/** An on-demand run, once its final status and everything its end writes are in. */
async function syncNow(tenantId: string): Promise<string> {
  const previous = (await demo.stack.request('GET', `/api/tenants/${tenantId}`)).body.lastSync?.id;
  const requested = await demo.stack.request('POST', `/api/tenants/${tenantId}/syncs`, {});
  expect(requested.status, requested.text).toBe(202);
  expect((await settled(demo.stack, tenantId, previous)).lastSync.id).toBe(requested.body.syncId);
  return requested.body.syncId as string;
}

/** Per table, the tenant's rows inserted or updated by a transaction that began after `since` (a transaction id). */
async function rowsWrittenSince(tenantId: string, since: string): Promise<Record<string, number>> {
  const { db } = demo.stack;
  const written: Record<string, number> = {};
  for (const table of perPersonTables) {
    const ofTenant = table.endsWith('_snapshots') || table === 'directory_row_errors' ? db(table).whereIn('run_id', db('sync_runs').where({ tenant_id: tenantId }).select('id')) : db(table).where({ tenant_id: tenantId });
    const [row] = await ofTenant.whereRaw('age(xmin) < age((?::bigint % 4294967296)::text::xid)', [since]).count({ n: '*' });
    written[table] = Number(row!.n);
  }
  return written;
}

it('writes no row per person when nothing changed, and keeps items and snapshots when something did', async () => {
  const { db } = demo.stack;
  const tenantId = await liveDemoTenant(demo, kickoffConfig);
  // The first run after the initial load reads the platform as the initial load left it.
  await syncNow(tenantId);

  const [{ x: before }] = (await db.raw('select txid_current()::text as x')).rows;
  const quiet = await syncNow(tenantId);
  expect(await rowsWrittenSince(tenantId, before)).toEqual(Object.fromEntries(perPersonTables.map((table) => [table, 0])));
  const run = (await demo.stack.request('GET', `/api/syncs/${quiet}`)).body;
  expect(run).toMatchObject({ status: 'success', counts: { unchanged: 3, created: 0, updated: 0 } });
  expect(run.counts).toEqual(run.planned);

  // A change: that run keeps its items and its own snapshots, so a person's trace reads them.
  await db('demo_people').where({ tenant_id: tenantId, hris_id: 'p0' }).update({ data: db.raw(`jsonb_set(data, '{department}', '"Research"')`) });
  const changed = await syncNow(tenantId);
  // The same probe sees the changed run's writes.
  expect((await rowsWrittenSince(tenantId, before)).plan_items).toBeGreaterThan(0);
  const items = (await demo.stack.request('GET', `/api/syncs/${changed}/items`)).body.items;
  expect(items.map((item: { hrisId: string; action: string }) => [item.hrisId, item.action]).sort()).toEqual([['p0', 'update'], ['p1', 'unchanged'], ['p2', 'unchanged']]);
  const trace = await demo.stack.request('GET', `/api/syncs/${changed}/people/p1/trace`);
  expect(trace.status, trace.text).toBe(200);
  expect(trace.body.trace[0]).toMatchObject({ step: 'read', outcome: 'found' });
  expect(await db('directory_snapshots').where({ run_id: changed }).pluck('hris_id')).toEqual(expect.arrayContaining(['p0', 'p1', 'p2']));
});
