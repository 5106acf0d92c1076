import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A service's rate limit shared by every run in every worker (activities/http/shared-limits.ts):
  // one row per host, the next free moment to send it a request.
  await knex.schema.createTable('shared_rate_slots', (t) => {
    t.text('host').primary();
    t.timestamp('next_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('shared_rate_slots');
}
