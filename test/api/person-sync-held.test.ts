// One person now, when the run does not end within the answer's wait (issue 17): a run held for
// approval answers 202 with its id, and the trace read later says nothing is written until support
// approves. The wait is shortened to keep the test quick; a held run would outlast any wait.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveTenantThatHolds, startDemoStack, type DemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';

let demo: DemoStack;
beforeAll(async () => {
  demo = await startDemoStack({}, { personSyncWaitMs: 2_000 });
});
afterAll(() => demo?.stop());

it('answers 202 for a run held for approval, and its trace says the write waits for approval', async () => {
  const tenantId = await liveTenantThatHolds(demo);
  // Out of scope now: their account's deactivation is more than the tenant allows without approval.
  expect((await demo.stack.request('PATCH', `/api/tenants/${tenantId}/demo/people/p1`, { department: 'Contractors' })).status).toBe(200);

  const answer = await demo.stack.request('POST', `/api/tenants/${tenantId}/people/p1/sync`, {});
  expect(answer.status, answer.text).toBe(202);
  expect(answer.body).toEqual({ syncId: expect.any(String), status: expect.stringMatching(/^(running|awaiting_approval)$/) });

  await eventually(async () => (await demo.stack.request('GET', `/api/syncs/${answer.body.syncId}`)).body.status === 'awaiting_approval');
  const trace = await demo.stack.request('GET', `/api/syncs/${answer.body.syncId}/people/p1/trace`);
  expect(trace.status, trace.text).toBe(200);
  expect(trace.body.trace.map((step: { step: string }) => step.step)).toEqual(['read', 'scope', 'match', 'plan', 'write']);
  expect(trace.body.trace[4]).toMatchObject({ step: 'write', outcome: 'not_applied', detail: expect.stringContaining('held for approval') });
  expect(demo.platformFor(tenantId).directory.users().find((user) => user.externalId === 'p1')?.active).not.toBe(false);
});
