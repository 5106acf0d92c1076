import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A CSV tenant's latest accepted file of each kind, parsed: what its next run reads. An upload
  // replaces its kind's file whole; a refused upload leaves the latest accepted one in place.
  await knex.schema.createTable('csv_files', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('kind').notNullable();
    t.integer('records').notNullable();
    t.jsonb('columns').notNullable();
    t.jsonb('rows').notNullable();
    t.jsonb('errors').notNullable();
    t.timestamp('uploaded_at', { useTz: true }).notNullable();
    t.string('uploaded_by').notNullable();
    t.primary(['tenant_id', 'kind']);
  });

  // Source rows a run's read could not use (file and line), kept like its snapshots until
  // planning writes them into the run's items, and purged with them. `n` orders several errors
  // of one line, so that a page stored again after a retry replaces its own rows.
  await knex.schema.createTable('directory_row_errors', (t) => {
    t.string('run_id', 64).notNullable().references('sync_runs.id').onDelete('CASCADE');
    t.integer('scan').notNullable();
    t.string('file').notNullable();
    t.integer('line').notNullable();
    t.integer('n').notNullable();
    t.string('hris_id');
    t.string('code').notNullable();
    t.text('message').notNullable();
    t.primary(['run_id', 'file', 'line', 'n']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('directory_row_errors');
  await knex.schema.dropTable('csv_files');
}
