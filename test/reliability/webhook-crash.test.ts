// Webhook events survive a crashed worker (docs/PRODUCT.md "Webhooks"): the production worker runs
// as a separate OS process and is SIGKILLed after the events were received and the tenant workflow
// opened its window, before their run starts. The events are in Postgres and the window in the
// workflow's state: a fresh worker starts the run when the window closes, and every changed person
// is applied exactly once.
import { randomUUID } from 'node:crypto';
import { signStandard } from '../fakes/webhook-senders';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tenantWorkflowId } from '../../common/workflow-ids';
import { startScimPlatform, type ScimPlatform } from '../activities/platform/scim-platform';
import type { HumaansFake } from '../fakes/humaans';
import { kickoffConfig } from '../support/fixtures';
import { humaansTenantPastKickoff } from '../support/humaans-tenant';
import { enterKey, takeLive } from '../support/onboarding';
import { eventually, startTestStack, type TestStack } from '../support/stack';
import { forgetCachedWorkflows, WorkerProcesses } from './onboarding-steps';

let stack: TestStack;
let platform: ScimPlatform;
let workers: WorkerProcesses;
const fakes: HumaansFake[] = [];

beforeAll(async () => {
  [platform, stack] = await Promise.all([startScimPlatform(), startTestStack({}, { startWorker: false })]);
  // A window long enough to kill the worker inside it.
  workers = new WorkerProcesses(stack, { ROSTER_WEBHOOK_WINDOW_SECONDS: '5' });
  await workers.start();
});
afterAll(async () => {
  await workers?.stop();
  await Promise.all([stack?.stop(), platform?.stop(), ...fakes.map((fake) => fake.close())]);
});

it('applies every change whose events were received before the worker was SIGKILLed, once', async () => {
  const tenant = await humaansTenantPastKickoff(stack, platform, { fillers: 20, prefix: 'hookcrash', company: 'Initech', contacts: {}, config: { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } }, fakes });
  await enterKey(stack, tenant.id, tenant.hris.token);
  await takeLive(stack, tenant.id);
  const source = await stack.request('POST', `/api/tenants/${tenant.id}/webhooks/standard`, {});
  expect(source.status, source.text).toBe(201);

  // People with an active account: the dataset's special cases (excluded, clashing e-mails) have none.
  const changed = tenant.hris.dataset.people.filter((person) => tenant.scim.directory.usersByExternalId(person.id)[0]?.active).slice(0, 10);
  for (const person of changed) person.lastName = `${person.lastName}-Renamed`;
  for (const person of changed) {
    const payload = JSON.stringify({ type: 'people.changed', data: { ids: [person.id] } });
    const headers = { 'content-type': 'application/json', ...signStandard(source.body.secret, `msg_${randomUUID()}`, payload) };
    expect((await fetch(source.body.url, { method: 'POST', headers, body: payload })).status).toBe(202);
  }

  // The workflow has taken the wake-up and opened its window (its timer is started): then the worker dies.
  const handle = stack.client.workflow.getHandle(tenantWorkflowId(tenant.id));
  await eventually(async () => {
    const { events } = await handle.fetchHistory();
    const signalled = events!.findIndex((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'changesArrived');
    return signalled >= 0 && events!.slice(signalled).some((event) => event.timerStartedEventAttributes);
  }, 30_000);
  await workers.kill();
  expect(await stack.db('sync_runs').where({ tenant_id: tenant.id, trigger: 'webhook' }).first('id')).toBeUndefined();

  const next = workers.start();
  // The killed worker had the tenant workflow cached: its next task goes to the normal queue now.
  await forgetCachedWorkflows(stack, [tenantWorkflowId(tenant.id)]);
  await next;

  const run = await eventually(() => stack.db('sync_runs').where({ tenant_id: tenant.id, trigger: 'webhook' }).whereNotNull('finished_at').first(), 60_000);
  expect(run).toMatchObject({ status: 'success', scope: 'changes', read: 'incremental' });
  expect(await stack.db('webhook_events').where({ tenant_id: tenant.id }).whereNull('run_id').first('event_id')).toBeUndefined();
  for (const person of changed) {
    const [account] = tenant.scim.directory.usersByExternalId(person.id);
    expect((account?.name as { familyName?: string } | undefined)?.familyName).toBe(person.lastName);
  }
  const updates = await stack.db('plan_items').where({ run_id: run.id, kind: 'account', action: 'update', result: 'done' }).select('hris_id');
  expect(updates.map((row) => row.hris_id).sort()).toEqual(changed.map((person) => person.id).sort());
  expect(await stack.db('sync_runs').where({ tenant_id: tenant.id, trigger: 'webhook' }).count({ n: '*' })).toEqual([{ n: '1' }]);
});
