import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The links a customer's HRIS admin opens to hand over the API key. Only the token's hash is
  // kept: a database reader cannot use a link. "Expired" is read from expires_at, not stored.
  await knex.schema.createTable('authorization_links', (t) => {
    t.uuid('id').primary();
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('token_hash', 43).notNullable().unique();
    t.string('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.string('status').notNullable().defaultTo('active');
    t.string('status_reason');
    t.timestamp('status_at', { useTz: true });
    t.integer('rejected_attempts').notNullable().defaultTo(0);
    t.index(['tenant_id', 'status']);
  });

  // Every key pasted into a link, with where it came from: the trail if a link is attacked.
  await knex.schema.createTable('authorization_attempts', (t) => {
    t.uuid('id').primary();
    t.uuid('link_id').notNullable().references('authorization_links.id');
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('source_address');
    t.string('outcome').notNullable();
    t.index(['link_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('authorization_attempts');
  await knex.schema.dropTable('authorization_links');
}
