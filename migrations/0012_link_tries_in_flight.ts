import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A link's tries are reserved before the HR system is asked (common/authorization-links.ts
  // reserveTry), so concurrent tries cannot together exceed the rejected-key limit.
  await knex.schema.alterTable('authorization_links', (t) => {
    t.integer('tries_in_flight').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('authorization_links', (t) => {
    t.dropColumn('tries_in_flight');
  });
}
