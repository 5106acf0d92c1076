// Two worker processes share the tenants' runs, and one is SIGKILLed mid-run (issue 18, "More
// workers"; the bench does it at full size). Both run the production worker (worker/main.ts) as
// their own OS processes on the test's task queue; several live tenants are asked for a run at once,
// as their schedules' fire would; once accounts are being created, the worker that has an apply in
// flight is killed. The other one finishes every run: each succeeds, every person has exactly one
// account, every change is applied, and what was in flight on the killed worker was retried.
//
// Timing: the server learns of the loss from its timeouts (30 s heartbeat, 10 s sticky queue). As in
// worker-crash.test.ts the test tells it at once through Temporal's operator API instead
// (worker-process.ts); production code and timeouts are untouched.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncWorkflowId, tenantWorkflowId } from '../../common/workflow-ids';
import { startScimPlatform, type ScimPlatform } from '../activities/platform/scim-platform';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { eventually, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';
import { testSecret } from '../replay/record-history';
import { accountsCreated, cleanDirectory, expectPlatformMatches, finishedRun, hireAndRename, liveHumaansTenant, requestRun, type LiveTenant } from './live-tenants';
import { stackWorkerEnv } from './onboarding-steps';
import { activitiesRunningOn, identityOf, pendingActivity, resetStickyQueue, restoreActivityOptions, shortenHeartbeatTimeoutOf, startWorkerProcess, type WorkerProcess } from './worker-process';

const TENANTS = 6;
const HIRES = 150;

let platform: ScimPlatform;
let hris: HumaansFake;
let stack: TestStack;
let workers: WorkerProcess[] = [];

beforeAll(async () => {
  [platform, hris] = await Promise.all([startScimPlatform(), startHumaansFake({ dataset: cleanDirectory(20), token: testSecret('humaans'), maxLimit: 50 })]);
  stack = await startTestStack({}, { startWorker: false });
  workers = [startWorkerProcess(stackWorkerEnv(stack, { LOG_LEVEL: 'info' })), startWorkerProcess(stackWorkerEnv(stack, { LOG_LEVEL: 'info' }))];
  await Promise.all(workers.map((worker) => worker.ready));
});
afterAll(async () => {
  for (const worker of workers) await worker.kill();
  await stack?.stop();
  await platform?.stop();
  await hris?.close();
});

interface Orphan {
  workflowId: string;
  activityId: string;
  activityType: string;
  attempt: number;
}

/** The worker that is applying a batch of some run right now, once `enough` accounts have been made. */
function workerApplying(runs: string[], enough: () => boolean): Promise<WorkerProcess> {
  return eventually(async () => {
    if (!enough()) return undefined;
    for (const workflowId of runs) {
      for (const worker of workers) if ((await activitiesRunningOn(stack.client, workflowId, identityOf(worker))).some((a) => a.activityType === 'applyBatch')) return worker;
    }
    return undefined;
  }, 30_000);
}

/** After the kill: the server retries the dead worker's activities now and sends its workflows' next tasks to the normal queue. */
async function reportLoss(dead: WorkerProcess, runs: string[], tenants: string[]): Promise<Orphan[]> {
  const orphans = (await Promise.all(runs.map(async (workflowId) => (await activitiesRunningOn(stack.client, workflowId, identityOf(dead))).map((a) => ({ workflowId, ...a }))))).flat();
  await Promise.all(orphans.map((orphan) => shortenHeartbeatTimeoutOf(stack.client, orphan.workflowId, orphan.activityId)));
  await Promise.all([...runs, ...tenants.map(tenantWorkflowId)].map((workflowId) => resetStickyQueue(stack.client, workflowId)));
  // Once each is retried (or done), it gets its own timeout back.
  await Promise.all(
    orphans.map(async (orphan) => {
      await eventually(async () => {
        const pending = await pendingActivity(stack.client, orphan.workflowId, orphan.activityType);
        return pending?.activityId !== orphan.activityId || (pending.attempt > orphan.attempt && pending.started);
      }, 30_000);
      await restoreActivityOptions(stack.client, orphan.workflowId, orphan.activityId);
    }),
  );
  return orphans;
}

/** The attempt at which each of the run's activities last started, and on which worker. */
async function startedAttempts(workflowId: string): Promise<Map<string, { attempt: number; identity: string }>> {
  const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  const activityOf = new Map(history.events!.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes!.activityId!]));
  return new Map(
    history.events!.filter((e) => e.activityTaskStartedEventAttributes).map((e) => {
      const started = e.activityTaskStartedEventAttributes!;
      return [activityOf.get(String(started.scheduledEventId))!, { attempt: started.attempt ?? 1, identity: started.identity ?? '' }];
    }),
  );
}

it('finishes every tenant’s run on the other worker when one of two is SIGKILLed mid-apply: no duplicate account, nothing lost', async () => {
  // A platform that takes 50 requests a second per tenant: the runs overlap for a few seconds.
  const pace = { maxRequestsPerSecond: 50, concurrency: 2 };
  const tenants: LiveTenant[] = await Promise.all(Array.from({ length: TENANTS }, () => liveHumaansTenant(stack, platform, hris, uniqueTenantId('herd'), pace)));
  const createdAtGoLive = new Map(tenants.map((tenant) => [tenant.id, accountsCreated(tenant.scim)]));
  const createdSoFar = () => tenants.reduce((sum, tenant) => sum + accountsCreated(tenant.scim) - createdAtGoLive.get(tenant.id)!, 0);
  hireAndRename(hris, HIRES, 10);

  const syncIds = await Promise.all(tenants.map((tenant) => requestRun(stack, tenant.id)));
  const runs = syncIds.map(syncWorkflowId);
  const victim = await workerApplying(runs, () => createdSoFar() >= 60);
  const survivor = workers.find((worker) => worker !== victim)!;
  let survivorExited = false;
  void survivor.exited.then(() => (survivorExited = true));
  await victim.kill();
  const createdAtKill = createdSoFar();
  const orphans = await reportLoss(victim, runs, tenants.map((tenant) => tenant.id));

  const finished = await Promise.all(syncIds.map((syncId) => finishedRun(stack, syncId, 90_000)));
  for (const [n, run] of finished.entries()) {
    const tenant = tenants[n]!;
    expect(run, tenant.id).toMatchObject({ status: 'success', phase: 'done' });
    expect(run.counts.failed, tenant.id).toBe(0);
    expect(run.planned.created, tenant.id).toBe(hris.dataset.people.length - createdAtGoLive.get(tenant.id)!);
    expect(run.counts.created, tenant.id).toBe(run.planned.created);
    expect(run.counts.updated, tenant.id).toBe(run.planned.updated);
    expect(run.planned.updated, tenant.id).toBeGreaterThan(0);
    expectPlatformMatches(tenant.scim, hris.dataset);
  }

  // The kill hit work in flight: accounts were still to be made, and the killed worker's activities
  // (an apply among them) were each started again, on the survivor.
  expect(createdAtKill).toBeLessThan(TENANTS * HIRES);
  expect(orphans.some((orphan) => orphan.activityType === 'applyBatch')).toBe(true);
  for (const orphan of orphans) {
    const last = (await startedAttempts(orphan.workflowId)).get(orphan.activityId);
    const what = `${orphan.workflowId} ${orphan.activityType} ${orphan.activityId}`;
    expect(last?.attempt, what).toBeGreaterThan(orphan.attempt);
    expect(last?.identity, what).toBe(identityOf(survivor));
  }
  expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
  expect(survivorExited).toBe(false);
}, 150_000);
