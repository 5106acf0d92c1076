// The Express app, built from injected dependencies so that tests and the embedded default run
// the same code as production.
import express, { type Router } from 'express';
import type { LookupFunction } from 'node:net';
import type { Client } from '@temporalio/client';
import type { NetworkPolicy } from '../activities/http/network-guard';
import type { Db } from '../common/db';
import { derivedKeys } from '../common/derived-keys';
import { consoleRoutes } from '../console/app';
import { consoleSessions } from '../console/session';
import { PayloadEncryptionCodec, payloadKeys } from '../common/payloads/codec';
import type { SecretStore } from '../common/secrets';
import { authenticate } from './auth';
import { linkRateLimits } from './link-rate-limits';
import { noStore, securityHeaders } from './security-headers';
import { requestId } from './request-id';
import { requestLog } from './request-log';
import { requestSpan } from './request-span';
import { errorHandler, markBodyNotJson, notFound } from './errors';
import { issueLinkRoutes, redeemLinkRoutes } from './routes/authorization-links';
import { authorizePageRoutes } from './routes/authorize-page';
import { codecRoutes } from './routes/codec';
import { credentialRoutes } from './routes/credentials';
import { demoDirectoryRoutes } from './routes/demo-directory';
import { fileRoutes } from './routes/files';
import { healthRoutes } from './routes/health';
import { contractRoutes } from './openapi/routes';
import { lifecycleRoutes } from './routes/lifecycle';
import { syncRequestRoutes } from './routes/sync-requests';
import { syncRoutes } from './routes/syncs';
import { personSyncRoutes } from './routes/person-sync';
import { welcomesRoutes } from './routes/welcomes';
import { tenantRoutes } from './routes/tenants';
import { tokenRoutes } from './routes/tokens';
import { webhookSourceRoutes } from './routes/webhook-sources';
import { rawWebhookBodies, webhookReceiveRoutes } from './webhooks/receive';
import { createTenantWorkflows } from './tenant-workflows';
import { createApiMetrics } from '../telemetry/metrics/api-metrics';

export interface AppDeps {
  db: Db;
  client: Client;
  secrets: SecretStore;
  taskQueue: string;
  adminToken?: string;
  allowPrivateUrls: boolean;
  /** How the API resolves an HR system's name when it checks a key (dns.lookup); tests map a public-looking name to loopback. */
  lookup?: LookupFunction;
  minScheduleMinutes: number;
  /** The embedded default is ready only once its worker polls. */
  requireWorker?: boolean;
  /** Routes only the embedded default mounts (/dev/mail, the demo platform), at the root, before auth. */
  devRoutes?: Router;
  /** The base of authorization links (ROSTER_PUBLIC_URL); by default the request's own origin. */
  publicUrl?: string;
  /** Express's `trust proxy` (ROSTER_TRUST_PROXY): which proxies name the client's address. */
  trustProxy?: false | number | string[];
  /** Temporal's Web UI (ROSTER_TEMPORAL_UI_URL), for the console's links to workflows. */
  temporalUiUrl?: string;
  /** How long POST /api/tenants/:id/people/:hrisId/sync waits for its run before answering 202; 30 s by default. */
  personSyncWaitMs?: number;
}

export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);
  // First, so that everything a request does is in its trace and its log lines name it.
  app.use(requestSpan, requestId);
  // Before the body parser, so that the requests it refuses are timed too.
  const metrics = createApiMetrics(deps.db);
  app.use(metrics.requestDurations);
  app.use(securityHeaders);
  app.use('/api', noStore);
  // Webhooks are signed over their raw bytes: read before the JSON parser, which then leaves them alone.
  app.use('/api/webhooks', rawWebhookBodies);
  app.use(express.json({ limit: '1mb' }), markBodyNotJson);
  app.use(requestLog);

  const workflows = createTenantWorkflows(deps.db, deps.client, deps.taskQueue);
  app.use(healthRoutes({ db: deps.db, client: deps.client, taskQueue: deps.taskQueue, requireWorker: deps.requireWorker ?? false }));
  app.use(contractRoutes());
  app.use(metrics.routes);
  if (deps.devRoutes) app.use(deps.devRoutes);
  // The customer's HRIS admin has a link, not a bearer token: the link is the credential.
  const network: NetworkPolicy = { allowPrivateUrls: deps.allowPrivateUrls, lookup: deps.lookup };
  const links = { db: deps.db, secrets: deps.secrets, workflows, network };
  const limits = linkRateLimits();
  app.use(redeemLinkRoutes(links, limits));
  app.use(authorizePageRoutes(links, limits));
  // Only what a signed-in browser asks for reads the session: not health checks, the contract, link pages or the console's files.
  const sessions = consoleSessions(deps.db, derivedKeys(deps.secrets.keyring, 'console sessions'));
  app.use(consoleRoutes({ db: deps.db, keyring: deps.secrets.keyring, sessions, adminToken: deps.adminToken, temporalUiUrl: deps.temporalUiUrl }));
  app.use('/codec', noStore);
  app.use(codecRoutes({ codec: new PayloadEncryptionCodec(payloadKeys(deps.secrets.keyring)), temporalUiUrl: deps.temporalUiUrl, authenticate: [sessions, authenticate(deps.db, deps.adminToken, { csrfOnWrites: false })] }));
  // Each webhook source checks its own signature: no bearer token, no session.
  app.use(webhookReceiveRoutes({ db: deps.db, client: deps.client, secrets: deps.secrets }));
  app.use('/api', sessions, authenticate(deps.db, deps.adminToken));
  app.use(tenantRoutes({ ...deps, workflows }));
  app.use(credentialRoutes({ db: deps.db, secrets: deps.secrets, workflows, network }));
  app.use(fileRoutes({ db: deps.db, secrets: deps.secrets, workflows }));
  app.use(issueLinkRoutes({ ...links, publicUrl: deps.publicUrl }));
  app.use(lifecycleRoutes({ db: deps.db, workflows }));
  app.use(welcomesRoutes({ db: deps.db, workflows }));
  app.use(syncRequestRoutes({ db: deps.db, client: deps.client, workflows }));
  app.use(syncRoutes({ db: deps.db }));
  app.use(personSyncRoutes({ db: deps.db, client: deps.client, workflows, waitMs: deps.personSyncWaitMs }));
  app.use(demoDirectoryRoutes({ db: deps.db }));
  app.use(tokenRoutes({ db: deps.db }));
  app.use(webhookSourceRoutes({ db: deps.db, secrets: deps.secrets, publicUrl: deps.publicUrl }));
  app.use(notFound);
  app.use(errorHandler);
  return { app, workflows };
}
