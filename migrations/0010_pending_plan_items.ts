import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Apply takes the next pending items of a pass in plan order. A run of 100,000 people has a few
  // hundred pending among 100,000 done, in a table whose statistics lag behind the rows the run
  // has just written: an index of the pending items alone, in order, finds them without a scan.
  await knex.raw(`CREATE INDEX plan_items_pending ON plan_items (run_id, kind, seq) WHERE result = 'pending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX plan_items_pending');
}
