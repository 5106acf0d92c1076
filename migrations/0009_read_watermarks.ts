import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Where an incremental read after this run may start: the HR system's own mark, taken before a
  // full read or returned by an incremental one (docs/PRODUCT.md "One sync run", step 1).
  await knex.schema.alterTable('sync_runs', (t) => {
    t.string('watermark', 64);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('watermark');
  });
}
