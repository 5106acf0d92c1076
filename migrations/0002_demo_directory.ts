import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The demo HRIS (`npm start` without an HR system): each demo tenant's people, as the demo
  // directory stores them (a normalised employee without its id), seeded on first use.
  await knex.schema.createTable('demo_people', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('hris_id', 64).notNullable();
    t.jsonb('data').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'hris_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('demo_people');
}
