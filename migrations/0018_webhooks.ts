import type { Knex } from 'knex';

// Near-real-time changes (docs/PRODUCT.md "Webhooks", "Leavers on time"): each tenant's webhook
// sources with their sealed signing secrets, the events they delivered (each id once), whether the
// tenant workflow has been woken for the events still waiting (so that a burst wakes it once), and
// the end dates still to come.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_sources', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    // 'bamboohr' | 'humaans' | 'standard' (api/webhooks/sources.ts).
    t.string('source').notNullable();
    // The secret store's reference to the signing secret; never the secret.
    t.uuid('secret_ref').notNullable();
    // The HR system's own id for a webhook Roster registered through its API, to remove it again.
    t.string('remote_id');
    t.string('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_event_at', { useTz: true });
    t.primary(['tenant_id', 'source']);
  });
  await knex.schema.createTable('webhook_events', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('source').notNullable();
    // The sender's id for the event, or a digest of the signed request where it names none.
    t.string('event_id', 200).notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    // HR ids of the people who changed; null: the whole directory may have changed.
    t.jsonb('hris_ids');
    // The run that took the event; null while it waits.
    t.uuid('run_id');
    t.primary(['tenant_id', 'source', 'event_id']);
    t.index(['tenant_id', 'run_id']);
    t.index(['received_at']);
  });
  await knex.schema.createTable('change_wakeups', (t) => {
    t.string('tenant_id', 63).primary().references('tenants.id');
    t.timestamp('sent_at', { useTz: true }).notNullable();
  });
  // Leavers on time: each person's end date still to come, as the latest read said it, so that the
  // tenant workflow deactivates them at the end of that day (activities/sync/end-dates.ts).
  await knex.schema.createTable('tracked_end_dates', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('hris_id', 255).notNullable();
    t.date('end_date').notNullable();
    t.primary(['tenant_id', 'hris_id']);
  });
  // A targeted run's scope (common/sync-run.ts RunScope kind); null for runs that read everyone they could.
  await knex.schema.alterTable('sync_runs', (t) => {
    t.string('scope');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_runs', (t) => {
    t.dropColumn('scope');
  });
  await knex.schema.dropTable('tracked_end_dates');
  await knex.schema.dropTable('change_wakeups');
  await knex.schema.dropTable('webhook_events');
  await knex.schema.dropTable('webhook_sources');
}
