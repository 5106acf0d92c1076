import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The tenants projection shows a pending or failed go-live, and when the tenant went live
  // (hypercare counts from there).
  await knex.schema.alterTable('tenants', (t) => {
    t.jsonb('go_live');
    t.timestamp('live_since', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => {
    t.dropColumn('go_live');
    t.dropColumn('live_since');
  });
}
