import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    // A digest of what a full read found, so that the next read finding the same is not written
    // again; `*_from` names the run whose snapshot a read that found the same used instead
    // (activities/sync/snapshots.ts).
    t.string('directory_digest', 64);
    t.string('platform_digest', 64);
    t.string('directory_from', 64);
    t.string('platform_from', 64);
    // When retention deleted the run's snapshots and items: each purge looks only at runs not yet purged.
    t.timestamp('data_purged_at', { useTz: true });
  });
  // Every retention delete finds its rows by index (BENCHMARKS.md "Retention at scale").
  await knex.raw('create index sync_runs_to_purge on sync_runs (tenant_id, finished_at) where data_purged_at is null');
  await knex.schema.alterTable('mail_outbox', (t) => t.index(['tenant_id', 'created_at']));
  await knex.schema.alterTable('webhook_events', (t) => t.index(['tenant_id', 'received_at']));
  await knex.schema.alterTable('secrets', (t) => t.index(['tenant_id', 'kind', 'created_at']));
  // Runs purged before this column existed have nothing left to delete.
  await knex.raw(`update sync_runs set data_purged_at = finished_at where finished_at is not null and not exists (select 1 from plan_items where run_id = sync_runs.id) and not exists (select 1 from directory_snapshots where run_id = sync_runs.id) and not exists (select 1 from platform_snapshots where run_id = sync_runs.id) and not exists (select 1 from directory_row_errors where run_id = sync_runs.id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('secrets', (t) => t.dropIndex(['tenant_id', 'kind', 'created_at']));
  await knex.schema.alterTable('webhook_events', (t) => t.dropIndex(['tenant_id', 'received_at']));
  await knex.schema.alterTable('mail_outbox', (t) => t.dropIndex(['tenant_id', 'created_at']));
  await knex.raw('drop index sync_runs_to_purge');
  await knex.schema.alterTable('sync_runs', (t) => {
    for (const column of ['directory_digest', 'platform_digest', 'directory_from', 'platform_from', 'data_purged_at']) t.dropColumn(column);
  });
}
