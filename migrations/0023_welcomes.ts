import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Who has been welcomed, once each for the tenant's whole life: a run that invites and a later
  // send by support both check and write it in the transaction that queues the mail. It is kept
  // apart from mail_outbox, which the retention purge empties; only offboarding removes it.
  await knex.schema.createTable('welcomes', (t) => {
    t.string('tenant_id', 63).notNullable().references('tenants.id');
    t.string('hris_id').notNullable();
    // The run whose accounts were welcomed (the one that invited, or the one a later send named); null otherwise.
    t.string('sync_id', 64);
    // `run` for a run that invites, or the name of whoever sent it later.
    t.string('sent_by').notNullable();
    t.timestamp('queued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'hris_id']);
  });
  await rememberQueuedWelcomes(knex);
}

/**
 * Welcomes queued before this record existed keep counting: a run that queued any welcomed every
 * account it created with a work e-mail (activities/notify/welcomes.ts), as far as its items are kept.
 */
export async function rememberQueuedWelcomes(knex: Knex): Promise<void> {
  await knex.raw(`
    insert into welcomes (tenant_id, hris_id, sync_id, sent_by, queued_at)
    select distinct on (p.tenant_id, p.hris_id) p.tenant_id, p.hris_id, p.run_id, 'run', coalesce(p.applied_at, now())
    from plan_items p
    where p.kind = 'account' and p.action = 'create' and p.result = 'done' and p.item->'fields'->>'email' is not null
      and exists (select 1 from mail_outbox o where o.sync_id = p.run_id and o.kind = 'welcome')
    order by p.tenant_id, p.hris_id, p.applied_at
    on conflict do nothing`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('welcomes');
}
