// What the run page shows: the run as GET /api/syncs/:syncId answers it, its tenant, a page of its
// items (the API's own listing and cursors) and, for a held run, the deactivations it stages.
import type { Request } from 'express';
import type { z } from 'zod';
import type { Db } from '../../common/db';
import type { TenantRow } from '../../common/tenants-repository';
import { ApiError } from '../../api/errors';
import { given } from '../../api/paging';
import { pathParams, requireTenant } from '../../api/params';
import { itemsPage, itemsQueryParams, type itemsPageSchema } from '../../api/routes/syncs';
import { requireSyncRun, syncRunView, type SyncRun } from '../../api/sync-view';
import { createdNotWelcomedCount } from './welcomes';

export type ItemsParams = z.output<typeof itemsQueryParams>;
type ItemsPage = z.output<typeof itemsPageSchema>;

/** At most this many staged deactivations are listed; the items filtered by action show the rest. */
export const stagedShown = 200;

export interface RunPageData {
  run: SyncRun;
  tenant: TenantRow;
  items: ItemsPage;
  /** A held run's deactivations, who exactly would be deactivated. */
  staged?: ItemsPage;
  /** An applied run that created accounts, its items still kept: how many of them were never welcomed. */
  neverWelcomed?: number;
}

/** The items filter of the address; one the API would refuse shows the first page of every item instead. */
export function itemsParams(query: Request['query']): ItemsParams {
  const parsed = itemsQueryParams.safeParse(given(query));
  return parsed.success ? parsed.data : itemsQueryParams.parse({});
}

export async function runPageData(db: Db, syncId: string, params: ItemsParams): Promise<RunPageData> {
  // A malformed id is an unknown run, as the API answers it, and never reaches Postgres.
  if (!pathParams.syncId.schema.safeParse(syncId).success) throw new ApiError(404, 'sync_not_found', pathParams.syncId.refusal(syncId));
  // The row is read whole: whether its items are purged is there too.
  const row = (await requireSyncRun(db, syncId)) as Awaited<ReturnType<typeof requireSyncRun>> & { data_purged_at: Date | null };
  const held = row.status === 'awaiting_approval';
  // Which accounts a run created is in its items: only a finished applied run's, while kept.
  const created = row.mode === 'apply' && row.finished_at !== null && (row.counts?.created ?? 0) > 0 && row.data_purged_at === null;
  const [tenant, items, staged, neverWelcomed] = await Promise.all([
    requireTenant(db, row.tenant_id),
    itemsPage(db, row.id, params),
    held ? itemsPage(db, row.id, itemsQueryParams.parse({ action: 'deactivate', limit: stagedShown })) : undefined,
    created ? createdNotWelcomedCount(db, row.tenant_id, row.id) : undefined,
  ]);
  return { run: syncRunView(row), tenant, items, staged, neverWelcomed };
}
