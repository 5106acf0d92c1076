// `npm run migrate`: brings the database at DATABASE_URL up to date.
import { z } from 'zod';
import { createDb } from '../common/db';
import { EnvError, loadEnv } from '../common/env';
import { migrateLatest } from './index';

try {
  const env = loadEnv(z.object({ DATABASE_URL: z.string({ message: 'is required, e.g. postgres://roster:secret@localhost:5432/roster' }) }));
  const db = createDb(env.DATABASE_URL);
  await migrateLatest(db);
  await db.destroy();
  console.log('Database is up to date.');
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
