import type { Knex } from 'knex';

// Tenant health (docs/PRODUCT.md "Tenant health"): each tenant's problems, opened and resolved by
// Roster itself (common/tenant-health/). At most one open problem per tenant and type, so opening
// one again is a no-op and support is told once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tenant_problems', (t) => {
    t.uuid('id').primary();
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('type').notNullable();
    t.timestamp('opened_at', { useTz: true }).notNullable();
    // Ids, counts and codes only: never a person's data or a secret.
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.timestamp('resolved_at', { useTz: true });
    // What resolved it: 'run' (resolved_ref its id), 'sweep', or 'mail' (the e-mail sent).
    t.string('resolved_by');
    t.string('resolved_ref', 64);
    t.timestamp('notified_at', { useTz: true });
    t.index(['tenant_id', 'opened_at']);
  });
  await knex.raw('create unique index tenant_problems_one_open on tenant_problems (tenant_id, type) where resolved_at is null');
  // What a run's read failed with beyond its code: a key short of a scope, an HR system out of reach.
  await knex.schema.alterTable('sync_runs', (t) => {
    t.string('failure_cause');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('failure_cause');
  });
  await knex.schema.dropTable('tenant_problems');
}
