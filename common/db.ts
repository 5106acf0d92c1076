import knex, { type Knex } from 'knex';
import { migrationSource } from '../migrations';

export type Db = Knex;

export function createDb(databaseUrl: string): Db {
  return knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
}

export async function migrateLatest(db: Db): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const row = await query.count({ count: '*' }).first();
  return Number(row?.count ?? 0);
}
