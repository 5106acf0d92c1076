// A sync run survives its worker being killed (docs/PRODUCT.md "One sync run" step 4, docs/ARCHITECTURE.md
// principle 5): the worker runs as a separate OS process exactly as in production (`worker/main.ts`,
// configured by environment variables only), and is SIGKILLed three times in one run: while the
// directory is being paged, while accounts are being created, and while groups are being created,
// each time replaced by a fresh process. The run is the tenant's initial load (go-live now, the
// first run that writes to the platform). It must finish with the platform exactly as planned:
// every planned account and group created once, none twice, every plan item done; and the tenant
// goes live.
//
// Timing: the server learns of a dead worker only from timeouts. Its activity is retried once the
// heartbeat times out (30 s in workflows/sync-run.ts), and each workflow it had cached waits 10 s
// (the SDK's sticky schedule-to-start timeout) before another worker gets its next task. Rather
// than wait that out (over a minute per kill), the test tells the server after each kill, through Temporal's
// operator API (UpdateActivityOptions on the one orphaned activity, restored to its original
// options once the retry runs; ResetStickyTaskQueue on the workflows): see worker-process.ts.
// Production code and timeouts are untouched; only how soon the server notices the loss changes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ScimOperation, type ScimTenant } from '../../dev/scim-server';
import { scimPlatformFor, startScimPlatform, writes, type ScimPlatform } from '../activities/platform/scim-platform';
import { humaansDataset } from '../fakes/humaans-datasets';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { kickoffConfig } from '../support/fixtures';
import { eventually, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';
import { approveTest, configureAndKickOff, enterKey } from '../support/onboarding';
import { recordHistory, testSecret } from '../replay/record-history';
import { PAYLOAD_LIMIT_BYTES, peopleOf, retriedActivities, scanTenant } from './history-scan';
import { stackWorkerEnv } from './onboarding-steps';
import { pendingActivity, resetStickyQueue, restoreActivityOptions, shortenHeartbeatTimeout, startWorkerProcess, type WorkerProcess } from './worker-process';

let stack: TestStack;
let platform: ScimPlatform;
let hris: HumaansFake;
const workers: WorkerProcess[] = [];
const platformToken = testSecret('scim');
const today = new Date().toISOString().slice(0, 10);

/** A new worker process on the stack's task queue; the previous one must be dead or stopping. */
function startWorker(): WorkerProcess {
  const worker = startWorkerProcess(stackWorkerEnv(stack));
  workers.push(worker);
  return worker;
}

/** The tenant's and the run's workflows were cached by the killed worker. */
async function forgetStickyQueues(tenantId: string, runWorkflowId: string): Promise<void> {
  for (const workflowId of [`tenant-${tenantId}`, runWorkflowId]) await resetStickyQueue(stack.client, workflowId);
}

beforeAll(async () => {
  platform = await startScimPlatform();
  // 4 pages of 30 people, and as many of job roles: a read long enough to be interrupted.
  hris = await startHumaansFake({ dataset: humaansDataset({ today, fillers: 60 }), token: testSecret('humaans'), maxLimit: 30 });
  stack = await startTestStack({}, { startWorker: false });
  await startWorker().ready;
});
afterAll(async () => {
  for (const worker of workers) await worker.kill();
  await stack?.stop();
  await platform?.stop();
  await hris?.close();
});

/**
 * After a kill: a fresh worker process, and the server told of the loss (see the header). Returns
 * once the orphaned activity has been retried (or has given way to the next one).
 */
async function replaceWorker(tenantId: string, runWorkflowId: string, activityType: string): Promise<WorkerProcess> {
  const next = startWorker();
  const orphaned = await shortenHeartbeatTimeout(stack.client, runWorkflowId, activityType);
  await forgetStickyQueues(tenantId, runWorkflowId);
  await next.ready;
  await eventually(async () => {
    const pending = await pendingActivity(stack.client, runWorkflowId, activityType);
    return pending === undefined || pending.activityId !== orphaned.activityId || (pending.attempt > orphaned.attempt && pending.started);
  }, 30_000);
  await restoreActivityOptions(stack.client, runWorkflowId, orphaned.activityId);
  return next;
}

/**
 * A trap on the platform: from the first request that `matches`, it and the next requests
 * (`count` in all) are answered `ms` late, so the test can kill the worker while they are in
 * flight. It is set as the request is logged on arrival, which the fake does just before it
 * applies its faults: the moment is exact, not raced.
 */
function hangFrom(scim: ScimTenant, matches: (op: ScimOperation) => boolean, count: number, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const log = scim.operations;
    const push = log.push;
    log.push = (...ops: ScimOperation[]) => {
      const length = push.apply(log, ops);
      if (ops.some(matches)) {
        log.push = push;
        scim.slowNext(count, ms);
        resolve();
      }
      return length;
    };
  });
}

const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];
const isCreate = (resource: 'Users' | 'Groups') => (op: ScimOperation) => op.method === 'POST' && op.path === `/${resource}`;
const creates = (scim: ScimTenant) => scim.operations.filter(isCreate('Users'));
const groupCreates = (scim: ScimTenant) => scim.operations.filter(isCreate('Groups'));
/** The `$skip` of each page of people asked for since the `from`th request to the HRIS. */
const peopleReads = (from: number) => hris.requests.slice(from).filter((request) => request.path === '/api/people').map((call) => Number(call.query.$skip ?? 0));

it('finishes an initial load whose worker is SIGKILLed mid-fetch and mid-apply (accounts, then groups), creating everything planned exactly once', async () => {
  const id = uniqueTenantId('crash');
  // A platform that takes 100 requests a second, 4 at a time.
  const { scim, settings } = scimPlatformFor(platform, id, platformToken, { maxRequestsPerSecond: 100, concurrency: 4 });
  const tenant = {
    id,
    name: `Initech ${id}`,
    hris: { provider: 'humaans', baseUrl: hris.url },
    platform: settings,
    contacts: { supportEmail: 'support@roster.example' },
  };
  expect((await stack.request('POST', '/api/tenants', tenant)).status).toBe(201);
  await configureAndKickOff(stack, id, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
  await enterKey(stack, id, hris.token);
  await approveTest(stack, id);

  // 1. Killed while paging the directory: pages answer slowly, and the kill comes once the first
  //    page is stored and its cursor heartbeated (the third of four pages is being asked for).
  hris.faults.delayMs = 400;
  // Only this run's reads: the automatic test read the directory too.
  const requestsBeforeRun = hris.requests.length;
  const goLive = await stack.request('POST', `/api/tenants/${id}/go-live`, {});
  expect(goLive.status, goLive.text).toBe(200);
  const syncId: string = await eventually(async () => (await stack.request('GET', `/api/tenants/${id}`)).body.activeSyncId);
  expect((await stack.request('GET', `/api/syncs/${syncId}`)).body).toMatchObject({ trigger: 'initial_load', mode: 'apply' });
  const runWorkflowId = `sync-${syncId}`;
  await eventually(async () => peopleReads(requestsBeforeRun).includes(60), 30_000);
  await workers.at(-1)!.kill();
  const readsBeforeKill = peopleReads(requestsBeforeRun);
  const storedBeforeKill = await stack.db('directory_snapshots').where({ run_id: syncId }).count({ n: '*' }).first();
  expect(Number(storedBeforeKill!.n)).toBeLessThan(hris.dataset.people.length); // the read was cut short
  expect((await stack.db('sync_runs').where({ id: syncId }).first('phase')).phase).toBe('fetching');

  hris.faults.delayMs = 0;
  // The creates' trap: the 21st create and the 3 requests after it hang on the platform.
  let seen = 0;
  const twentyFirstCreate = hangFrom(scim, (op) => isCreate('Users')(op) && ++seen === 21, 4, 1000);
  const second = await replaceWorker(id, runWorkflowId, 'fetchDirectory');

  // 2. Killed while creating accounts, with creates in flight: the platform finishes them after
  //    the worker is gone, so accounts exist that Roster never recorded.
  await twentyFirstCreate;
  await second.kill();
  const killedAt = Date.now();
  const inFlight = creates(scim).filter((op) => op.status === undefined);
  const createdBeforeKill = creates(scim).filter((op) => op.status === 201).length;
  expect(inFlight.length).toBeGreaterThan(0);
  expect(createdBeforeKill).toBeGreaterThanOrEqual(16);
  const firstGroupCreate = hangFrom(scim, isCreate('Groups'), 4, 1000);
  const third = await replaceWorker(id, runWorkflowId, 'applyBatch');

  // 3. Killed while creating groups, the same way: groups exist that Roster never linked.
  await firstGroupCreate;
  await third.kill();
  const groupsKilledAt = Date.now();
  const groupsInFlight = groupCreates(scim).filter((op) => op.status === undefined);
  expect(groupsInFlight.length).toBeGreaterThan(0);
  await replaceWorker(id, runWorkflowId, 'applyBatch');

  const run = await eventually(async () => {
    const answer = await stack.request('GET', `/api/syncs/${syncId}`);
    return final.includes(answer.body.status) && answer.body;
  }, 60_000);

  // The run completed, as a clean run of this directory does (its data problems are warnings),
  // and the tenant went live on it.
  expect(run).toMatchObject({ trigger: 'initial_load', status: 'warning', phase: 'done' });
  expect((await stack.request('GET', `/api/tenants/${id}`)).body).toMatchObject({ stage: 'live', schedule: { paused: false } });
  expect(run.counts.failed).toBe(0);
  expect(run.counts.created).toBe(run.planned.created);

  // The directory was read whole, resuming from the heartbeated cursor, not from the start.
  const snapshot = await stack.db('directory_snapshots').where({ run_id: syncId }).count({ n: '*' }).first();
  expect(Number(snapshot!.n)).toBe(hris.dataset.people.length);
  expect(peopleReads(requestsBeforeRun).filter((skip) => skip === 0)).toHaveLength(1);
  expect(peopleReads(requestsBeforeRun).slice(readsBeforeKill.length)[0]).toBeGreaterThan(0);

  // The accounts are exactly the planned creates, each once.
  const items = await stack.db('plan_items').where({ run_id: syncId }).select('kind', 'action', 'hris_id', 'account_id', 'identity_key', 'item', 'result');
  const plannedCreates = items.filter((item) => item.kind === 'account' && item.action === 'create');
  expect(plannedCreates).toHaveLength(run.planned.created);
  const users = scim.directory.users();
  const externalIds = users.map((user) => user.externalId as string);
  expect(new Set(externalIds).size).toBe(externalIds.length);
  expect([...externalIds].sort()).toEqual(plannedCreates.map((item) => item.hris_id).sort());
  // Each create item names the one account made for its person, and Roster linked that account.
  const accountOf = new Map(users.map((user) => [user.externalId as string, user.id]));
  for (const item of plannedCreates) expect(item.account_id, item.hris_id).toBe(accountOf.get(item.hris_id));
  const links = await stack.db('account_links').where({ tenant_id: id }).select('hris_id', 'account_id');
  expect(new Map(links.map((l) => [l.hris_id, l.account_id]))).toEqual(accountOf);

  // The groups too: each planned group once, linked, with the members the plan gave it.
  const plannedGroups = items.filter((item) => item.kind === 'group' && item.action === 'create');
  expect(plannedGroups).toHaveLength(run.planned.groupsCreated);
  const groups = scim.directory.groups();
  expect(groups.map((group) => group.externalId).sort()).toEqual(plannedGroups.map((item) => item.identity_key).sort());
  const groupLinks = await stack.db('group_links').where({ tenant_id: id }).select('external_id', 'group_id');
  expect(new Map(groupLinks.map((l) => [l.external_id, l.group_id]))).toEqual(new Map(groups.map((group) => [group.externalId as string, group.id])));
  for (const planned of plannedGroups) {
    const members = (planned.item.add as { hrisId: string; accountId?: string }[]).map((m) => m.accountId ?? accountOf.get(m.hrisId)).sort();
    const group = groups.find((g) => g.externalId === planned.identity_key)!;
    expect((group.members as { value: string }[]).map((m) => m.value).sort(), planned.identity_key).toEqual(members);
  }

  // Every plan item is done: nothing pending, nothing failed.
  expect(items.filter((item) => item.result !== 'done')).toEqual([]);

  // The kills hit what they aimed at: the creates in flight were finished by the platform after
  // each kill (accounts and groups Roster had not recorded), and the platform saw no second create
  // of anything: the retried batches looked them up instead.
  expect(createdBeforeKill).toBeLessThan(run.planned.created);
  expect(inFlight.filter((op) => op.status === 201 && op.doneAt! >= killedAt).length).toBeGreaterThan(0);
  expect(groupsInFlight.filter((op) => op.status === 201 && op.doneAt! >= groupsKilledAt).length).toBeGreaterThan(0);
  expect(creates(scim).filter((op) => op.status !== 201)).toEqual([]);
  expect(creates(scim)).toHaveLength(run.planned.created);
  expect(groupCreates(scim)).toHaveLength(run.planned.groupsCreated);
  expect(writes(scim.operations).some((op) => op.method === 'DELETE')).toBe(false);

  const retried = await retriedActivities(stack.client, runWorkflowId);
  expect(retried.sort()).toEqual(['applyBatch', 'applyBatch', 'fetchDirectory']);

  // Principles 1 and 2 across the crashes: no person and no secret in the histories (heartbeat
  // details and timeout failures included), no large payload, and no secret in any log line.
  const secrets = [hris.token, platformToken];
  const scanned = await scanTenant(stack.client, id, [syncId], [...secrets, ...peopleOf(hris.dataset)]);
  expect(scanned.flatMap((run) => run.leaks)).toEqual([]);
  expect(Math.max(...scanned.map((run) => run.largestPayloadBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  const logs = workers.flatMap((worker) => worker.output).join('\n');
  expect(logs).toContain(syncId);
  for (const secret of secrets) expect(logs).not.toContain(secret);

  await recordHistory(stack.client, 'sync-run-crashed-and-resumed', runWorkflowId, undefined, [...secrets, ...peopleOf(hris.dataset)]);
}, 150_000);
