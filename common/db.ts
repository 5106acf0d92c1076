// The database handle every process makes. Bringing its schema up to date is migrations/'s own
// (migrateLatest), so that nothing shared depends on the migrations.
import knex, { type Knex } from 'knex';

export type Db = Knex;

export function createDb(databaseUrl: string): Db {
  return knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
}

export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const row = await query.count({ count: '*' }).first();
  return Number(row?.count ?? 0);
}
