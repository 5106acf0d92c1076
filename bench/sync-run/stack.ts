// The whole stack a benchmark run drives, on this machine: Postgres and the Temporal dev server, the
// scimmy SCIM server as the platform (the lean /Groups handler in front of it) and a mail catcher in
// this process, the production worker as its own process, and the API app. Each part is added to
// the stops as soon as it runs, so that a start that fails part-way still stops what it started.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import express from 'express';
import { createApp } from '../../api/app';
import { quietBundler, workflowBundleOptions } from '../../worker/worker';
import { createDb, type Db } from '../../common/db';
import { createKeyring, SecretStore } from '../../common/secrets';
import { connectClient } from '../../common/temporal';
import { startMailCapture } from '../../dev/mail-capture';
import { createScimServer, type ScimServer } from '../../dev/scim-server';
import { leanGroups, type LeanGroups } from './lean-groups';
import type { BenchOptions } from './options';
import { freePort } from '../../common/free-port';
import { memoryOf, startApiProcess, startServices, startWorkerProcess, type Services, type WorkerProcess } from './processes';
import type { Say } from './progress';
import { mb, sec } from './report';
import { gcLineOf, type GcLine } from './worker-memory';

type Stop = () => Promise<unknown>;

/** What has been started, stopped in reverse order, once; a stop that fails is said and the others still run. */
export function stopList(say: Say) {
  const stops: Stop[] = [];
  return {
    add: (stop: Stop) => void stops.push(stop),
    async stopAll() {
      for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => say(`cleanup: ${(error as Error).message}`));
    },
  };
}

type Stops = ReturnType<typeof stopList>;

export interface Stack {
  db: Db;
  client: Client;
  scimServer: ScimServer;
  lean: LeanGroups;
  scimUrl: string;
  apiUrl: string;
  adminToken: string;
  worker: WorkerProcess;
  /** Every worker process on the task queue; the first is `worker`. */
  workers: WorkerProcess[];
  /** The API as its own process (`npm run api`), when asked for; otherwise it runs in this one. */
  apiProcess?: WorkerProcess;
  workerStartup: { ms: number; rss: number; peak: number };
  /** The worker's collections, as it reports them with --trace-gc-worker. */
  gcLines: GcLine[];
}

/**
 * `workerEnv`: settings of the worker beyond the stack's own (a bench's ROSTER_WEBHOOK_WINDOW_SECONDS);
 * `workers`: how many worker processes share the task queue; `apiProcess`: the API in its own
 * process, so that its memory is its own; `temporalConfig`: the Temporal server's dynamic config.
 */
export type StackOptions = Pick<BenchOptions, 'people' | 'prebuilt' | 'profileWorker' | 'traceGcWorker'> & {
  workerEnv?: Record<string, string> | ((services: { scimUrl: string }) => Record<string, string>);
  workers?: number;
  apiProcess?: boolean;
  temporalConfig?: Record<string, string | number | boolean>;
};

export async function startStack(options: StackOptions, stops: Stops, say: Say): Promise<Stack> {
  say(`starting Postgres and the Temporal dev server (people: ${options.people})`);
  const services = await startServices(options.temporalConfig);
  stops.add(services.stop);

  const scimServer = createScimServer();
  const lean = leanGroups();
  const scimApp = express();
  scimApp.use('/scim', lean.router);
  scimApp.use('/scim', scimServer.router);
  const scimHttp = await listen(scimApp);
  stops.add(() => close(scimHttp.server));
  const mail = await startMailCapture({ port: 0 });
  stops.add(mail.stop);

  const encryptionKey = randomBytes(32).toString('base64');
  const taskQueue = `bench-${randomUUID()}`;
  const workerEnv = typeof options.workerEnv === 'function' ? options.workerEnv({ scimUrl: scimHttp.url }) : options.workerEnv;
  const workerOptions = { ...options, workerEnv };
  const { worker, workerStartup, gcLines } = await startWorker(services, { encryptionKey, taskQueue, smtpUrl: mail.smtpUrl }, workerOptions, stops, say);
  const workers = [worker];
  while (workers.length < (options.workers ?? 1)) workers.push((await startWorker(services, { encryptionKey, taskQueue, smtpUrl: mail.smtpUrl }, { ...workerOptions, profileWorker: undefined, traceGcWorker: false }, stops, say)).worker);

  const db = createDb(services.databaseUrl);
  stops.add(() => db.destroy());
  const secrets = new SecretStore(db, createKeyring(encryptionKey));
  const client = await connectClient({ address: services.temporalAddress, namespace: 'default' }, secrets.keyring);
  stops.add(() => client.connection.close());
  const adminToken = randomBytes(24).toString('hex');
  const api = options.apiProcess ? await startApi(services, { encryptionKey, taskQueue, adminToken }, stops, say) : undefined;
  let apiUrl = api?.url;
  if (!apiUrl) {
    const { app } = createApp({ db, client, secrets, taskQueue, adminToken, allowPrivateUrls: true, minScheduleMinutes: 15 });
    const apiHttp = await listen(app);
    stops.add(() => close(apiHttp.server));
    apiUrl = apiHttp.url;
  }
  return { db, client, scimServer, lean, scimUrl: scimHttp.url, apiUrl, adminToken, worker, workers, apiProcess: api?.process, workerStartup, gcLines };
}

/** The API as `npm run api` runs it, on this stack's services. */
async function startApi(services: Services, { encryptionKey, taskQueue, adminToken }: { encryptionKey: string; taskQueue: string; adminToken: string }, stops: Stops, say: Say) {
  const port = await freePort();
  say('starting the API process (npm run api\'s command)');
  const process = startApiProcess(
    {
      DATABASE_URL: services.databaseUrl,
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      ROSTER_ENCRYPTION_KEY: encryptionKey,
      ROSTER_ADMIN_TOKEN: adminToken,
      ROSTER_ALLOW_PRIVATE_URLS: 'true',
      ROSTER_HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
    },
    join(services.dir, 'api.log'),
  );
  stops.add(process.stop);
  await process.ready;
  return { process, url: `http://127.0.0.1:${port}` };
}

/** The worker as `npm run worker` runs it, on this stack's services; resolves once it polls its task queue. */
async function startWorker(services: Services, { encryptionKey, taskQueue, smtpUrl }: { encryptionKey: string; taskQueue: string; smtpUrl: string }, options: StackOptions, stops: Stops, say: Say) {
  const gcLines: GcLine[] = [];
  const bundlePath = join(services.dir, 'workflows.js');
  if (options.prebuilt) {
    const bundle = await bundleWorkflowCode({ ...workflowBundleOptions(false), logger: quietBundler });
    writeFileSync(bundlePath, bundle.code);
  }
  say(`starting the worker process (npm run worker's command${options.prebuilt ? ', with a prebuilt workflow bundle' : ''})`);
  const startedAt = Date.now();
  const worker = startWorkerProcess(
    {
      DATABASE_URL: services.databaseUrl,
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      ROSTER_ENCRYPTION_KEY: encryptionKey,
      SMTP_URL: smtpUrl,
      ROSTER_MAIL_FROM: 'Roster <roster@bench.example>',
      ROSTER_PUBLIC_URL: 'http://roster.bench.example',
      // The fake platform and HR system listen on loopback.
      ROSTER_ALLOW_PRIVATE_URLS: 'true',
      LOG_LEVEL: 'info',
      ...(options.prebuilt && { ROSTER_WORKFLOW_BUNDLE: bundlePath }),
      ...options.workerEnv,
    },
    join(services.dir, 'worker.log'),
    {
      nodeFlags: [...(options.profileWorker ? ['--cpu-prof', `--cpu-prof-dir=${options.profileWorker}`] : []), ...(options.traceGcWorker ? ['--trace-gc'] : [])],
      onLine: (line) => {
        const gc = gcLineOf(line, startedAt);
        if (gc) gcLines.push(gc);
      },
    },
  );
  stops.add(worker.stop);
  await worker.ready;
  const workerStartup = { ms: Date.now() - startedAt, ...memoryOf(worker.pid) };
  say(`worker polling after ${sec(workerStartup.ms)}; RSS ${mb(workerStartup.rss)}, peak so far ${mb(workerStartup.peak)} (${options.prebuilt ? 'prebuilt bundle' : 'bundling the workflows included'})`);
  return { worker, workerStartup, gcLines };
}

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
  });
}

function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}
