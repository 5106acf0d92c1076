import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The registry of every tenant id ever taken (never deleted) and the projection of each
  // tenant's workflow state that the API lists and filters.
  await knex.schema.createTable('tenants', (t) => {
    t.string('id', 63).primary();
    t.string('name').notNullable();
    t.string('stage').notNullable();
    t.jsonb('hris').notNullable();
    t.jsonb('platform').notNullable();
    t.jsonb('contacts').notNullable();
    t.jsonb('config');
    t.uuid('config_version_id');
    t.jsonb('warnings').notNullable().defaultTo('[]');
    t.integer('revision').notNullable().defaultTo(0);
    t.boolean('workflow_started').notNullable().defaultTo(false);
    t.string('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['stage']);
  });

  await knex.schema.createTable('tenant_history', (t) => {
    t.uuid('id').primary();
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('actor').notNullable();
    t.string('action').notNullable();
    t.string('from_stage');
    t.string('to_stage');
    t.text('reason');
    t.jsonb('changes');
    t.index(['tenant_id', 'at']);
  });

  await knex.schema.createTable('tenant_config_versions', (t) => {
    t.uuid('id').primary();
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.jsonb('config').notNullable();
    t.string('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['tenant_id', 'created_at']);
  });

  await knex.schema.createTable('secrets', (t) => {
    t.uuid('id').primary();
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('kind').notNullable();
    t.string('key_id').notNullable();
    t.text('sealed').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('api_tokens', (t) => {
    t.uuid('id').primary();
    t.string('name').notNullable().unique();
    t.string('role').notNullable();
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['api_tokens', 'secrets', 'tenant_config_versions', 'tenant_history', 'tenants']) {
    await knex.schema.dropTable(table);
  }
}
