// A test file's own Roster on the shared servers: its own task queue and worker (so it can stop
// and restart them), the real API app on a free port, and captured logs. Every answer `request`
// gets is checked against the published contract (./contract.ts).
import type { Server } from 'node:http';
import type { Express } from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createApp, type AppDeps } from '../../api/app';
import { createDb, type Db } from '../../common/db';
import { configureLogging } from '../../common/logger';
import { createKeyring, SecretStore } from '../../common/secrets';
import { connectClient } from '../../common/temporal';
import { createWorker } from '../../worker/worker';
import { createMailer } from '../../activities/notify';
import { startMailCapture, type MailCapture } from '../../dev/mail-capture';
import type { DemoPlatformAccess } from '../../activities/sync/tenant-access';
import { checkAnswer } from './contract';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  text: string;
}

export interface TestStack {
  url: string;
  /** The app the stack serves, for tests that read its routes. */
  app: Express;
  db: Db;
  client: Client;
  taskQueue: string;
  adminToken: string;
  logs: string[];
  /** What this stack's worker e-mailed. */
  mail: MailCapture;
  request<T = any>(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiAnswer<T>>;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** The test run's key (test/global-setup.ts). */
export const encryptionKey = inject('encryptionKey');

/** A tenant id no other test uses. */
export const uniqueTenantId = (prefix = 't') => `${prefix}-${randomUUID().slice(0, 8)}`;

export interface TestStackOptions {
  /** Where the demo platform answers for this stack's worker (a test's own SCIM server). */
  demoPlatform?: DemoPlatformAccess;
  approvalTimeoutHours?: number;
  /** How long webhook events are collected before their run (ROSTER_WEBHOOK_WINDOW_SECONDS). */
  webhookWindowSeconds?: number;
  /** Requests a second by host for all tenants together (ROSTER_SHARED_RATE_LIMITS). */
  sharedRateLimits?: Record<string, number>;
  /** false: no in-process worker, for tests that run the worker as a separate process (test/reliability). */
  startWorker?: boolean;
  /** A Temporal server of the test's own instead of the run's shared one (test/reliability/own-temporal.ts). */
  temporalAddress?: string;
}

export async function startTestStack(overrides: Partial<AppDeps> = {}, options: TestStackOptions = {}): Promise<TestStack> {
  const logs: string[] = [];
  configureLogging({ sink: (line) => logs.push(line), level: 'debug' });
  const databaseUrl = inject('databaseUrl');
  const address = options.temporalAddress ?? inject('temporalAddress');
  const taskQueue = `test-${randomUUID()}`;
  const adminToken = `admin-${randomBytes(18).toString('hex')}`;
  const db = createDb(databaseUrl);
  const secrets = new SecretStore(db, createKeyring(encryptionKey));
  const client = await connectClient({ address, namespace: 'default' }, secrets.keyring);
  const mail = await startMailCapture({ port: 0 });

  const { startWorker: withWorker = true, temporalAddress: _address, ...workerOptions } = options;
  let running: { worker: Worker; connection: { close(): Promise<void> }; done: Promise<void> } | undefined;
  const startWorker = async () => {
    const { worker, connection } = await createWorker({ address, namespace: 'default', taskQueue, workflowBundlePath: inject('workflowBundlePath') }, { db, secrets, allowPrivateUrls: overrides.allowPrivateUrls ?? true, mailer: createMailer({ smtpUrl: mail.smtpUrl, from: 'Roster <roster@test.example>' }), publicUrl: 'http://roster.test', ...workerOptions });
    running = { worker, connection, done: worker.run() };
  };
  const stopWorker = async () => {
    if (!running) return;
    if (running.worker.getState() === 'RUNNING') running.worker.shutdown();
    await running.done;
    await running.connection.close();
    running = undefined;
  };
  if (withWorker) await startWorker();

  const { app } = createApp({ db, client, secrets, taskQueue, adminToken, allowPrivateUrls: true, minScheduleMinutes: 15, ...overrides });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    app,
    db,
    client,
    taskQueue,
    adminToken,
    logs,
    mail,
    async request(method, path, body, token = adminToken) {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await response.text();
      checkAnswer(method, path, { status: response.status, contentType: response.headers.get('content-type'), text });
      let parsed: unknown = undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: response.status, body: parsed as never, text };
    },
    startWorker,
    stopWorker,
    async stop() {
      await stopWorker();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await client.connection.close();
      await db.destroy();
      await mail.stop();
    },
  };
}

/** Polls until `check` returns a value other than undefined/false (for eventually-consistent reads). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
