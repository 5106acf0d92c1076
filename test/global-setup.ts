// One embedded PostgreSQL and one Temporal dev server for the whole run, on free ports so they
// never clash with a running `npm start`, and one workflow bundle (and its traced twin) shared by
// every test worker.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { createDb } from '../common/db';
import { migrateLatest } from '../migrations';
import { freePort } from '../common/free-port';
import { startEmbeddedPostgres } from '../dev/postgres';
import { postgresAccessProblem } from '../dev/postgres-access';
import { localDispatch, startTemporalDevServer } from '../dev/temporal-server';
import { quietBundler, tracedBundlePath, workflowBundleOptions } from '../worker/worker';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    workflowBundlePath: string;
    encryptionKey: string;
  }
}

/** History length at which the test server suggests continue-as-new. */
const continueAsNewAfterEvents = 40;

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'roster-test-'));
  // Postgres runs as its own user when tests run as root: it must be able to enter this folder.
  chmodSync(dir, 0o755);
  // Checked before anything starts: a failed Postgres used to kill the Temporal CLI build half-way.
  const problem = await postgresAccessProblem(join(dir, 'postgres'));
  if (problem) {
    rmSync(dir, { recursive: true, force: true });
    // One line, not the stack trace of an error thrown from the setup.
    console.error(problem);
    process.exit(1);
  }
  const [postgres, temporal, bundle, traced] = await Promise.all([
    freePort().then((port) => startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port, database: 'roster_test' })),
    // A low continue-as-new suggestion makes every long test walk exercise that path.
    freePort().then((port) => startTemporalDevServer({ port, logFile: join(dir, 'temporal.log'), dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': continueAsNewAfterEvents, ...localDispatch } })),
    bundleWorkflowCode({ ...workflowBundleOptions(false), logger: quietBundler }),
    bundleWorkflowCode({ ...workflowBundleOptions(true), logger: quietBundler }),
  ]);
  const db = createDb(postgres.url);
  await migrateLatest(db);
  await db.destroy();
  const workflowBundlePath = join(dir, 'workflows.js');
  writeFileSync(workflowBundlePath, bundle.code);
  // A test process that traces (test/telemetry) runs the traced twin, as a tracing worker does.
  writeFileSync(tracedBundlePath(workflowBundlePath), traced.code);

  project.provide('databaseUrl', postgres.url);
  project.provide('temporalAddress', temporal.address);
  project.provide('workflowBundlePath', workflowBundlePath);
  // One key for every test file, as one deployment has: they share the Temporal server, whose
  // payloads (schedules, histories) one file's worker may read of another's.
  project.provide('encryptionKey', randomBytes(32).toString('base64'));

  return async () => {
    await temporal.stop();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
