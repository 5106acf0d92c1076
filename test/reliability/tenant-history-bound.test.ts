// A tenant workflow keeps its history short (workflows/tenant/history-bound.ts): a worker whose
// bounded cache evicted it replays the whole history to wake it, so it continues as new, when idle,
// once its history passes CONTINUE_AS_NEW_AFTER_EVENTS, without waiting for the server's own
// suggestion (thousands of events). This test's Temporal is its own dev server with the default
// suggestion, not the shared one that suggests it every 40 events.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tenantWorkflowId } from '../../common/workflow-ids';
import { CONTINUE_AS_NEW_AFTER_EVENTS } from '../../workflows/tenant/history-bound';
import { startScimPlatform, type ScimPlatform } from '../activities/platform/scim-platform';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { testSecret } from '../replay/record-history';
import { eventually, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';
import { cleanDirectory, finishedRun, liveHumaansTenant, requestRun } from './live-tenants';
import { startOwnTemporal, type OwnTemporal } from './own-temporal';

let temporal: OwnTemporal;
let platform: ScimPlatform;
let hris: HumaansFake;
let stack: TestStack;

beforeAll(async () => {
  [temporal, platform, hris] = await Promise.all([startOwnTemporal(), startScimPlatform(), startHumaansFake({ dataset: cleanDirectory(5), token: testSecret('humaans') })]);
  stack = await startTestStack({ requireWorker: true }, { temporalAddress: temporal.address });
});
afterAll(async () => {
  await stack?.stop();
  await platform?.stop();
  await hris?.close();
  await temporal?.stop();
});

/** Every run of the tenant's workflow so far, oldest first, with its status and history length. */
async function tenantRuns(tenantId: string) {
  const runs = [];
  for await (const execution of stack.client.workflow.list({ query: `WorkflowId = '${tenantWorkflowId(tenantId)}'` })) runs.push(execution);
  return runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
}

it('continues a tenant workflow as new once its history passes the bound, though the server has not suggested it, and carries on', async () => {
  const tenant = await liveHumaansTenant(stack, platform, hris, uniqueTenantId('history'), { maxRequestsPerSecond: 100, concurrency: 2 });

  // Runs until the history passes the bound; the workflow hands over at its next idle moment.
  await eventually(async () => {
    if ((await tenantRuns(tenant.id)).length > 1) return true;
    await finishedRun(stack, await requestRun(stack, tenant.id));
    return false;
  }, 120_000);

  const [first, second] = await tenantRuns(tenant.id);
  expect(first!.status.name).toBe('CONTINUED_AS_NEW');
  expect(first!.historyLength).toBeGreaterThanOrEqual(CONTINUE_AS_NEW_AFTER_EVENTS);
  // The server's default suggestion comes thousands of events later: this was Roster's own bound.
  expect(first!.historyLength).toBeLessThan(2 * CONTINUE_AS_NEW_AFTER_EVENTS);
  expect(second!.status.name).toBe('RUNNING');

  // The new run holds the tenant as it was: live, and syncing.
  expect((await stack.request('GET', `/api/tenants/${tenant.id}`)).body.stage).toBe('live');
  expect((await finishedRun(stack, await requestRun(stack, tenant.id))).status).toBe('success');
});
