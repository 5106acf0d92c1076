// The read side of sync runs (docs/API.md "Sync runs"): runs, their items, the CSV files and a person's
// history across runs. Runs are written by their workflows; this file only reads the projection.
import type { Response, Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import { errorsCsvHeader, errorsCsvLine, csvLine, isRecordError, itemsCsvHeader, itemsCsvLine } from '../../common/sync-files';
import { itemActions, type PlanItemRow } from '../../common/sync-run';
import { line } from '../../common/validation';
import { requireRole } from '../auth';
import { parseBody } from '../errors';
import { cursorParam, decodeCursor, given, limitParam, newestFirst, nextCursorSchema, pageOf, positionAfter } from '../paging';
import { apiRouter, requireTenant } from '../params';
import { itemPages, itemsQuery, itemView, personItemSchema, personItemView, planItemSchema, requireSyncRun, syncRunSchema, syncRunView, type SyncRunRow } from '../sync-view';

const log = loggerFor('api');

const groupActions = ['create', 'update', 'empty', 'delete'] as const;
const kinds = ['account', 'manager', 'group'] as const;
const personRuns = 20;

const text = line(200, { error: 'must be given once' });
// A run's items are named by their seq (a Postgres integer); a tenant's runs by their id.
export const itemPosition = z.int().min(0).max(2 ** 31 - 1);
const runPosition = z.string().regex(/^[\w-]{1,64}$/);

export const syncListQuery = z.object({ limit: limitParam(200, 50), cursor: cursorParam(runPosition) });
export const itemsQueryParams = z
  .object({
    kind: z.enum(kinds, { message: `must be one of: ${kinds.join(', ')}` }).default('account').meta({ description: 'Accounts, the second pass that writes managers, or groups.' }),
    action: z.string({ message: 'must be given once' }).optional().meta({ description: `For accounts and managers: ${itemActions.join(', ')}; for groups: ${groupActions.join(', ')}.` }),
    q: text.optional().meta({ description: 'Matches the name, identity key or HR id.' }),
    limit: limitParam(500, 100),
    cursor: cursorParam(itemPosition),
  })
  .superRefine(({ kind, action }, ctx) => {
    const allowed: readonly string[] = kind === 'group' ? groupActions : itemActions;
    if (action !== undefined && !allowed.includes(action)) ctx.addIssue({ code: 'custom', path: ['action'], message: `must be one of: ${allowed.join(', ')}` });
  });

export const syncListSchema = z.object({ syncs: z.array(syncRunSchema), nextCursor: nextCursorSchema });
export const itemsPageSchema = z.object({ items: z.array(planItemSchema), nextCursor: nextCursorSchema });
export const personHistorySchema = z.object({
  tenantId: z.string(),
  hrisId: z.string(),
  link: z.object({ accountId: z.string(), linkedAt: z.iso.datetime() }).nullable().meta({ description: "The platform account Roster manages for the person; null when there is none." }),
  items: z.array(personItemSchema).meta({ description: `The person's items in the ${personRuns} latest runs that concern them, newest first.` }),
});

const drained = (res: Response) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });

/**
 * Streams a CSV download page by page. Each chunk is written once the next page has been read, so
 * a failing first read still answers with a proper error; a later failure can only cut it short.
 */
async function sendCsv(res: Response, filename: string, header: string[], pages: AsyncIterable<string>): Promise<void> {
  let closed = false;
  res.once('close', () => (closed = true));
  // Run ids are UUIDs: the name needs no escaping.
  res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` });
  let pending = csvLine(header);
  try {
    for await (const page of pages) {
      if (closed) return;
      if (!res.write(pending)) await drained(res);
      pending = page;
    }
    if (!closed) res.end(pending);
  } catch (error) {
    if (!res.headersSent) {
      // Nothing sent yet: the error handler answers with JSON, not a CSV attachment.
      res.removeHeader('Content-Type');
      res.removeHeader('Content-Disposition');
      throw error;
    }
    log.error('download failed', { filename, error });
    res.destroy();
  }
}

async function* csvPages(pages: AsyncIterable<PlanItemRow[]>, toLine: (row: PlanItemRow) => string, keep: (row: PlanItemRow) => boolean = () => true) {
  for await (const rows of pages) yield rows.filter(keep).map(toLine).join('');
}

/** A run's items matching the query parameters: one page of GET /api/syncs/:syncId/items. */
export async function itemsPage(db: Db, runId: string, { cursor, limit, ...filter }: z.output<typeof itemsQueryParams>): Promise<z.output<typeof itemsPageSchema>> {
  const rows = await itemsQuery(db, runId, filter, cursor === undefined ? -1 : decodeCursor(cursor, itemPosition)!).limit(limit + 1);
  const page = pageOf(rows, limit, (row) => row.seq);
  return { items: page.rows.map(itemView), nextCursor: page.nextCursor };
}

/** One person across the tenant's latest runs that concern them: GET /api/tenants/:id/people/:hrisId. */
export async function personHistory(db: Db, tenantId: string, hrisId: string): Promise<z.output<typeof personHistorySchema>> {
  const person = { 'i.tenant_id': tenantId, 'i.hris_id': hrisId };
  // The tenant's latest runs that concern this person, then every item of theirs in those runs.
  const runs = db('sync_runs as r')
    .where('r.tenant_id', tenantId)
    .whereExists(db('plan_items as i').whereRaw('i.run_id = r.id').where(person))
    .orderBy([{ column: 'r.started_at', order: 'desc' }, { column: 'r.id', order: 'desc' }])
    .limit(personRuns);
  const [link, rows] = await Promise.all([
    db('account_links').where({ tenant_id: tenantId, target: 'production', hris_id: hrisId }).first('account_id', 'updated_at'),
    db
      .with('runs', runs.select('r.id', 'r.trigger', 'r.mode', 'r.status', 'r.started_at'))
      .from('plan_items as i')
      .join('runs as r', 'r.id', 'i.run_id')
      .where(person)
      .orderBy([{ column: 'r.started_at', order: 'desc' }, { column: 'r.id', order: 'desc' }, { column: 'i.seq' }])
      .select('i.*', 'r.trigger', 'r.mode', 'r.status', 'r.started_at'),
  ]);
  return {
    tenantId,
    hrisId,
    link: link ? { accountId: link.account_id, linkedAt: new Date(link.updated_at).toISOString() } : null,
    items: rows.map(personItemView),
  };
}

/** A run's errors.csv, streamed: the API's download and the signed report's (console/routes/reports.ts). */
export const sendErrorsCsv = (db: Db, res: Response, runId: string): Promise<void> =>
  sendCsv(res, `${runId}-errors.csv`, errorsCsvHeader, csvPages(itemPages(db, runId, { recordErrors: true }), errorsCsvLine, isRecordError));

/** A tenant's runs, newest first, after the run `after` names when given: the API's list and the console's tenant page. */
export const tenantRuns = (db: Db, tenantId: string, limit: number, after?: string): Promise<SyncRunRow[]> =>
  newestFirst(db('sync_runs').where({ tenant_id: tenantId }), 'sync_runs', 'started_at', after).limit(limit);

export function syncRoutes({ db }: { db: Db }): Router {
  const router = apiRouter();

  router.get('/api/tenants/:id/syncs', requireRole('viewer'), async (req, res) => {
    const { limit, cursor } = parseBody(syncListQuery, given(req.query));
    const { id: tenantId } = await requireTenant(db, String(req.params.id));
    // Newest first; a cursor continues after the run it names, which must be one of this tenant's.
    const after = await positionAfter(cursor, runPosition, (id) => db('sync_runs').where({ id, tenant_id: tenantId }).first('id'));
    const page = pageOf(await tenantRuns(db, tenantId, limit + 1, after), limit, (row) => row.id);
    res.json({ syncs: page.rows.map(syncRunView), nextCursor: page.nextCursor } satisfies z.output<typeof syncListSchema>);
  });

  router.get('/api/syncs/:syncId', requireRole('viewer'), async (req, res) => {
    res.json(syncRunView(await requireSyncRun(db, String(req.params.syncId))));
  });

  router.get('/api/syncs/:syncId/items', requireRole('viewer'), async (req, res) => {
    const params = parseBody(itemsQueryParams, given(req.query));
    const run = await requireSyncRun(db, String(req.params.syncId));
    res.json(await itemsPage(db, run.id, params));
  });

  router.get('/api/syncs/:syncId/items.csv', requireRole('viewer'), async (req, res) => {
    const run = await requireSyncRun(db, String(req.params.syncId));
    await sendCsv(res, `${run.id}-items.csv`, itemsCsvHeader, csvPages(itemPages(db, run.id, {}), itemsCsvLine));
  });

  router.get('/api/syncs/:syncId/errors.csv', requireRole('viewer'), async (req, res) => {
    const run = await requireSyncRun(db, String(req.params.syncId));
    await sendErrorsCsv(db, res, run.id);
  });

  router.get('/api/tenants/:id/people/:hrisId', requireRole('viewer'), async (req, res) => {
    const { id: tenantId } = await requireTenant(db, String(req.params.id));
    res.json(await personHistory(db, tenantId, String(req.params.hrisId)));
  });

  return router;
}
