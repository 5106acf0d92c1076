// The apply rate (BENCHMARKS.md, 2): a tenant's initial load, which creates every account, against
// a platform limited to R requests/s, compared with R, both as items applied per second of the
// apply phase and as creates started per second as the platform saw them.
import { randomUUID } from 'node:crypto';
import { syncWorkflowId } from '../../common/workflow-ids';
import { benchConfig, noChanges, syntheticTenant } from '../synthetic-tenant';
import { scanWorkflow } from './history';
import { activitiesOf, byMethod, serverTime, spanOf } from './phases';
import type { Say } from './progress';
import type { Stack } from './stack';
import { tenantConfig, type TenantDriver } from './tenant-driver';

const rateConfig = { ...benchConfig, fieldMappings: { title: 'position', department: 'department', employeeNumber: 'employeeCode', location: 'location', 'custom.startDate': 'startDate' }, groups: undefined };

export async function measureApplyRate({ client }: Stack, tenants: TenantDriver, rate: number, items: number, say: Say) {
  const id = `rate-${rate}-${randomUUID().slice(0, 6)}`;
  const people = syntheticTenant(items, noChanges).employees;
  say(`apply rate: ${items} creates against a platform limited to ${rate} requests/s`);
  const { scim } = await tenants.readyTenant(id, { rate, concurrency: 4 }, tenantConfig(rateConfig, 25), people);
  // The run measured is the initial load: it creates every account.
  const done = await tenants.goLive(id);
  const scan = await scanWorkflow(client, syncWorkflowId(done.syncId));
  const batches = activitiesOf(scan, 'applyBatch');
  const apply = spanOf(batches);
  const applyStarted = Math.min(...batches.map((a) => a.startedAt ?? NaN));
  const posts = scim.operations.filter((op) => op.method === 'POST' && op.path === '/Users');
  if (posts.length < 2) throw new Error(`The rate run made ${posts.length} creates (status ${done.run.status}, counts ${JSON.stringify(done.run.counts)})`);
  const first = posts[0]!;
  const last = posts.at(-1)!;
  const startsPerSecond = (posts.length - 1) / ((last.at - first.at) / 1000);
  const itemsPerSecond = done.run.counts.created / ((apply!.to - applyStarted) / 1000);
  const all = scim.operations;
  const server = serverTime(all, { from: first.at, to: last.at });
  say(`  ${itemsPerSecond.toFixed(1)} items/s (${((itemsPerSecond / rate) * 100).toFixed(1)} % of R); POST starts ${startsPerSecond.toFixed(1)}/s`);
  return {
    rate,
    concurrency: 4,
    status: done.run.status,
    created: done.run.counts.created,
    failed: done.run.counts.failed,
    posts: posts.length,
    requestsTotal: all.length,
    requestsByMethod: byMethod(all),
    applyBatches: batches.length,
    applyMs: apply!.to - applyStarted,
    itemsPerSecond,
    itemsShareOfR: itemsPerSecond / rate,
    firstToLastPostMs: last.at - first.at,
    postStartsPerSecond: startsPerSecond,
    postShareOfR: startsPerSecond / rate,
    wallMs: done.observedAt - done.requestedAt,
    serverMeanMs: server.meanMs,
    serverBusyShare: server.totalMs / (last.at - first.at),
  };
}

export type ApplyRate = Awaited<ReturnType<typeof measureApplyRate>>;
