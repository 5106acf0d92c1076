// The data the console benchmark reads: 1,000 tenants spread over the stages, each with a few
// finished runs, and one tenant whose latest run planned 100,000 people (a seeded directory with
// 1 % changed, planned by the sync core and stored by the same code a run uses). Rows go straight
// into Postgres: only the pages' reads are measured.
import { randomUUID } from 'node:crypto';
import { plan } from '../../activities/sync/core';
import { storeItems } from '../../activities/sync/plan-run';
import type { Db } from '../../common/db';
import { stages } from '../../common/stages';
import { onePercentChanges, syntheticTenant } from '../synthetic-tenant';

export interface Seeded {
  bigTenantId: string;
  bigRunId: string;
  /** Someone in the big run, to search for. */
  person: { hrisId: string; name: string };
}

const RUNS_PER_TENANT = 3;
const statuses = ['success', 'warning', 'error', 'success'] as const;

function tenantRow(index: number, at: Date) {
  const id = `bench-${String(index).padStart(4, '0')}`;
  return {
    id,
    name: `Tenant ${index} Pty Ltd`,
    stage: stages[index % stages.length]!,
    hris: JSON.stringify({ provider: 'demo' }),
    platform: JSON.stringify({ kind: 'demo' }),
    contacts: JSON.stringify({ supportEmail: 'support@roster.example' }),
    config: JSON.stringify({ identityKey: 'workEmail', schedule: { cron: '0 2 * * *', timezone: 'Australia/Sydney' } }),
    workflow_started: true,
    created_by: 'bench',
    created_at: at,
    updated_at: at,
  };
}

function runRow(tenantId: string, index: number, at: Date) {
  const status = statuses[index % statuses.length]!;
  return {
    id: randomUUID(),
    tenant_id: tenantId,
    trigger: 'schedule',
    mode: 'apply',
    status,
    phase: 'done',
    counts: JSON.stringify({ created: 3, updated: 12, deactivated: 1, reactivated: 0, unchanged: 480, skipped: 2, failed: status === 'error' ? 1 : 0 }),
    error: status === 'error' ? JSON.stringify({ code: 'platform_unavailable', message: 'The platform did not answer.' }) : null,
    requested_by: 'schedule',
    started_at: at,
    finished_at: new Date(at.getTime() + 60_000),
  };
}

export async function seedConsoleData(db: Db, tenants: number, people: number): Promise<Seeded> {
  const now = Date.now();
  const rows = Array.from({ length: tenants }, (_, index) => tenantRow(index, new Date(now - index * 60_000)));
  for (let start = 0; start < rows.length; start += 500) await db('tenants').insert(rows.slice(start, start + 500));
  const runs = rows.flatMap((tenant, index) => Array.from({ length: RUNS_PER_TENANT }, (_, run) => runRow(tenant.id, index + run, new Date(now - (run + 1) * 86_400_000))));
  for (let start = 0; start < runs.length; start += 500) await db('sync_runs').insert(runs.slice(start, start + 500));

  const bigTenantId = rows[stages.indexOf('live')]!.id;
  const bigRunId = randomUUID();
  await db('sync_runs').insert({ ...runRow(bigTenantId, 0, new Date(now - 3_600_000)), id: bigRunId });
  const input = syntheticTenant(people, onePercentChanges(people));
  const planned = plan(input);
  await storeItems(db, bigRunId, bigTenantId, planned, []);
  // Statistics as autovacuum keeps them on a live database, so the planner sees the search index's worth.
  await db.raw('analyze');
  const someone = planned.items[Math.floor(planned.items.length / 2)]!;
  return { bigTenantId, bigRunId, person: { hrisId: someone.hrisId, name: someone.name } };
}
