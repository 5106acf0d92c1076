// `npm run worker`: the production worker process, configured by environment variables only.
import { createMailer } from '../activities/notify';
import { createDb } from '../common/db';
import { EnvError, loadEnv, workerEnvSchema } from '../common/env';
import { configureLogging, loggerFor } from '../common/logger';
import { startTracing, tracingSettings } from '../telemetry/tracing/tracing';
import { createKeyring, SecretStore } from '../common/secrets';
import { temporalSettings } from '../common/temporal';
import { startWorkerMetricsServer } from '../telemetry/metrics/worker-server';
import { watchTemporal } from './temporal-watch';
import { createWorker } from './worker';

try {
  const env = loadEnv(workerEnvSchema);
  configureLogging({ level: env.LOG_LEVEL, levels: env.LOG_LEVELS });
  const tracing = tracingSettings(env, 'roster-worker');
  const traces = tracing && startTracing(tracing);
  const metrics = await startWorkerMetricsServer({ port: env.ROSTER_WORKER_METRICS_PORT });
  const db = createDb(env.DATABASE_URL);
  const secrets = new SecretStore(db, createKeyring(env.ROSTER_ENCRYPTION_KEY, env.ROSTER_ENCRYPTION_OLD_KEYS.split(',')));
  const { worker, client, connection } = await createWorker(
    { ...temporalSettings(env), taskQueue: env.TEMPORAL_TASK_QUEUE, workflowBundlePath: env.ROSTER_WORKFLOW_BUNDLE, cachedWorkflows: env.ROSTER_WORKER_CACHED_WORKFLOWS, healthSchedules: true },
    { db, secrets, allowPrivateUrls: env.ROSTER_ALLOW_PRIVATE_URLS, sharedRateLimits: env.ROSTER_SHARED_RATE_LIMITS, approvalTimeoutHours: env.ROSTER_APPROVAL_TIMEOUT_HOURS, webhookWindowSeconds: env.ROSTER_WEBHOOK_WINDOW_SECONDS, retentionDays: env.ROSTER_RETENTION_DAYS, mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.ROSTER_MAIL_FROM }), publicUrl: env.ROSTER_PUBLIC_URL, supportEmail: env.ROSTER_SUPPORT_EMAIL },
  );
  loggerFor('worker').info('worker polling', { taskQueue: env.TEMPORAL_TASK_QUEUE, metrics: metrics.url });
  const watch = watchTemporal(client.connection, env.TEMPORAL_ADDRESS);
  // Worker.run handles SIGINT/SIGTERM itself: it stops polling and lets activities finish.
  await worker.run();
  await watch.stop();
  await connection.close();
  await db.destroy();
  await metrics.stop();
  await traces?.stop();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `The worker stopped: ${(error as Error).message}`);
  process.exit(1);
}
