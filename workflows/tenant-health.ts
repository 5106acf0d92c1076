// Tenant health's sweep, started by two Temporal Schedules (activities/health/schedules.ts): every
// hour it opens and closes what no event says (stale, schedule_missing) and tells support of what
// opened; once a day it also queues the digest of what is still open. Its mail waits in the outbox
// meanwhile: each sweep sends what an earlier one could not.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { sweepTenantHealth, queueHealthDigest } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumInterval: '1 minute', maximumAttempts: 10 },
});

/** A few tries only: the next hour's sweep sends it again. */
const { deliverMail } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumAttempts: 3 },
});

export async function tenantHealthWorkflow({ digest = false }: { digest?: boolean } = {}): Promise<{ opened: number; resolved: number }> {
  const at = new Date().toISOString();
  const swept = await sweepTenantHealth({ at });
  const mailFor = new Set(swept.mailFor);
  if (digest) for (const tenantId of (await queueHealthDigest({ day: at.slice(0, 10) })).mailFor) mailFor.add(tenantId);
  await Promise.all([...mailFor].map((tenantId) => deliverMail({ tenantId }).catch(() => undefined)));
  return { opened: swept.opened, resolved: swept.resolved };
}
