// A platform's rate limit for the whole service (ROSTER_SHARED_RATE_LIMITS) holds across the runs
// of every tenant on it, and is used to the full while they have work.
import { expect, it } from 'vitest';
import type { ScimOperation } from '../../dev/scim-server';
import { settled, useDemoStack } from '../support/onboarding';
import { liveSyncedTenant } from '../support/synced-tenant';

const limit = 40;
const demo = useDemoStack({ platformSharedLimit: limit });

/** Requests in each whole second of the clock. */
function perSecond(operations: readonly ScimOperation[]): number[] {
  const counts = new Map<number, number>();
  for (const { at } of operations) counts.set(Math.floor(at / 1000), (counts.get(Math.floor(at / 1000)) ?? 0) + 1);
  return [...counts.values()];
}

it('four tenants on one platform limited to 40 requests a second never exceed it together, and reach it', { timeout: 300_000 }, async () => {
  const tenants = await Promise.all(Array.from({ length: 4 }, () => liveSyncedTenant(demo, 200)));
  for (const tenant of tenants) await tenant.change({ updates: 60 });

  const before = Date.now();
  const requested = await Promise.all(tenants.map(({ id }) => demo.stack.request('POST', `/api/tenants/${id}/syncs`, {})));
  for (const answer of requested) expect(answer.status, answer.text).toBe(202);
  const finished = await Promise.all(tenants.map(({ id }) => settled(demo.stack, id)));

  for (const tenant of finished) expect(tenant.lastSync.status).toBe('success');
  const operations = tenants.flatMap(({ id }) => demo.platformFor(id).operations.filter(({ at }) => at >= before));
  // Each tenant's 60 updates reached the platform.
  expect(operations.filter(({ method }) => method !== 'GET').length).toBeGreaterThanOrEqual(4 * 60);
  const seconds = perSecond(operations);
  expect(Math.max(...seconds)).toBeLessThanOrEqual(limit);
  expect(Math.max(...seconds)).toBeGreaterThanOrEqual(0.8 * limit);
});
