// Fairness between tenants (docs/TEMPORAL.md "Fairness between tenants"): a large tenant's
// nightly run, due at the same moment as a small tenant's, does not hold the small one up.
import { expect, it } from 'vitest';
import { tenantScheduleId } from '../../common/workflow-ids';
import { useDemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';
import { liveSyncedTenant } from '../support/synced-tenant';

const demo = useDemoStack();

/** The run a schedule fire started, once it has finished: when the fire was, and the run's row. */
async function firedRun(tenantId: string, after: Date) {
  // A schedule's workflow id carries the fire's time after the id it was given: found by its tenant.
  const fire = await eventually(async () => {
    for await (const execution of demo.stack.client.workflow.list({ query: `WorkflowType = 'scheduledRunWorkflow' AND RosterTenantId = '${tenantId}'` })) return execution;
    return undefined;
  });
  const run = await eventually(() => demo.stack.db('sync_runs').where({ tenant_id: tenantId, trigger: 'schedule' }).where('started_at', '>', after).whereNotNull('finished_at').first(), 120_000);
  return { firedAt: fire.startTime.getTime(), startedAt: new Date(run.started_at).getTime(), finishedAt: new Date(run.finished_at).getTime(), status: run.status };
}

it('a 50-person tenant fired with a 4,000-person one starts at once and finishes first', { timeout: 300_000 }, async () => {
  const big = await liveSyncedTenant(demo, 4_000);
  const small = await liveSyncedTenant(demo, 50);
  await big.change({ updates: 40 });
  await small.change({ updates: 1 });

  const before = new Date();
  // Both schedules fire now, as two tenants due at the same minute do.
  await Promise.all([big.id, small.id].map((id) => demo.stack.client.schedule.getHandle(tenantScheduleId(id)).trigger()));
  const [bigRun, smallRun] = await Promise.all([firedRun(big.id, before), firedRun(small.id, before)]);

  expect(bigRun.status).toBe('success');
  expect(smallRun.status).toBe('success');
  // Started within seconds of its fire, and done while the large run was still going.
  expect(smallRun.startedAt - smallRun.firedAt).toBeLessThan(5_000);
  expect(smallRun.finishedAt).toBeLessThan(bigRun.finishedAt);
});
