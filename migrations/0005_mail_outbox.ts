import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Mail waits here until the SMTP server has taken it, so that sending never holds up a run, a
  // transition or an API answer, and a failed send is retried rather than lost.
  await knex.schema.createTable('mail_outbox', (t) => {
    // Derived from what the mail is about (run, kind, recipient), so a retried enqueue is a no-op.
    t.uuid('id').primary();
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('sync_id', 64).references('sync_runs.id');
    t.string('kind').notNullable();
    t.jsonb('to').notNullable();
    t.text('subject').notNullable();
    t.text('text').notNullable();
    t.text('html');
    // [{filename, contentType, content}], content as text (errors.csv, capped in size).
    t.jsonb('attachments');
    t.string('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
    t.index(['tenant_id', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('mail_outbox');
}
