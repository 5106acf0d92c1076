// Builds the API's dependencies from its environment and listens; shared by `npm run api` and
// the embedded default.
import { createServer, type Server } from 'node:http';
import { isIPv6 } from 'node:net';
import type { Router } from 'express';
import { createDb } from '../common/db';
import type { ApiEnv } from '../common/env';
import { loggerFor } from '../common/logger';
import { createKeyring, SecretStore } from '../common/secrets';
import { connectClient, temporalSettings } from '../common/temporal';
import { createApp } from './app';
import { startMissingWorkflows } from './tenant-workflows';

const log = loggerFor('api');

export interface RunningApi {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** How this machine reaches an API listening on `host` (every interface when unset). */
export function localApiUrl(host: string | undefined, port: number): string {
  if (host === undefined || ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host)) return `http://localhost:${port}`;
  return `http://${isIPv6(host) ? `[${host}]` : host}:${port}`;
}

export async function startApi(env: ApiEnv, extras: { requireWorker?: boolean; devRoutes?: Router } = {}): Promise<RunningApi> {
  const db = createDb(env.DATABASE_URL);
  const secrets = new SecretStore(db, createKeyring(env.ROSTER_ENCRYPTION_KEY, env.ROSTER_ENCRYPTION_OLD_KEYS.split(',')));
  const client = await connectClient(temporalSettings(env), secrets.keyring);
  const { app, workflows } = createApp({
    db,
    client,
    secrets,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    adminToken: env.ROSTER_ADMIN_TOKEN,
    allowPrivateUrls: env.ROSTER_ALLOW_PRIVATE_URLS,
    minScheduleMinutes: env.ROSTER_MIN_SCHEDULE_MINUTES,
    publicUrl: env.ROSTER_PUBLIC_URL,
    trustProxy: env.ROSTER_TRUST_PROXY,
    temporalUiUrl: env.ROSTER_TEMPORAL_UI_URL,
    ...extras,
  });
  const repaired = await startMissingWorkflows(db, workflows);
  if (repaired > 0) log.warn('started tenant workflows missing after an interrupted create', { count: repaired });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app)
      .listen({ port: env.PORT, host: env.ROSTER_HOST }, () => resolve(s))
      .on('error', reject);
  });
  const address = server.address();
  const url = localApiUrl(env.ROSTER_HOST, typeof address === 'object' && address ? address.port : env.PORT);
  log.info('api listening', { url, host: env.ROSTER_HOST ?? 'every interface' });
  return {
    server,
    url,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await client.connection.close();
      await db.destroy();
    },
  };
}
