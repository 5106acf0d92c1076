import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Who approved, rejected or cancelled a run, when, and their note: written by the run's workflow
  // (activities/sync/run-records.ts), so a decision from the Temporal UI is recorded too.
  await knex.schema.alterTable('sync_runs', (t) => {
    t.jsonb('decision');
  });
  // A history entry about one run (a decision on it) names the run.
  await knex.schema.alterTable('tenant_history', (t) => {
    t.string('sync_id', 64);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenant_history', (t) => {
    t.dropColumn('sync_id');
  });
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('decision');
  });
}
