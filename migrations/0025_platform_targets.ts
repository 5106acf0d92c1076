import type { Knex } from 'knex';

// A sandbox platform beside production (issue 19). Each target keeps its own links, so a trial
// load's sandbox accounts are never taken for production ones: `target` joins the links' keys,
// and every run records which target it wrote to. What exists was written to production.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_links', (t) => {
    t.string('target', 16).notNullable().defaultTo('production');
    t.dropPrimary();
    t.dropUnique(['tenant_id', 'account_id']);
  });
  await knex.schema.alterTable('account_links', (t) => {
    t.primary(['tenant_id', 'target', 'hris_id']);
    t.unique(['tenant_id', 'target', 'account_id']);
  });
  await knex.schema.alterTable('group_links', (t) => {
    t.string('target', 16).notNullable().defaultTo('production');
    t.dropPrimary();
    t.dropUnique(['tenant_id', 'group_id']);
  });
  await knex.schema.alterTable('group_links', (t) => {
    t.primary(['tenant_id', 'target', 'external_id']);
    t.unique(['tenant_id', 'target', 'group_id']);
  });
  await knex.schema.alterTable('sync_runs', (t) => {
    t.string('target', 16).notNullable().defaultTo('production');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => t.dropColumn('target'));
  for (const [table, key, other] of [['account_links', 'hris_id', 'account_id'], ['group_links', 'external_id', 'group_id']] as const) {
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
