import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Since when a run waits for approval (null when it does not): the metrics' held runs and how long
  // each waited before its decision (telemetry/metrics/).
  await knex.schema.alterTable('sync_runs', (t) => {
    t.timestamp('held_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('held_at');
  });
}
