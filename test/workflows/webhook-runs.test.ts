// Webhook events become targeted runs through the tenant workflow (docs/PRODUCT.md "Webhooks"), on
// the real stack: the API's standard source (Standard Webhooks signatures), the tenant and run
// workflows on the Temporal dev server, a demo tenant on its scimmy platform. The window is 2 s, as
// the bench sets it. A burst becomes a handful of runs that apply each changed person once; a
// targeted run deactivates nobody by absence and looks up only its people's accounts; a leaver whose last day has ended is deactivated by a
// run of their own, when the day ends.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { replaceDirectory, seedDirectory } from '../../bench/sync-run/seed';
import type { Employee } from '../../common/directory';
import { syncWorkflowId, tenantWorkflowId } from '../../common/workflow-ids';
import { signStandard } from '../fakes/webhook-senders';
import { recordHistory } from '../replay/record-history';
import { stateQuery } from '../../workflows/tenant-messages';
import { configureAndKickOff, enterKey, takeLive, useDemoStack } from '../support/onboarding';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { eventually, uniqueTenantId } from '../support/stack';

const demo = useDemoStack({ webhookWindowSeconds: 2 });
const today = new Date().toISOString().slice(0, 10);
const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
/** Enough accounts (three listing pages) that a run of a person or two looks their accounts up instead of listing them. */
const PEOPLE = 250;
const hrisId = (n: number) => `p${String(n).padStart(3, '0')}`;

function person(n: number): Employee {
  return { hrisId: hrisId(n), status: 'active', firstName: 'Person', lastName: `Number${n}`, workEmail: `person${n}@acme.example`, department: 'Engineering', position: 'Engineer' };
}

/** A live demo tenant of PEOPLE people, with a standard webhook source; its id, its platform directory and a sender. */
async function liveTenantWithWebhooks() {
  const { stack } = demo;
  const body = demoTenant(uniqueTenantId('hook'));
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  const scim = demo.platformFor(body.id);
  await seedDirectory(stack.db, body.id, Array.from({ length: PEOPLE }, (_, n) => person(n)));
  await configureAndKickOff(stack, body.id, config);
  await enterKey(stack, body.id, 'demo-key');
  await takeLive(stack, body.id);
  const source = await stack.request('POST', `/api/tenants/${body.id}/webhooks/standard`, {});
  expect(source.status, source.text).toBe(201);
  /** Sends one event naming these people, signed as a Standard Webhooks sender signs; resolves with the answer's status. */
  const announce = async (ids: string[]) => {
    const payload = JSON.stringify({ type: 'people.changed', data: { ids } });
    const answer = await fetch(source.body.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signStandard(source.body.secret, `msg_${randomUUID()}`, payload) }, body: payload });
    return answer.status;
  };
  const account = (id: string) => scim.directory.usersByExternalId(id)[0];
  return { tenantId: body.id, scim, account, announce };
}

const webhookRuns = (tenantId: string) => demo.stack.db('sync_runs').where({ tenant_id: tenantId, trigger: 'webhook' }).orderBy('started_at');

/** Every event taken by a run, no run open, none waiting: the tenant has caught up. */
async function caughtUp(tenantId: string) {
  const { stack } = demo;
  await eventually(async () => {
    const waiting = await stack.db('webhook_events').where({ tenant_id: tenantId }).whereNull('run_id').first('event_id');
    const state = await stack.client.workflow.getHandle(tenantWorkflowId(tenantId)).query(stateQuery);
    return !waiting && !state.changesWaiting && !state.activeSyncId && (await webhookRuns(tenantId)).every((run) => run.finished_at);
  }, 90_000);
}

it('turns a burst of 500 events into at most 3 runs that apply each changed person once', async () => {
  const { stack } = demo;
  const { tenantId, account, announce } = await liveTenantWithWebhooks();
  const changed = Array.from({ length: 100 }, (_, n) => hrisId(n));
  await replaceDirectory(stack.db, tenantId, Array.from({ length: PEOPLE }, (_, n) => ({ ...person(n), ...(n < 100 && { position: 'Staff Engineer' }) })));

  // Each changed person named by five events, sent fifty at a time.
  const events = Array.from({ length: 500 }, (_, n) => [changed[n % 100]!]);
  for (let i = 0; i < events.length; i += 50) {
    const statuses = await Promise.all(events.slice(i, i + 50).map((ids) => announce(ids)));
    expect(new Set(statuses)).toEqual(new Set([202]));
  }
  await caughtUp(tenantId);

  const runs = await webhookRuns(tenantId);
  expect(runs.length).toBeGreaterThanOrEqual(1);
  expect(runs.length).toBeLessThanOrEqual(3);
  for (const run of runs) expect(run).toMatchObject({ status: 'success', read: 'incremental', scope: 'changes' });
  for (const id of changed) expect(account(id)?.title).toBe('Staff Engineer');
  const updates = await stack.db('plan_items').whereIn('run_id', runs.map((run) => run.id)).where({ kind: 'account', action: 'update', result: 'done' }).select('hris_id');
  expect(updates.map((row) => row.hris_id).sort()).toEqual(changed);
  // Nobody unnamed was read: the runs' snapshots hold only the changed people.
  const read = await stack.db('directory_snapshots').whereIn('run_id', runs.map((run) => run.id)).distinct('hris_id');
  expect(read.map((row) => row.hris_id).sort()).toEqual(changed);
  // The workflow was woken once per run at most, not once per event: its history stays small.
  // Every run of the tenant workflow counts (it may have continued as new); the list is eventually consistent.
  const signals = await eventually(async () => {
    let count = 0;
    for await (const execution of stack.client.workflow.list({ query: `WorkflowId = '${tenantWorkflowId(tenantId)}'` })) {
      const history = await stack.client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      count += history.events!.filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'changesArrived').length;
    }
    return count > 0 && count;
  }, 10_000);
  expect(signals).toBeLessThanOrEqual(runs.length);
});

it('never deactivates anyone by absence in a targeted run, only a leaver by their end date', async () => {
  const { stack } = demo;
  const { tenantId, account, announce } = await liveTenantWithWebhooks();
  const [gone, leaver] = [hrisId(1), hrisId(2)];
  await stack.db('demo_people').where({ tenant_id: tenantId, hris_id: gone }).delete();
  expect((await stack.request('POST', `/api/tenants/${tenantId}/demo/people/${leaver}/terminate`, { endDate: '2020-01-01' })).status).toBe(200);

  expect(await announce([gone, leaver, 'never-existed'])).toBe(202);
  await caughtUp(tenantId);

  const [run] = await webhookRuns(tenantId);
  expect(run).toMatchObject({ status: 'success', read: 'incremental', scope: 'changes' });
  expect((await stack.request('GET', `/api/syncs/${run.id}`)).body).toMatchObject({ trigger: 'webhook', read: 'incremental', scope: 'changes' });
  expect(run.counts).toMatchObject({ deactivated: 1, created: 0 });
  expect(account(gone)?.active).toBe(true);
  expect(account(leaver)?.active).toBe(false);
});

it('deactivates a leaver at the end of their last day, by a run of their own, and follows a moved or cancelled end date', async () => {
  const { stack } = demo;
  const { tenantId, account, announce } = await liveTenantWithWebhooks();
  const handle = stack.client.workflow.getHandle(tenantWorkflowId(tenantId));
  const [leaver, other] = [hrisId(3), hrisId(4)];
  const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const endOn = async (id: string, endDate: string | null) => expect((await stack.request('PATCH', `/api/tenants/${tenantId}/demo/people/${id}`, { endDate })).status).toBe(200);
  const dueAt = (at: string) => eventually(async () => (await handle.query(stateQuery)).leaversDueAt === at, 30_000);

  // Their last day is today (UTC): a read keeps the date, and the timer waits for the end of the day.
  await endOn(leaver, today);
  await endOn(other, '2999-12-31');
  expect(await announce([leaver, other])).toBe(202);
  await caughtUp(tenantId);
  await dueAt(`${day(1)}T00:00:00.000Z`);
  expect(account(leaver)?.active).toBe(true);

  // The HR system moves the last day, then cancels it: each read moves the timer, then drops it back to the other's.
  await endOn(leaver, '2999-06-30');
  expect(await announce([leaver])).toBe(202);
  await dueAt('2999-07-01T00:00:00.000Z');
  await endOn(leaver, null);
  expect(await announce([leaver])).toBe(202);
  await dueAt('3000-01-01T00:00:00.000Z');
  await caughtUp(tenantId);

  // A last day that has ended since the read that kept it (a day passing, simulated): nobody has read the leaver since.
  await stack.db('demo_people').where({ tenant_id: tenantId, hris_id: leaver }).update({ data: stack.db.raw(`jsonb_set(data, '{endDate}', ?::jsonb)`, [JSON.stringify(day(-1))]) });
  await stack.db('tracked_end_dates').insert({ tenant_id: tenantId, hris_id: leaver, end_date: day(-1) });
  // The next run's end finds the day over: the leavers' run starts at once.
  expect(await announce([other])).toBe(202);
  const run = await eventually(() => stack.db('sync_runs').where({ tenant_id: tenantId, trigger: 'end_of_day' }).whereNotNull('finished_at').first(), 60_000);
  expect(run).toMatchObject({ status: 'success', scope: 'leavers', read: 'incremental' });
  expect(run.counts).toMatchObject({ deactivated: 1 });
  expect(account(leaver)?.active).toBe(false);
  expect(account(other)?.active).toBe(true);
  // It read the leaver alone, and the next due time is the other's last day.
  const read = await stack.db('directory_snapshots').where({ run_id: run.id }).select('hris_id');
  expect(read.map((row) => row.hris_id)).toEqual([leaver]);
  await dueAt('3000-01-01T00:00:00.000Z');

  // Representative histories for test/replay: the tenant's webhook windows and leavers' timer, and a targeted run.
  const forbidden = Array.from({ length: PEOPLE }, (_, n) => person(n)).flatMap((p) => [`${p.lastName}`, p.workEmail!]);
  // The tenant workflow's run that started the leavers' run (the tests' server suggests continuing as new early).
  const startedIt = await eventually(async () => {
    for await (const execution of stack.client.workflow.list({ query: `WorkflowId = '${tenantWorkflowId(tenantId)}'` })) {
      const { events } = await stack.client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      if (events!.some((event) => event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId === syncWorkflowId(run.id))) return execution.runId;
    }
    return undefined;
  }, 10_000);
  await recordHistory(stack.client, 'tenant-webhooks-and-leavers', tenantWorkflowId(tenantId), startedIt, forbidden);
  await recordHistory(stack.client, 'sync-run-targeted-leavers', syncWorkflowId(run.id), undefined, forbidden);
});

it("looks up only the accounts of a targeted run's people, instead of listing every account", async () => {
  const { stack } = demo;
  const { tenantId, scim, account, announce } = await liveTenantWithWebhooks();
  const person = hrisId(7);
  expect((await stack.request('PATCH', `/api/tenants/${tenantId}/demo/people/${person}`, { position: 'Principal Engineer' })).status).toBe(200);
  const since = scim.operations.length;

  expect(await announce([person])).toBe(202);
  await caughtUp(tenantId);

  const [run] = await webhookRuns(tenantId);
  expect(run).toMatchObject({ status: 'success', scope: 'changes' });
  expect(account(person)?.title).toBe('Principal Engineer');
  const reads = scim.operations.slice(since).filter((op) => op.method === 'GET' && op.path.startsWith('/Users'));
  // The linked account by id and the identity key by filter; never a page of everyone.
  expect(reads.filter((op) => op.path === '/Users' && !op.query.has('filter'))).toEqual([]);
  expect(reads.length).toBeLessThanOrEqual(2);
  const snapshot = await stack.db('platform_snapshots').where({ run_id: run.id, kind: 'account' }).select('platform_id');
  expect(snapshot.map((row) => row.platform_id)).toEqual([account(person)!.id]);
});
