// What the tenants page shows: a page of tenants (the API's own listing), each with its latest
// run and open problems, and how many tenants each stage holds. Four queries a page, however many tenants there are.
import type { Db } from '../../common/db';
import { stages, type Stage } from '../../common/stages';
import type { SyncStatus } from '../../common/sync-run';
import { listTenants, type TenantListing, type TenantRow } from '../../common/tenants-repository';
import type { ProblemType } from '../../common/tenant-health/problems';
import { openProblemTypesByTenant } from '../../common/tenant-health/store';

export interface LatestRun {
  id: string;
  tenant_id: string;
  status: SyncStatus;
  phase: string;
  trigger: string;
  progress_done: number;
  progress_total: number;
  started_at: Date;
  finished_at: Date | null;
  error: { code: string; message: string } | null;
}

export interface TenantListEntry {
  tenant: TenantRow;
  latestRun?: LatestRun;
  /** Its open problems' types, oldest first (docs/PRODUCT.md "Tenant health"). */
  problems: ProblemType[];
}

export async function tenantListPage(db: Db, listing: TenantListing): Promise<TenantListEntry[]> {
  const tenants = await listTenants(db, listing);
  const ids = tenants.map((tenant) => tenant.id);
  const [runs, problems] = await Promise.all([latestRuns(db, ids), openProblemTypesByTenant(db, ids)]);
  return tenants.map((tenant) => ({ tenant, latestRun: runs.get(tenant.id), problems: problems.get(tenant.id) ?? [] }));
}

/** Each tenant's newest run, by the (tenant_id, started_at) index. */
async function latestRuns(db: Db, tenantIds: string[]): Promise<Map<string, LatestRun>> {
  if (tenantIds.length === 0) return new Map();
  const rows: LatestRun[] = await db
    .select('r.id', 'r.tenant_id', 'r.status', 'r.phase', 'r.trigger', 'r.progress_done', 'r.progress_total', 'r.started_at', 'r.finished_at', 'r.error')
    .from(db.raw('unnest(?::text[]) as t(id)', [tenantIds]))
    .joinRaw('cross join lateral (select * from sync_runs s where s.tenant_id = t.id order by s.started_at desc limit 1) r');
  return new Map(rows.map((run) => [run.tenant_id, run]));
}

export async function stageCounts(db: Db): Promise<Record<Stage, number>> {
  const rows: { stage: Stage; count: string }[] = await db('tenants').select('stage').count({ count: '*' }).groupBy('stage');
  const counts = Object.fromEntries(stages.map((stage) => [stage, 0])) as Record<Stage, number>;
  for (const { stage, count } of rows) counts[stage] = Number(count);
  return counts;
}
