import type { Knex } from 'knex';

// A sandbox platform beside production (issue 19). Each target keeps its own links, so a trial
// load's sandbox accounts are never taken for production ones: `target` joins the links' keys,
// and every run records which target it wrote to. What exists was written to production.

/** Each links table: the column its key names within a tenant, and the platform-side id that is unique too. */
const LINK_TABLES = [
  ['account_links', 'hris_id', 'account_id'],
  ['group_links', 'external_id', 'group_id'],
] as const;

export async function up(knex: Knex): Promise<void> {
  for (const [table, key, other] of LINK_TABLES) {
    await knex.schema.alterTable(table, (t) => {
      t.string('target', 16).notNullable().defaultTo('production');
      t.dropPrimary();
      t.dropUnique(['tenant_id', other]);
    });
    await knex.schema.alterTable(table, (t) => {
      t.primary(['tenant_id', 'target', key]);
      t.unique(['tenant_id', 'target', other]);
    });
  }
  await knex.schema.alterTable('sync_runs', (t) => {
    t.string('target', 16).notNullable().defaultTo('production');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => t.dropColumn('target'));
  for (const [table, key, other] of LINK_TABLES) {
    await knex(table).whereNot({ target: 'production' }).delete();
    await knex.schema.alterTable(table, (t) => {
      t.dropPrimary();
      t.dropUnique(['tenant_id', 'target', other]);
    });
    await knex.schema.alterTable(table, (t) => {
      t.dropColumn('target');
      t.primary(['tenant_id', key]);
      t.unique(['tenant_id', other]);
    });
  }
}
