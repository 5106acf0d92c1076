import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The console's sign-in sessions (console/session.ts), in the shape connect-session-knex reads:
  // the session id, its data (who signed in with which token, the CSRF token) and its expiry.
  await knex.schema.createTable('console_sessions', (t) => {
    t.string('sid').primary();
    t.json('sess').notNullable();
    t.timestamp('expired', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('console_sessions');
}
