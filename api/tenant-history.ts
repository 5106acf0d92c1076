// A tenant's history (the audit trail: who did what, when, why) as the API shows it: its latest
// entries inside the tenant's answer, and the whole of it in pages, newest first, from
// `GET /api/tenants/:id/history`. Entries are written by the tenant workflow's and the runs'
// recording activities; this file only reads them.
import { z } from 'zod';
import type { Db } from '../common/db';
import { stages } from '../common/stages';
import { newestFirst, pageOf } from './paging';

/** How many of the latest entries the tenant's answer carries; older ones are a page away. */
export const LATEST_HISTORY = 100;

const stage = z.enum(stages);

export const historyEntrySchema = z
  .object({
    at: z.iso.datetime(),
    actor: z.string(),
    action: z.string(),
    from: stage.optional(),
    to: stage.optional(),
    reason: z.string().optional().meta({ description: 'Why, as the actor said it: a reason, or the note of a decision on a run.' }),
    changes: z.array(z.string()).optional().meta({ description: 'The dotted paths of what a config or settings change touched: names only, never a secret.' }),
    syncId: z.string().optional().meta({ description: 'The run a decision was about.' }),
  })
  .meta({ id: 'TenantHistoryEntry' });
export type HistoryEntry = z.output<typeof historyEntrySchema>;

interface HistoryRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  from_stage: string | null;
  to_stage: string | null;
  reason: string | null;
  changes: string[] | null;
  sync_id: string | null;
}

function entryView(row: HistoryRow): HistoryEntry {
  return {
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    ...(row.from_stage && { from: row.from_stage as HistoryEntry['from'] }),
    ...(row.to_stage && { to: row.to_stage as HistoryEntry['to'] }),
    ...(row.reason && { reason: row.reason }),
    ...(row.changes && { changes: row.changes }),
    ...(row.sync_id && { syncId: row.sync_id }),
  };
}

/** A page of the tenant's history, newest first, after the entry `after` names. */
export async function historyPage(db: Db, tenantId: string, limit: number, after?: string): Promise<{ entries: HistoryEntry[]; nextCursor: string | null }> {
  const rows: HistoryRow[] = await newestFirst(db('tenant_history').where({ tenant_id: tenantId }), 'tenant_history', 'at', after).limit(limit + 1);
  const page = pageOf(rows, limit, (row) => row.id);
  return { entries: page.rows.map(entryView), nextCursor: page.nextCursor };
}

/** The latest entries, oldest first as the tenant's answer shows them, and the cursor of the older ones if there are any. */
export async function latestHistory(db: Db, tenantId: string): Promise<{ entries: HistoryEntry[]; olderCursor: string | null }> {
  const { entries, nextCursor } = await historyPage(db, tenantId, LATEST_HISTORY);
  return { entries: entries.reverse(), olderCursor: nextCursor };
}

/** Whether an entry id belongs to the tenant's history: a cursor must name one of its own. */
export const isHistoryEntry = (db: Db, tenantId: string, id: string) => db('tenant_history').where({ id, tenant_id: tenantId }).first('id');
