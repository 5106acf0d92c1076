// An apply slice that outlasts the heartbeat timeout (a platform's shared limit spreading its
// writes over the seconds, activities/sync/apply-run.ts) stays alive: its last count is heartbeated
// on a timer meanwhile, so the slice runs once and each account is written once, where it would
// otherwise time out and start again every 30 seconds.
import { expect, it } from 'vitest';
import { syncWorkflowId } from '../../common/workflow-ids';
import { writes } from '../activities/platform/scim-platform';
import { useDemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';
import { liveSyncedTenant } from '../support/synced-tenant';
import { retriedActivities } from './history-scan';

// One write a second: a slice of 36 takes longer than the run's 30-second heartbeat timeout.
const demo = useDemoStack({ platformSharedLimit: 1 });
const updates = 36;

it('an apply slice of 36 writes at one a second runs once, heartbeated past the 30-second timeout', { timeout: 240_000 }, async () => {
  const tenant = await liveSyncedTenant(demo, updates);
  await tenant.change({ updates });
  const before = Date.now();

  const requested = await demo.stack.request('POST', `/api/tenants/${tenant.id}/syncs`, {});
  expect(requested.status, requested.text).toBe(202);
  const syncId: string = requested.body.syncId;
  const run = await eventually(() => demo.stack.db('sync_runs').where({ id: syncId }).whereNotNull('finished_at').first(), 150_000);

  expect(run.status).toBe('success');
  const patches = writes(demo.platformFor(tenant.id).operations.filter(({ at }) => at >= before));
  expect(patches).toHaveLength(updates);
  expect(patches.every(({ method }) => method === 'PATCH' || method === 'PUT')).toBe(true);
  // Long enough that an unheartbeated slice would have timed out…
  expect(Math.max(...patches.map(({ at }) => at)) - Math.min(...patches.map(({ at }) => at))).toBeGreaterThan(30_000);
  // …and nothing was tried twice.
  expect(await retriedActivities(demo.stack.client, syncWorkflowId(syncId))).toEqual([]);
});
