// What the Temporal UI shows of Roster's workflows without opening their histories: each run's
// summary and details as it started, where it is now, and the line of the schedule's runs.
// On the real stack: a live demo tenant allowed no deactivation, whose on-demand run holds.
import { workflowMetadataQuery } from '@temporalio/workflow';
import { beforeAll, expect, it } from 'vitest';
import { syncWorkflowId, tenantScheduleId } from '../../common/workflow-ids';
import { liveTenantThatHolds, useDemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';

const demo = useDemoStack();
let tenantId: string;

beforeAll(async () => {
  tenantId = await liveTenantThatHolds(demo);
});

it("gives a run its summary, its details and where it is now, with ids and words only", async () => {
  expect((await demo.stack.request('POST', `/api/tenants/${tenantId}/demo/people/p1/terminate`, {})).status).toBe(200);
  const started = await demo.stack.request('POST', `/api/tenants/${tenantId}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  const run = demo.stack.client.workflow.getHandle(syncWorkflowId(started.body.syncId));
  await eventually(async () => (await demo.stack.request('GET', `/api/syncs/${started.body.syncId}`)).body.status === 'awaiting_approval', 60_000);

  const described = await run.describe();
  expect(await described.staticSummary()).toBe(`On demand run of ${tenantId}`);
  expect(await described.staticDetails()).toBe([`**Tenant** ${tenantId}`, '**Trigger** On demand', '**Mode** Applies changes', '**Read** the whole directory', '**Asked by** admin-env'].join('  \n'));
  expect((await run.query(workflowMetadataQuery)).currentDetails).toBe('Waiting for a decision');

  const approved = await demo.stack.request('POST', `/api/syncs/${started.body.syncId}/approve`, {});
  expect(approved.status, approved.text).toBe(200);
  await run.result();
  expect((await run.query(workflowMetadataQuery)).currentDetails).toMatch(/^(Reporting|Done)$/);
});

it("gives the schedule's runs a line that says what they do", async () => {
  const schedule = await demo.stack.client.schedule.getHandle(tenantScheduleId(tenantId)).describe();
  expect(schedule.action).toMatchObject({ staticSummary: `Scheduled run of ${tenantId}: asks the tenant workflow to start it` });
});
