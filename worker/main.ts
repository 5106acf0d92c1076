// `npm run worker`: the production worker process, configured by environment variables only.
import { createMailer } from '../activities/notify';
import { createDb } from '../common/db';
import { EnvError, loadEnv, workerEnvSchema } from '../common/env';
import { configureLogging, log } from '../common/logger';
import { createKeyring, SecretStore } from '../common/secrets';
import { temporalSettings } from '../common/temporal';
import { createWorker } from './worker';

try {
  const env = loadEnv(workerEnvSchema);
  configureLogging({ level: env.LOG_LEVEL });
  const db = createDb(env.DATABASE_URL);
  const secrets = new SecretStore(db, createKeyring(env.ROSTER_ENCRYPTION_KEY, env.ROSTER_ENCRYPTION_OLD_KEYS.split(',')));
  const { worker, connection } = await createWorker(
    { ...temporalSettings(env), taskQueue: env.TEMPORAL_TASK_QUEUE, workflowBundlePath: env.ROSTER_WORKFLOW_BUNDLE },
    { db, secrets, allowPrivateUrls: env.ROSTER_ALLOW_PRIVATE_URLS, approvalTimeoutHours: env.ROSTER_APPROVAL_TIMEOUT_HOURS, retentionDays: env.ROSTER_RETENTION_DAYS, mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.ROSTER_MAIL_FROM }), publicUrl: env.ROSTER_PUBLIC_URL },
  );
  log.info('worker polling', { taskQueue: env.TEMPORAL_TASK_QUEUE });
  // Worker.run handles SIGINT/SIGTERM itself: it stops polling and lets activities finish.
  await worker.run();
  await connection.close();
  await db.destroy();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `The worker stopped: ${(error as Error).message}`);
  process.exit(1);
}
