// The API as `npm run api` starts it (api/server.ts, configured by environment only), in this
// process, on the benchmark's own Postgres and Temporal dev server (bench/sync-run/processes.ts),
// without a worker: what a benchmark of reads needs.
import { randomBytes } from 'node:crypto';
import { apiEnvSchema, loadEnv } from '../../common/env';
import { createDb, type Db } from '../../common/db';
import { freePort } from '../../common/free-port';
import { startApi } from '../../api/server';
import { startServices } from '../sync-run/processes';

export interface ApiInProcess {
  /** The benchmark's own handle on the API's database, for seeding. */
  db: Db;
  baseUrl: string;
  adminToken: string;
  stop(): Promise<void>;
}

export async function startApiInProcess(taskQueue: string): Promise<ApiInProcess> {
  const services = await startServices();
  const adminToken = randomBytes(24).toString('hex');
  const env = loadEnv(apiEnvSchema, {
    DATABASE_URL: services.databaseUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    ROSTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ROSTER_ADMIN_TOKEN: adminToken,
    ROSTER_HOST: '127.0.0.1',
    PORT: String(await freePort()),
  });
  const api = await startApi(env);
  const db = createDb(services.databaseUrl);
  return {
    db,
    baseUrl: api.url,
    adminToken,
    async stop() {
      await api.stop();
      await db.destroy();
      await services.stop();
    },
  };
}
