// The steps of onboarding-walk.test.ts: a Humaans tenant syncing to its own directory on the real
// scimmy SCIM server, walked through the API as support and the customer's HRIS admin take it,
// with every answer kept for the secrets scan; and the production worker as replaceable OS
// processes, with the server told of each kill at once (worker-process.ts) instead of after its
// timeouts.
import { ScheduleNotFoundError } from '@temporalio/client';
import { expect, inject } from 'vitest';
import { addDays } from '../../activities/hris/dates';
import { demoCustomSchema, type ScimTenant } from '../../dev/scim-server';
import { tenantScheduleId, tenantWorkflowId } from '../../common/workflow-ids';
import { writes, type ScimPlatform } from '../activities/platform/scim-platform';
import { humaansDataset, type FakePerson, type HumaansDataset } from '../fakes/humaans-datasets';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { kickoffConfig } from '../support/fixtures';
import { encryptionKey, eventually, uniqueTenantId, type ApiAnswer, type TestStack } from '../support/stack';
import { testSecret } from '../replay/record-history';
import { pendingActivity, resetStickyQueue, restoreActivityOptions, shortenHeartbeatTimeout, startWorkerProcess, type WorkerProcess } from './worker-process';

/** Where the link's URL points, for the API's answer and the worker's e-mail alike. */
export const publicUrl = 'http://roster.test';

// ---------------------------------------------------------------------------------------------
// The worker, as production runs it

/** The production worker (`npm run worker`) as OS processes on the stack's task queue, one alive at a time. */
export class WorkerProcesses {
  readonly all: WorkerProcess[] = [];
  constructor(private readonly stack: TestStack) {}

  /** A new worker process; resolves once it polls. */
  async start(): Promise<WorkerProcess> {
    const worker = startWorkerProcess({
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: this.stack.taskQueue,
      ROSTER_ENCRYPTION_KEY: encryptionKey,
      SMTP_URL: this.stack.mail.smtpUrl,
      ROSTER_MAIL_FROM: 'Roster <roster@test.example>',
      ROSTER_PUBLIC_URL: publicUrl,
      ROSTER_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      LOG_LEVEL: 'debug',
    });
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

const today = new Date().toISOString().slice(0, 10);

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

// ---------------------------------------------------------------------------------------------
// After go-live: the schedule, the runs it starts, and the platform against the directory

/** The walk's config syncing every minute, to watch the schedule fire (the API must allow it: `minScheduleMinutes: 1`). */
export const everyMinuteConfig = { ...walkConfig, schedule: { cron: '* * * * *', timezone: 'UTC', jitterMinutes: 0 } };

/** The tenant's Temporal Schedule, `schedule-<tenantId>`. */
export const scheduleOf = (stack: TestStack, walk: Walk) => stack.client.schedule.getHandle(tenantScheduleId(walk.id));

/** Resolves once the scheduler shows the schedule paused (or running): it applies pause requests a moment after they are made. */
export async function scheduleIsPaused(stack: TestStack, walk: Walk, paused: boolean): Promise<void> {
  await eventually(async () => (await scheduleOf(stack, walk).describe()).state.paused === paused, 20_000);
}

/** Resolves once the schedule no longer exists. */
export async function scheduleIsGone(stack: TestStack, walk: Walk): Promise<void> {
  await eventually(async () => {
    try {
      await scheduleOf(stack, walk).describe();
      return false;
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return true;
      throw error;
    }
  }, 30_000);
}

/** The first run with `trigger` started at or after `since` (ms since the epoch), once it has started. */
export function runStarted(walk: Walk, trigger: string, since: number, timeoutMs = 90_000): Promise<any> {
  return eventually(async () => (await runsOf(walk)).filter((run) => run.trigger === trigger && Date.parse(run.startedAt) >= since).at(-1), timeoutMs);
}

/** The run once its final status is written: the last thing a run writes, after the tenant recorded its end. */
export function runEnded(walk: Walk, syncId: string, timeoutMs = 90_000): Promise<any> {
  return eventually(async () => {
    const run = (await walk.support('GET', `/api/syncs/${syncId}`)).body;
    return run.finishedAt !== undefined && run;
  }, timeoutMs);
}

/**
 * Whether the HRIS's latest request for people asks for the page starting at `skip`. A run reads
 * the pages in order and runs never overlap, so once a run has started this says that run is
 * reading there (an earlier run's last request was for its last page).
 */
export function readingPeopleAt(walk: Walk, skip: number): boolean {
  const latest = walk.hris.calls('/people').at(-1);
  return latest !== undefined && Number(latest.query.$skip ?? 0) === skip;
}

/** The deactivations made by the applied runs that ended at or after `since`, between them. */
export async function deactivationsSince(walk: Walk, since: number): Promise<number> {
  const ended = (await runsOf(walk)).filter((run) => run.mode === 'apply' && run.finishedAt && Date.parse(run.finishedAt) >= since);
  return ended.reduce((sum, run) => sum + run.counts.deactivated, 0);
}

/** Humaans statuses of someone who works here or is about to start (docs/CONNECTORS.md, "Humaans"). */
const employedStatuses = ['active', 'newHire', 'new_hire', 'onboarding', 'preboarding'];

/**
 * Who must have an active account, by HRIS id, with the user name it must carry: everyone Humaans
 * says works here or is about to start, whose end date has not passed (the kick-off config syncs
 * active and onboarding people; none of its exclusion rules match this company), and whose work
 * e-mail (lower-cased: the identity key) is theirs alone. A missing or shared e-mail is a data
 * problem the run reports and skips.
 */
export function employedAccounts(dataset: HumaansDataset): Map<string, string> {
  const employed = dataset.people.filter((person) => {
    const endDate = person.employmentEndDate ?? person.lastWorkingDay;
    return employedStatuses.includes(person.status ?? '') && !(endDate && endDate < today);
  });
  const emailOf = (person: FakePerson) => person.email?.trim().toLowerCase() || undefined;
  const holders = new Map<string, number>();
  for (const person of employed) {
    const email = emailOf(person);
    if (email) holders.set(email, (holders.get(email) ?? 0) + 1);
  }
  return new Map(employed.flatMap((person) => (holders.get(emailOf(person) ?? '') === 1 ? [[person.id, emailOf(person)!] as const] : [])));
}

/** Someone leaves: Humaans marks them offboarded, their last day yesterday. Returns their HRIS id. */
export function terminate(walk: Walk, hrisId: string): string {
  const person = walk.hris.dataset.people.find((candidate) => candidate.id === hrisId);
  if (!person || !employedAccounts(walk.hris.dataset).has(hrisId)) throw new Error(`${hrisId} does not work here: only someone employed can leave`);
  const yesterday = addDays(today, -1);
  Object.assign(person, { status: 'offboarded', employmentEndDate: yesterday, lastWorkingDay: yesterday, leavingReason: 'resignation' });
  return hrisId;
}

/**
 * The platform as the directory says, after an applied run: everyone employed has an active
 * account named by their work e-mail, nobody else has an active account Roster manages, every
 * leaver's account is still there but deactivated, nothing was ever deleted, and the accounts
 * Roster did not create (a platform admin) were never written to.
 */
export function expectPlatformMatchesDirectory(walk: Walk, leavers: string[] = []): void {
  const wanted = employedAccounts(walk.hris.dataset);
  const users = walk.scim.directory.users();
  const managed = new Map(users.filter((user) => typeof user.externalId === 'string').map((user) => [user.externalId as string, user]));
  const shown = (hrisId: string) => {
    const user = managed.get(hrisId);
    return user && { userName: user.userName, active: user.active };
  };
  expect(new Map([...wanted.keys()].map((hrisId) => [hrisId, shown(hrisId)]))).toEqual(new Map([...wanted].map(([hrisId, userName]) => [hrisId, { userName, active: true }])));
  expect([...managed].filter(([hrisId, user]) => user.active === true && !wanted.has(hrisId)).map(([hrisId]) => hrisId)).toEqual([]);
  for (const hrisId of leavers) expect(shown(hrisId), hrisId).toEqual({ userName: expect.any(String), active: false });
  expect(writes(walk.scim.operations).filter((operation) => operation.method === 'DELETE')).toEqual([]);
  const unmanaged = new Set(users.filter((user) => user.externalId === undefined).map((user) => user.id));
  expect(writes(walk.scim.operations).filter((operation) => operation.resourceId !== undefined && unmanaged.has(operation.resourceId))).toEqual([]);
}

/**
 * Every fire of the schedule so far became a run or a `scheduled_run_skipped` entry in the
 * tenant's history, never nothing; and a fire skipped because a run was open names a run of the
 * tenant that had not ended when the fire came. Call it while no fire is due.
 */
export async function expectEveryFireAccountedFor(stack: TestStack, walk: Walk): Promise<{ fires: number; runs: number; skips: { at: string; reason: string }[] }> {
  const count = async () => {
    const { info } = await scheduleOf(stack, walk).describe();
    const runs = (await runsOf(walk)).filter((run) => run.trigger === 'schedule');
    const history: { action: string; actor: string; at: string; reason: string }[] = (await walk.support('GET', `/api/tenants/${walk.id}`)).body.history;
    const skips = history.filter((entry) => entry.action === 'scheduled_run_skipped');
    return { fires: info.numActionsTaken, runs, skips };
  };
  let seen = await count();
  await eventually(async () => {
    seen = await count();
    return seen.fires === seen.runs.length + seen.skips.length;
  }, 30_000).catch(() => undefined);
  expect({ fires: seen.fires, accountedFor: seen.runs.length + seen.skips.length }).toEqual({ fires: seen.fires, accountedFor: seen.fires });
  const all = await runsOf(walk);
  for (const skip of seen.skips) {
    expect(skip.actor).toBe('schedule');
    const [, firedAt, openRun] = /^Fired at (\S+): (?:run (\S+) was still open|the tenant is \w+)\.$/.exec(skip.reason) ?? [];
    expect(firedAt, skip.reason).toBeDefined();
    if (!openRun) continue;
    const run = all.find((candidate) => candidate.id === openRun);
    expect(run, skip.reason).toBeDefined();
    if (run.finishedAt) expect(Date.parse(run.finishedAt), skip.reason).toBeGreaterThanOrEqual(Date.parse(firedAt!));
  }
  return { fires: seen.fires, runs: seen.runs.length, skips: seen.skips.map(({ at, reason }) => ({ at, reason })) };
}

/** The activities of a run's workflow that had to be tried again (attempt > 1), in order: what a kill cost it. */
export async function retriedActivities(stack: TestStack, workflowId: string): Promise<string[]> {
  const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  const scheduled = new Map(history.events!.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes!.activityType!.name]));
  return history.events!.filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1).map((e) => scheduled.get(String(e.activityTaskStartedEventAttributes!.scheduledEventId))!);
}
