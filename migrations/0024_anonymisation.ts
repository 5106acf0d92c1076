import type { Knex } from 'knex';

// Anonymising long-deactivated accounts (issue 19). The link learns when Roster deactivated its
// account, the clock the tenant's `anonymiseAfterDays` runs on, and whether it was anonymised since;
// a rehire clears both. `anonymisations` is the lasting record of the fact: the HR id, the
// account, the run and the time, nothing else of the person; it outlives the link.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_links', (t) => {
    t.timestamp('deactivated_at', { useTz: true });
    t.timestamp('anonymised_at', { useTz: true });
  });
  await knex.schema.createTable('anonymisations', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('sync_id', 64).notNullable();
    t.string('hris_id').notNullable();
    t.string('account_id').notNullable();
    t.timestamp('anonymised_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'sync_id', 'hris_id']);
    t.index(['tenant_id', 'hris_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('anonymisations');
  await knex.schema.alterTable('account_links', (t) => {
    t.dropColumn('deactivated_at');
    t.dropColumn('anonymised_at');
  });
}
