// The API as `npm run api` starts it (api/main.ts, configured by environment only), in its own
// process as in production, on the benchmark's own Postgres and Temporal dev server
// (bench/sync-run/processes.ts), without a worker: what a benchmark of reads needs.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createDb, type Db } from '../../common/db';
import { freePort } from '../../common/free-port';
import { startApiProcess, startServices } from '../sync-run/processes';

export interface ApiUnderTest {
  /** The benchmark's own handle on the API's database, for seeding. */
  db: Db;
  baseUrl: string;
  adminToken: string;
  stop(): Promise<void>;
}

export async function startApiOnItsOwn(taskQueue: string): Promise<ApiUnderTest> {
  const services = await startServices();
  const adminToken = randomBytes(24).toString('hex');
  const port = await freePort();
  const api = startApiProcess(
    {
      DATABASE_URL: services.databaseUrl,
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      ROSTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ROSTER_ADMIN_TOKEN: adminToken,
      ROSTER_HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
    },
    join(services.dir, 'api.log'),
  );
  await api.ready;
  const db = createDb(services.databaseUrl);
  return {
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    adminToken,
    async stop() {
      await api.stop();
      await db.destroy();
      await services.stop();
    },
  };
}
