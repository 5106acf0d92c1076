// The steps of onboarding-walk.test.ts, which lifetime-walk.test.ts takes too (its own steps after
// onboarding are in lifetime-steps.ts): a Humaans tenant syncing to its own directory on the real
// scimmy SCIM server, walked through the API as support and the customer's HRIS admin take it,
// with every answer kept for the secrets scan; and the production worker as replaceable OS
// processes, with the server told of each kill at once (worker-process.ts) instead of after its
// timeouts.
import { inject } from 'vitest';
import { demoCustomSchema, type ScimTenant } from '../../dev/scim-server';
import { tenantWorkflowId } from '../../common/workflow-ids';
import type { ScimPlatform } from '../activities/platform/scim-platform';
import { humaansDataset } from '../fakes/humaans-datasets';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { kickoffConfig } from '../support/fixtures';
import { encryptionKey, eventually, uniqueTenantId, type ApiAnswer, type TestStack } from '../support/stack';
import { testSecret } from '../replay/record-history';
import { pendingActivity, resetStickyQueue, restoreActivityOptions, shortenHeartbeatTimeout, startWorkerProcess, type WorkerProcess, type WorkerProcessEnv } from './worker-process';

/** Where the link's URL points, for the API's answer and the worker's e-mail alike. */
export const publicUrl = 'http://roster.test';

// ---------------------------------------------------------------------------------------------
// The worker, as production runs it

/** What a worker process needs to serve the stack's task queue, as production configures it. */
export function stackWorkerEnv(stack: TestStack, extra: Partial<WorkerProcessEnv> = {}): WorkerProcessEnv {
  return {
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: stack.taskQueue,
    ROSTER_ENCRYPTION_KEY: encryptionKey,
    SMTP_URL: stack.mail.smtpUrl,
    ROSTER_MAIL_FROM: 'Roster <roster@test.example>',
    ROSTER_PUBLIC_URL: publicUrl,
    ROSTER_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

/** The production worker (`npm run worker`) as OS processes on the stack's task queue, one alive at a time. */
export class WorkerProcesses {
  readonly all: WorkerProcess[] = [];
  constructor(
    private readonly stack: TestStack,
    private readonly env: Partial<WorkerProcessEnv> = {},
  ) {}

  /** A new worker process; resolves once it polls. */
  async start(): Promise<WorkerProcess> {
    const worker = startWorkerProcess(stackWorkerEnv(this.stack, this.env));
    this.all.push(worker);
    await worker.ready;
    return worker;
  }

  /** SIGKILL, like a machine lost mid-work. */
  async kill(): Promise<void> {
    await this.all.at(-1)!.kill();
  }

  /** Every line every worker process wrote. */
  output(): string[] {
    return this.all.flatMap((worker) => worker.output);
  }

  async stop(): Promise<void> {
    for (const worker of this.all) await worker.kill();
  }
}

/**
 * The killed worker had these workflows cached: their next workflow task goes to the normal task
 * queue now, rather than to its sticky queue after the SDK's 10 s timeout (worker-process.ts).
 */
export async function forgetCachedWorkflows(stack: TestStack, workflowIds: string[]): Promise<void> {
  for (const workflowId of workflowIds) await resetStickyQueue(stack.client, workflowId);
}

/**
 * After a kill in the middle of a heartbeating activity: a new worker, the server told at once
 * (as worker-crash.test.ts does it), returning once the orphaned attempt has been retried.
 */
export async function replaceWorkerMidActivity(workers: WorkerProcesses, stack: TestStack, cached: string[], runWorkflowId: string, activityType: string): Promise<void> {
  const next = workers.start();
  const orphaned = await shortenHeartbeatTimeout(stack.client, runWorkflowId, activityType);
  await forgetCachedWorkflows(stack, cached);
  await next;
  await eventually(async () => {
    const pending = await pendingActivity(stack.client, runWorkflowId, activityType);
    return pending === undefined || pending.activityId !== orphaned.activityId || (pending.attempt > orphaned.attempt && pending.started);
  }, 30_000);
  await restoreActivityOptions(stack.client, runWorkflowId, orphaned.activityId);
}

/**
 * Nothing of the tenant's under way: no workflow task or activity pending in its workflow, all
 * its mail delivered. A kill then strands no activity that does not heartbeat (the server would
 * retry it only after its start-to-close timeout) and no half-sent e-mail.
 */
export async function quiet(stack: TestStack, tenantId: string): Promise<void> {
  await eventually(async () => {
    const { raw } = await stack.client.workflow.getHandle(tenantWorkflowId(tenantId)).describe();
    const unsent = await stack.db('mail_outbox').where({ tenant_id: tenantId, status: 'pending' }).first('id');
    return !raw.pendingWorkflowTask && (raw.pendingActivities?.length ?? 0) === 0 && !unsent;
  }, 30_000);
}

// ---------------------------------------------------------------------------------------------
// The tenant and the people walking it

/** A tenant's walk: its HRIS (a Humaans fake with its own key), its platform directory, and every answer it got. */
export interface Walk {
  id: string;
  name: string;
  hrisAdminEmail: string;
  workflowId: string;
  /** The HRIS key: only the fake and the HRIS admin know it. */
  hrisKey: string;
  /** A key the HRIS admin might paste by mistake. */
  wrongKey: string;
  platformToken: string;
  hris: HumaansFake;
  scim: ScimTenant;
  /** Every body the API and the authorization page answered during the walk. */
  answers: string[];
  /** A call with support's API token. */
  support<T = any>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** A call with no token at all, as the HRIS admin has none: only the link. */
  customer<T = any>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** The authorization page, as the HRIS admin's browser opens it. */
  openPage(url: string): Promise<{ status: number; contentType: string; cacheControl: string; html: string }>;
}

/** The day the walks' Humaans directories are made for, and read as of. */
export const today = new Date().toISOString().slice(0, 10);

/** A new tenant, not yet created: ~120 people in Humaans, read 30 a page, and an empty platform directory. */
export async function newWalk(stack: TestStack, platform: ScimPlatform, supportToken: string, prefix: string): Promise<Walk> {
  const hrisKey = testSecret('hris');
  const hris = await startHumaansFake({ dataset: humaansDataset({ today, fillers: 60 }), token: hrisKey, maxLimit: 30 });
  const id = uniqueTenantId(prefix);
  const platformToken = testSecret('scim');
  const answers: string[] = [];
  const kept = async <T>(answer: Promise<ApiAnswer<T>>) => {
    const seen = await answer;
    answers.push(seen.text);
    return seen;
  };
  return {
    id,
    name: `Initrode ${id}`,
    hrisAdminEmail: `it-admin@${id}.example`,
    workflowId: tenantWorkflowId(id),
    hrisKey,
    wrongKey: testSecret('wrong-hris'),
    platformToken,
    hris,
    scim: platform.server.addTenant(id, platformToken),
    answers,
    support: (method, path, body) => kept(stack.request(method, path, body, supportToken)),
    customer: (method, path, body) => kept(stack.request(method, path, body, null)),
    async openPage(url) {
      const response = await fetch(url.replace(publicUrl, stack.url));
      const html = await response.text();
      answers.push(html);
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', cacheControl: response.headers.get('cache-control') ?? '', html };
    },
  };
}

/** The body of POST /api/tenants: Humaans at the fake, the scimmy directory, and who to write to. */
export function tenantBody(walk: Walk, platform: ScimPlatform) {
  return {
    id: walk.id,
    name: walk.name,
    hris: { provider: 'humaans', baseUrl: walk.hris.url },
    platform: { kind: 'scim', baseUrl: `${platform.url}/scim/${walk.id}/v2`, token: walk.platformToken, customSchema: demoCustomSchema, maxRequestsPerSecond: 1000, concurrency: 8 },
    contacts: { supportEmail: 'support@roster.example', hrisAdminEmail: walk.hrisAdminEmail },
  };
}

/** What the kick-off call decided (fixtures.ts), syncing nightly. */
export const walkConfig = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };

/** The link token: the URL's last segment. */
export const tokenOf = (url: string) => url.split('/').at(-1)!;

/** The tenant's runs, newest first. */
export async function runsOf(walk: Walk): Promise<any[]> {
  return (await walk.support('GET', `/api/tenants/${walk.id}/syncs`)).body.syncs;
}

/** The test the tenant started by itself once its key was verified (no one asked for one). */
export function automaticTest(walk: Walk): Promise<any> {
  return eventually(async () => (await runsOf(walk)).find((run) => run.trigger === 'test'), 30_000);
}

/** The run once it has ended and the tenant has recorded its end: no run open, and this one the latest. */
export async function finished(walk: Walk, syncId: string): Promise<any> {
  await eventually(async () => {
    const tenant = (await walk.support('GET', `/api/tenants/${walk.id}`)).body;
    return !tenant.activeSyncId && tenant.lastSync?.id === syncId;
  }, 90_000);
  return (await walk.support('GET', `/api/syncs/${syncId}`)).body;
}

/** What each e-mail carries, as its readers get it: the captured subject, text and attachments, and the HTML Roster sent (the outbox keeps it; the capture does not). */
export async function mailTexts(stack: TestStack, tenantIds: string[]): Promise<string[]> {
  const captured = stack.mail.messages.flatMap((mail) => [mail.subject, mail.text, ...mail.attachments.map((a) => `${a.filename ?? ''}\n${a.content}`)]);
  const html = (await stack.db('mail_outbox').whereIn('tenant_id', tenantIds).select('html')).map((row) => (row.html as string | null) ?? '');
  return [...captured, ...html];
}
