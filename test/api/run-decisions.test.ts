// Approve, reject and cancel racing a run's end (issue 12): the run's workflow completes a moment
// before its row gets `finished_at`, and a decision in between answers 409 run_finished, not 500.
import { expect, it } from 'vitest';
import { syncWorkflowId } from '../../common/workflow-ids';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, takeLive, useDemoStack, useTinyDirectory } from '../support/onboarding';
import { eventually } from '../support/stack';

const demo = useDemoStack();
const decisions = ['approve', 'reject', 'cancel'];

/** A live demo tenant with a three-person directory. */
async function liveTenant(): Promise<string> {
  const body = demoTenant();
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  demo.platformFor(body.id);
  await useTinyDirectory(demo.stack, body.id);
  await configureAndKickOff(demo.stack, body.id, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
  await enterKey(demo.stack, body.id, 'demo-key');
  await takeLive(demo.stack, body.id);
  return body.id;
}

async function requestSync(id: string): Promise<string> {
  const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  return started.body.syncId;
}

const finishedAt = async (syncId: string) => (await demo.stack.db('sync_runs').where({ id: syncId }).first('finished_at'))?.finished_at;

function expectRunFinished(answer: { status: number; body: { error?: { code: string } } }) {
  expect(answer.status).toBe(409);
  expect(answer.body.error?.code).toBe('run_finished');
}

it('answers decisions about a run that is ending with a 4xx or 200, never a 5xx, and 409 run_finished once it has ended', async () => {
  const id = await liveTenant();
  const syncId = await requestSync(id);
  const statuses = new Set<number>();
  // Decide over and over while the run goes on and ends, until its row says it has finished.
  await eventually(async () => {
    for (const decision of ['approve', 'cancel']) statuses.add((await demo.stack.request('POST', `/api/syncs/${syncId}/${decision}`, { reason: 'racing the end' })).status);
    return (await finishedAt(syncId)) !== null;
  }, 60_000);
  expect([...statuses].filter((status) => status >= 500)).toEqual([]);
  for (const decision of decisions) expectRunFinished(await demo.stack.request('POST', `/api/syncs/${syncId}/${decision}`, {}));
});

it('answers 409 run_finished when the workflow has completed but the row has no finished_at yet', async () => {
  const id = await liveTenant();
  const syncId = await requestSync(id);
  await demo.stack.client.workflow.getHandle(syncWorkflowId(syncId)).result();
  await eventually(async () => (await finishedAt(syncId)) !== null);
  // The window between the two, recreated: the workflow is gone, the row still looks open.
  const finished = await finishedAt(syncId);
  await demo.stack.db('sync_runs').where({ id: syncId }).update({ finished_at: null });
  try {
    for (const decision of decisions) expectRunFinished(await demo.stack.request('POST', `/api/syncs/${syncId}/${decision}`, { note: 'too late' }));
  } finally {
    await demo.stack.db('sync_runs').where({ id: syncId }).update({ finished_at: finished });
  }
});
