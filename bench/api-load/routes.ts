// The requests of each route group the benchmark drives, spread over the seeded tenants, runs and
// pages the way support's browsing spreads them: first pages and deeper ones (by the cursors the
// API gives out), filters and searches. Read from the seeded database once, before any load.
import { encodeCursor } from '../../api/paging';
import type { Db } from '../../common/db';
import { itemsPage, itemsQueryParams, tenantRuns } from '../../api/routes/syncs';
import { currentTenantView } from '../../api/tenant-view';
import { listTenants } from '../../common/tenants-repository';

export interface RouteGroup {
  name: string;
  /** The p99 the issue asks for, in ms. */
  targetP99Ms: number;
  paths: string[];
  /** What one request of the group reads, by the route's own read function: for its query plans. */
  read: (db: Db) => Promise<unknown>;
}

const SAMPLE = 300;

/** A fixed shuffle, so that every run of the benchmark sends the same requests in the same order. */
function shuffled<T>(values: T[]): T[] {
  const out = [...values];
  let seed = 18;
  for (let i = out.length - 1; i > 0; i -= 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every `step`th value. */
const every = <T>(values: T[], step: number) => values.filter((_, index) => index % step === 0);

export async function routeGroups(db: Db): Promise<RouteGroup[]> {
  const tenants: string[] = (await db('tenants').orderBy('id').select('id')).map((row: { id: string }) => row.id);
  const live = tenants.filter((_, index) => index % 10 !== 0);
  const sampled = every(live, Math.max(1, Math.floor(live.length / SAMPLE)));
  // Runs deep in a tenant's list, and each tenant's latest run (the one with every person's item).
  const deepRuns: { tenant_id: string; id: string; depth: string }[] = await db
    .select('tenant_id', 'id', 'depth')
    .from(db('sync_runs').whereIn('tenant_id', sampled).select('tenant_id', 'id', db.raw('row_number() over (partition by tenant_id order by started_at desc, id desc) as depth')).as('ranked'))
    .whereIn('depth', [1, 50, 100, 200]);
  const latest = deepRuns.filter((run) => Number(run.depth) === 1).map((run) => run.id);
  const older = deepRuns.filter((run) => Number(run.depth) !== 1);

  return [
    { name: 'tenant read (GET /api/tenants/:id)', targetP99Ms: 50, paths: shuffled(tenants.map((id) => `/api/tenants/${id}`)), read: (db) => currentTenantView(db, sampled[0]!) },
    {
      name: 'tenant list (GET /api/tenants, pages, filters)',
      targetP99Ms: 50,
      read: (db) => listTenants(db, { stage: 'live', after: tenants[500], limit: 51 }),
      paths: shuffled([
        '/api/tenants',
        '/api/tenants?stage=live',
        '/api/tenants?hasProblems=false',
        '/api/tenants?q=Tenant%2012',
        '/api/tenants?limit=200',
        ...every(tenants, 50).flatMap((id) => [`/api/tenants?cursor=${encodeCursor(id)}`, `/api/tenants?stage=live&cursor=${encodeCursor(id)}`]),
      ]),
    },
    {
      name: 'run list (GET /api/tenants/:id/syncs, pages)',
      targetP99Ms: 100,
      read: (db) => tenantRuns(db, sampled[0]!, 51, older.find((run) => run.tenant_id === sampled[0])?.id),
      paths: shuffled([...sampled.map((id) => `/api/tenants/${id}/syncs`), ...older.map((run) => `/api/tenants/${run.tenant_id}/syncs?cursor=${encodeCursor(run.id)}`)]),
    },
    {
      name: 'items pages (GET /api/syncs/:id/items, pages, filters)',
      targetP99Ms: 100,
      read: (db) => itemsPage(db, latest[0]!, itemsQueryParams.parse({ action: 'update' })),
      paths: shuffled([
        ...latest.flatMap((run) => [`/api/syncs/${run}/items`, `/api/syncs/${run}/items?cursor=${encodeCursor(499)}`, `/api/syncs/${run}/items?action=update`, `/api/syncs/${run}/items?kind=group`]),
        ...older.map((run) => `/api/syncs/${run.id}/items`),
      ]),
    },
  ];
}
