// Sync runs and their plan items as the API shows them (docs/API.md "Sync runs"), read from the
// projection the run's workflow writes. Items are read in keyset pages on `seq`, never whole.
import type { Knex } from 'knex';
import type { Db } from '../common/db';
import type { PlanItemKind, PlanItemRow } from '../common/sync-run';
import { emptyCounts, type GroupPlanItem, type PlanItem, type RunCounts } from '../activities/sync/core';
import { ApiError } from './errors';

export interface SyncRunRow {
  id: string;
  tenant_id: string;
  trigger: string;
  mode: string;
  read: string;
  status: string;
  phase: string;
  progress_done: number;
  progress_total: number;
  counts: Partial<RunCounts> | null;
  planned: Partial<RunCounts> | null;
  hold: Record<string, unknown> | null;
  warnings: unknown[] | null;
  error: { code: string; message: string } | null;
  requested_by: string;
  started_at: Date;
  finished_at: Date | null;
}

/** The run an id names, or the 404 every route answers for an unknown one. */
export async function requireSyncRun(db: Db, id: string): Promise<SyncRunRow> {
  const row: SyncRunRow | undefined = await db('sync_runs').where({ id }).first();
  if (!row) throw new ApiError(404, 'sync_not_found', `There is no sync run '${id}'.`);
  return row;
}

// Every key of docs/API.md, even before the run has counted anything.
const allCounts = (counts: Partial<RunCounts> | null): RunCounts => ({ ...emptyCounts(), ...counts });

export function syncRunView(row: SyncRunRow) {
  const planned = allCounts(row.planned);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    trigger: row.trigger,
    mode: row.mode,
    read: row.read,
    status: row.status,
    phase: row.phase,
    progress: { done: row.progress_done, total: row.progress_total },
    // A dry run writes nothing: what it planned is all it did.
    counts: row.mode === 'dry_run' ? planned : allCounts(row.counts),
    planned,
    ...(row.hold && { hold: row.hold }),
    requestedBy: row.requested_by,
    startedAt: row.started_at.toISOString(),
    ...(row.finished_at && { finishedAt: row.finished_at.toISOString() }),
    ...(row.error && { error: { code: row.error.code, message: row.error.message } }),
    ...(row.warnings?.length && { warnings: row.warnings }),
  };
}

/** The item's outcome; a failed item without a reason of its own gives the platform's. */
function outcome(row: PlanItemRow) {
  const item = row.item as Pick<PlanItem, 'reasonCode' | 'reason' | 'warnings'>;
  const failed = row.result === 'failed' && item.reasonCode === undefined;
  const reasonCode = failed ? row.result_code : item.reasonCode;
  const reason = failed ? row.result_message : item.reason;
  return {
    result: row.result,
    ...(reasonCode != null && { reasonCode }),
    ...(reason != null && { reason }),
    ...(item.warnings?.length && { warnings: item.warnings }),
  };
}

/** What the item writes: a person's field moves, the manager of the second pass, a group's rename and members. */
function changesOf(row: PlanItemRow) {
  if (row.kind === 'group') {
    const group = row.item as unknown as GroupPlanItem;
    return { ...(group.rename && { rename: group.rename }), add: group.add, remove: group.remove };
  }
  const item = row.item as Pick<PlanItem, 'changes' | 'managerHrisId'>;
  if (row.kind === 'manager') return { managerHrisId: item.managerHrisId ?? null };
  return item.changes ?? null;
}

export function itemView(row: PlanItemRow) {
  const { fields } = row.item as Pick<PlanItem, 'fields'>;
  return {
    hrisId: row.hris_id,
    name: row.name,
    identityKey: row.identity_key,
    kind: row.kind,
    action: row.action,
    changes: changesOf(row),
    // A create has no changes: the preview shows the account it will make.
    ...(row.kind === 'account' && fields && { fields }),
    ...outcome(row),
  };
}

export function personItemView(row: PlanItemRow & Pick<SyncRunRow, 'trigger' | 'mode' | 'status' | 'started_at'>) {
  return {
    syncId: row.run_id,
    trigger: row.trigger,
    mode: row.mode,
    startedAt: row.started_at.toISOString(),
    status: row.status,
    kind: row.kind,
    action: row.action,
    changes: changesOf(row),
    ...outcome(row),
  };
}

// An opaque keyset cursor: the last seq a page showed.
export const encodeCursor = (seq: number): string => Buffer.from(JSON.stringify({ after: seq })).toString('base64url');

/** The seq a cursor names, or undefined for anything this API did not give out. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(cursor)) return undefined;
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    // plan_items.seq is a Postgres integer: anything beyond it would fail the query.
    return Number.isInteger(after) && (after as number) >= 0 && (after as number) <= 2 ** 31 - 1 ? (after as number) : undefined;
  } catch {
    return undefined;
  }
}

export interface ItemFilter {
  kind?: PlanItemKind;
  action?: string;
  q?: string;
  /** Only skips and failures: the candidates of errors.csv (isRecordError decides). */
  recordErrors?: boolean;
}

/** A run's items matching the filter, after `after`, in seq order. */
export function itemsQuery(db: Db, runId: string, filter: ItemFilter, after: number): Knex.QueryBuilder<PlanItemRow, PlanItemRow[]> {
  const pattern = filter.q && `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db<PlanItemRow>('plan_items')
    .where({ run_id: runId })
    .andWhere('seq', '>', after)
    .modify((query) => {
      if (filter.kind) query.where({ kind: filter.kind });
      if (filter.action) query.where({ action: filter.action });
      if (pattern) query.where((match) => match.whereILike('name', pattern).orWhereILike('identity_key', pattern).orWhereILike('hris_id', pattern));
      if (filter.recordErrors) query.where((errors) => errors.where({ action: 'skip' }).orWhere({ result: 'failed' }));
    })
    .orderBy('seq');
}

/** Every matching item of a run, a page at a time, for files of any size. */
export async function* itemPages(db: Db, runId: string, filter: ItemFilter, pageSize = 2000): AsyncGenerator<PlanItemRow[]> {
  for (let after = -1; ; ) {
    const rows = await itemsQuery(db, runId, filter, after).limit(pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}
