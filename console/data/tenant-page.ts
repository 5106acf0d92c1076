// What the tenant page shows: the tenant as the API answers it, its latest runs, a page of its
// history, and whether the latest authorization link's e-mail went out. Reads only: the page's writes go to the API.
import { z } from 'zod';
import type { Db } from '../../common/db';
import { decodeCursor } from '../../api/paging';
import { requireTenant } from '../../api/params';
import { tenantRuns } from '../../api/routes/syncs';
import { historyQuery } from '../../api/routes/tenants';
import { syncRunView, type SyncRun } from '../../api/sync-view';
import { historyPage, isHistoryEntry, type HistoryEntry } from '../../api/tenant-history';
import { tenantView, type Tenant } from '../../api/tenant-view';
import { neverWelcomedCount } from './welcomes';

/** How many runs the summary lists; the run page has the rest. */
const LATEST_RUNS = 5;
const HISTORY_PAGE = 25;

export interface LinkMail {
  status: 'pending' | 'sent' | 'failed';
  queuedAt: Date;
  sentAt: Date | null;
}

export interface TenantPageData {
  tenant: Tenant;
  /** When the tenant went live (the projection's own; the view shows only the hypercare end). */
  liveSince: Date | null;
  runs: SyncRun[];
  history: { entries: HistoryEntry[]; nextCursor: string | null; cursor?: string };
  linkMail?: LinkMail;
  /** Managed accounts never welcomed, for the confirmation of a later welcome. */
  neverWelcomed: number;
}

export async function tenantPageData(db: Db, id: string, historyCursor: unknown): Promise<TenantPageData> {
  const row = await requireTenant(db, id);
  const [tenant, runs, history, linkMail, neverWelcomed] = await Promise.all([
    tenantView(db, row),
    latestRuns(db, row.id),
    historyFrom(db, row.id, historyCursor),
    latestLinkMail(db, row.id),
    neverWelcomedCount(db, row.id),
  ]);
  return { tenant, liveSince: row.live_since, runs, history, linkMail, neverWelcomed };
}

async function latestRuns(db: Db, tenantId: string): Promise<SyncRun[]> {
  return (await tenantRuns(db, tenantId, LATEST_RUNS)).map(syncRunView);
}

/** A page of the history, newest first; a cursor that is not one of this tenant's shows the first page, as a hand-edited address should. */
async function historyFrom(db: Db, tenantId: string, cursor: unknown): Promise<TenantPageData['history']> {
  // The API's own cursor rule: one it gave out for a tenant's history.
  const valid = typeof cursor === 'string' && historyQuery.shape.cursor.safeParse(cursor).success ? cursor : undefined;
  const after = valid && decodeCursor(valid, z.string());
  const known = !!after && !!(await isHistoryEntry(db, tenantId, after));
  const page = await historyPage(db, tenantId, HISTORY_PAGE, known ? after : undefined);
  return { ...page, ...(known && { cursor: valid }) };
}

async function latestLinkMail(db: Db, tenantId: string): Promise<LinkMail | undefined> {
  const row: { status: LinkMail['status']; created_at: Date; sent_at: Date | null } | undefined = await db('mail_outbox')
    .where({ tenant_id: tenantId, kind: 'authorization_link' })
    .orderBy('created_at', 'desc')
    .first('status', 'created_at', 'sent_at');
  return row && { status: row.status, queuedAt: row.created_at, sentAt: row.sent_at };
}
