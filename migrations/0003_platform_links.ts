import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Roster's own record of the platform accounts it manages: the only meaning of "managed".
  // One account per person and one person per account, within a tenant.
  await knex.schema.createTable('account_links', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('hris_id').notNullable();
    t.string('account_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'hris_id']);
    t.unique(['tenant_id', 'account_id']);
  });

  // The platform groups Roster made, by their stable external id.
  await knex.schema.createTable('group_links', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('external_id').notNullable();
    t.string('group_id').notNullable();
    t.primary(['tenant_id', 'external_id']);
    t.unique(['tenant_id', 'group_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('group_links');
  await knex.schema.dropTable('account_links');
}
