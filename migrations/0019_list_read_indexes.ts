import type { Knex } from 'knex';

// The API's lists read keyset pages newest first by (time, id) (api/paging.ts newestFirst): with
// the id in the index, in that order, a page of a tenant's runs or history is one index range
// read, however many rows the tenant has, instead of every row of the tenant sorted. They replace
// the (tenant_id, time) indexes they extend. A tenant's read finds its latest finished run by the
// partial index, not among all its runs (BENCHMARKS.md "API under load").
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index sync_runs_newest_first on sync_runs (tenant_id, started_at desc, id desc)');
  await knex.schema.alterTable('sync_runs', (t) => t.dropIndex(['tenant_id', 'started_at']));
  await knex.raw('create index sync_runs_latest_finished on sync_runs (tenant_id, finished_at desc) where finished_at is not null');
  await knex.raw('create index tenant_history_newest_first on tenant_history (tenant_id, at desc, id desc)');
  await knex.schema.alterTable('tenant_history', (t) => t.dropIndex(['tenant_id', 'at']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenant_history', (t) => t.index(['tenant_id', 'at']));
  await knex.raw('drop index tenant_history_newest_first');
  await knex.raw('drop index sync_runs_latest_finished');
  await knex.schema.alterTable('sync_runs', (t) => t.index(['tenant_id', 'started_at']));
  await knex.raw('drop index sync_runs_newest_first');
}
