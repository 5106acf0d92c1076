// worker/main.ts, but loading a workflow bundle built beforehand (ROSTER_BENCH_WORKFLOW_BUNDLE)
// instead of bundling the workflows with webpack at start-up: the benchmark's comparison of what
// start-up bundling costs the worker's resident memory. Everything else is the production worker's.
import { createMailer } from '../../activities/notify';
import { createDb } from '../../common/db';
import { loadEnv, workerEnvSchema } from '../../common/env';
import { configureLogging, log } from '../../common/logger';
import { createKeyring, SecretStore } from '../../common/secrets';
import { createWorker } from '../../worker/worker';

const workflowBundlePath = process.env.ROSTER_BENCH_WORKFLOW_BUNDLE;
if (!workflowBundlePath) throw new Error('ROSTER_BENCH_WORKFLOW_BUNDLE must name a workflow bundle');
const env = loadEnv(workerEnvSchema);
configureLogging({ level: env.LOG_LEVEL });
const db = createDb(env.DATABASE_URL);
const secrets = new SecretStore(db, createKeyring(env.ROSTER_ENCRYPTION_KEY, env.ROSTER_ENCRYPTION_OLD_KEYS.split(',')));
const { worker, connection } = await createWorker(
  { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE, workflowBundlePath },
  { db, secrets, approvalTimeoutHours: env.ROSTER_APPROVAL_TIMEOUT_HOURS, retentionDays: env.ROSTER_RETENTION_DAYS, mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.ROSTER_MAIL_FROM }), publicUrl: env.ROSTER_PUBLIC_URL },
);
log.info('worker polling', { taskQueue: env.TEMPORAL_TASK_QUEUE });
await worker.run();
await connection.close();
await db.destroy();
