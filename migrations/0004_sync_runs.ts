import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The tenant's HRIS key as the projection shows it (status and time; the key itself is a secret).
  await knex.schema.alterTable('tenants', (t) => {
    t.jsonb('credential').notNullable().defaultTo('{"status":"missing"}');
    t.string('active_sync_id', 64);
  });

  // One row per sync run: the projection the API reads while the run's workflow works.
  await knex.schema.createTable('sync_runs', (t) => {
    t.string('id', 64).primary();
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('trigger').notNullable();
    t.string('mode').notNullable();
    t.string('read').notNullable().defaultTo('full');
    t.string('status').notNullable();
    t.string('phase').notNullable();
    t.integer('progress_done').notNullable().defaultTo(0);
    t.integer('progress_total').notNullable().defaultTo(0);
    t.jsonb('counts');
    t.jsonb('planned');
    t.jsonb('hold');
    t.jsonb('warnings');
    t.jsonb('error');
    t.uuid('config_version_id');
    t.string('requested_by').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    t.index(['tenant_id', 'started_at']);
  });

  // What a run read, so that planning and apply never need it in workflow history.
  await knex.schema.createTable('directory_snapshots', (t) => {
    t.string('run_id', 64).notNullable().references('sync_runs.id').onDelete('CASCADE');
    t.string('hris_id').notNullable();
    t.integer('scan').notNullable();
    t.jsonb('data').notNullable();
    t.primary(['run_id', 'hris_id']);
  });
  await knex.schema.createTable('platform_snapshots', (t) => {
    t.string('run_id', 64).notNullable().references('sync_runs.id').onDelete('CASCADE');
    t.string('kind').notNullable();
    t.string('platform_id').notNullable();
    t.jsonb('data').notNullable();
    t.primary(['run_id', 'kind', 'platform_id']);
  });

  // Every planned item and its result; apply works through them and skips those done.
  await knex.schema.createTable('plan_items', (t) => {
    t.string('run_id', 64).notNullable().references('sync_runs.id').onDelete('CASCADE');
    t.integer('seq').notNullable();
    t.string('tenant_id', 63).notNullable();
    t.string('kind').notNullable();
    t.string('hris_id');
    t.string('account_id');
    t.string('identity_key');
    t.string('name');
    t.string('action').notNullable();
    t.jsonb('item').notNullable();
    t.string('result').notNullable().defaultTo('pending');
    t.string('result_code');
    t.text('result_message');
    t.timestamp('applied_at', { useTz: true });
    t.primary(['run_id', 'seq']);
    t.index(['run_id', 'kind', 'result']);
    t.index(['run_id', 'action']);
    t.index(['tenant_id', 'hris_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['plan_items', 'platform_snapshots', 'directory_snapshots', 'sync_runs']) await knex.schema.dropTable(table);
  await knex.schema.alterTable('tenants', (t) => {
    t.dropColumn('credential');
    t.dropColumn('active_sync_id');
  });
}
