// Sync runs and their plan items as the API shows them (docs/API.md "Sync runs"), read from the
// projection the run's workflow writes. Items are read in keyset pages on `seq`, never whole. The
// schemas below are the answers' published shape (api/openapi/) and type the views.
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../common/db';
import { itemActions, runScopeKinds, syncTriggers, type PlanItemKind, type PlanItemRow, type ReadMode, type RunError, type RunScopeKind, type SyncMode, type SyncPhase, type SyncStatus, type SyncTrigger } from '../common/sync-run';
import { emptyCounts, type GroupPlanItem, type Hold, type PlanItem, type PlanWarning, type RunCounts } from '../activities/sync/core';
import type { RunDecision } from '../activities/sync/run-records';
import type { PlatformTarget } from '../common/tenant';
import { ApiError } from './errors';
import { whereItemMatches } from './item-search';

export interface SyncRunRow {
  id: string;
  tenant_id: string;
  trigger: SyncTrigger;
  mode: SyncMode;
  read: ReadMode;
  scope: RunScopeKind | null;
  status: SyncStatus;
  phase: SyncPhase;
  progress_done: number;
  progress_total: number;
  counts: Partial<RunCounts> | null;
  planned: Partial<RunCounts> | null;
  hold: Hold | null;
  warnings: PlanWarning[] | null;
  error: RunError | null;
  decision: RunDecision | null;
  target: PlatformTarget;
  requested_by: string;
  started_at: Date;
  finished_at: Date | null;
}

const count = z.int().min(0);
const time = z.iso.datetime();
const trigger = z.enum(syncTriggers);
export const mode = z.enum(['apply', 'dry_run']);
export const runStatus = z.enum(['running', 'awaiting_approval', 'success', 'warning', 'error', 'rejected', 'cancelled']);

export const countsSchema = z
  .object({
    created: count,
    updated: count,
    deactivated: count,
    reactivated: count,
    anonymised: count.meta({ description: 'Deactivated accounts whose profile was replaced with neutral values (`anonymiseAfterDays`).' }),
    unchanged: count,
    skipped: count,
    excluded: count,
    failed: count,
    groupsCreated: count,
    groupsUpdated: count,
    groupsRemoved: count,
  })
  .meta({ id: 'RunCounts' }) satisfies z.ZodType<RunCounts>;

export const syncRunSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    trigger,
    mode,
    read: z.enum(['full', 'incremental']),
    target: z.enum(['production', 'sandbox']).meta({ description: "The platform the run read and wrote: the tenant's sandbox (tests and trial loads before go-live, when it has one) or production." }),
    scope: z.enum(runScopeKinds).optional().meta({ description: 'A targeted run: whom it read — the people webhook events named (`changes`), one person (`person`), or the leavers whose last day ended (`leavers`).' }),
    status: runStatus,
    phase: z.enum(['fetching', 'planning', 'awaiting_approval', 'applying', 'reporting', 'done']),
    progress: z.object({ done: count, total: count }),
    counts: countsSchema.meta({ description: "What the run did; a dry run's equal its planned counts." }),
    planned: countsSchema,
    hold: z.object({ reason: z.string(), deactivations: count, limit: count }).optional().meta({ description: 'Why the run waits for approval.' }),
    requestedBy: z.string(),
    startedAt: time,
    finishedAt: time.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional().meta({ description: 'Why the run ended early (docs/PRODUCT.md "Status of a run").' }),
    warnings: z.array(z.object({ code: z.literal('attribute_not_supported'), attribute: z.string(), message: z.string() })).optional(),
    decision: z
      .object({ action: z.enum(['approve', 'reject', 'cancel']), actor: z.string(), at: time, note: z.string().optional() })
      .optional()
      .meta({ description: "The latest decision on the run: who approved, rejected or cancelled it, when, and their note (the tenant's history has every one)." }),
  })
  .meta({ id: 'SyncRun' });
export type SyncRun = z.output<typeof syncRunSchema>;

const change = <T extends z.ZodType>(value: T) => z.object({ from: value.nullable(), to: value.nullable() });
export const accountChanges = z
  .object({
    userName: change(z.string()),
    externalId: change(z.string()),
    givenName: change(z.string()),
    familyName: change(z.string()),
    displayName: change(z.string()),
    email: change(z.string()),
    active: change(z.boolean()),
    attributes: z.record(z.string(), change(z.string())),
  })
  .partial()
  .meta({ id: 'AccountChanges', description: 'Only the fields that move, each {from, to}; null means absent.' });
const managerChange = z.object({ managerHrisId: z.string().nullable() }).meta({ description: "The second pass: the manager whose account becomes the person's `manager`." });
const groupChanges = z
  .object({
    rename: change(z.string()).optional(),
    add: z.array(z.object({ hrisId: z.string(), accountId: z.string().optional() })),
    remove: z.array(z.string()),
    adoptedAs: z.string().optional().meta({ description: "Set when the initial load takes over an existing platform group of this name: the external id Roster stamps on it." }),
  })
  .meta({ description: "A group's rename, its members to add (by HR id) and remove (by account id), and its adoption." });
export const accountFields = z
  .object({
    userName: z.string(),
    externalId: z.string(),
    active: z.boolean(),
    givenName: z.string().optional(),
    familyName: z.string().optional(),
    displayName: z.string().optional(),
    email: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
  })
  .meta({ id: 'AccountFields', description: 'The account a create makes.' });

const itemParts = {
  kind: z.enum(['account', 'manager', 'group']),
  action: z.enum([...itemActions, 'empty', 'delete']).meta({ description: 'For accounts: create, update, deactivate, reactivate, anonymise, unchanged, skip or exclude; for groups: create, update, empty or delete.' }),
  changes: z.union([accountChanges, managerChange, groupChanges]).nullable(),
  result: z.enum(['pending', 'done', 'failed']),
  reasonCode: z.string().optional(),
  reason: z.string().optional(),
  warnings: z.array(z.object({ code: z.literal('manager_not_found'), message: z.string() })).optional(),
};

export const planItemSchema = z
  .object({ hrisId: z.string().nullable(), name: z.string().nullable(), identityKey: z.string().nullable(), ...itemParts, fields: accountFields.optional() })
  .meta({ id: 'PlanItem' });
export type PlanItemView = z.output<typeof planItemSchema>;

export const personItemSchema = z.object({ syncId: z.string(), trigger, mode, startedAt: time, status: runStatus, ...itemParts }).meta({ id: 'PersonItem' });
export type PersonItemView = z.output<typeof personItemSchema>;

/** The run an id names, or the 404 every route answers for an unknown one. */
export async function requireSyncRun(db: Db, id: string): Promise<SyncRunRow> {
  const row: SyncRunRow | undefined = await db('sync_runs').where({ id }).first();
  if (!row) throw new ApiError(404, 'sync_not_found', `There is no sync run '${id}'.`);
  return row;
}

// Every key of docs/API.md, even before the run has counted anything.
const allCounts = (counts: Partial<RunCounts> | null): RunCounts => ({ ...emptyCounts(), ...counts });

/** What a run did, as the run and its tenant's `lastSync` show it. A dry run writes nothing: what it planned is all it did. */
export const runCounts = (row: Pick<SyncRunRow, 'mode' | 'counts' | 'planned'>): RunCounts => allCounts(row.mode === 'dry_run' ? row.planned : row.counts);

export function syncRunView(row: SyncRunRow): SyncRun {
  const planned = allCounts(row.planned);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    trigger: row.trigger,
    mode: row.mode,
    read: row.read,
    target: row.target,
    ...(row.scope && { scope: row.scope }),
    status: row.status,
    phase: row.phase,
    progress: { done: row.progress_done, total: row.progress_total },
    counts: runCounts(row),
    planned,
    ...(row.hold && { hold: row.hold }),
    requestedBy: row.requested_by,
    startedAt: row.started_at.toISOString(),
    ...(row.finished_at && { finishedAt: row.finished_at.toISOString() }),
    ...(row.error && { error: { code: row.error.code, message: row.error.message } }),
    ...(row.warnings?.length && { warnings: row.warnings }),
    ...(row.decision && { decision: row.decision }),
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
    return { ...(group.rename && { rename: group.rename }), add: group.add, remove: group.remove, ...(group.link === 'adopt' && { adoptedAs: group.externalId }) };
  }
  const item = row.item as Pick<PlanItem, 'changes' | 'managerHrisId'>;
  if (row.kind === 'manager') return { managerHrisId: item.managerHrisId ?? null };
  return item.changes ?? null;
}

// plan_items.action holds the core's ItemAction or GroupPlanItem action.
const actionOf = (row: PlanItemRow) => row.action as PlanItemView['action'];

export function itemView(row: PlanItemRow): PlanItemView {
  const { fields } = row.item as Pick<PlanItem, 'fields'>;
  return {
    hrisId: row.hris_id,
    name: row.name,
    identityKey: row.identity_key,
    kind: row.kind,
    action: actionOf(row),
    changes: changesOf(row),
    // A create has no changes: the preview shows the account it will make.
    ...(row.kind === 'account' && fields && { fields }),
    ...outcome(row),
  };
}

export function personItemView(row: PlanItemRow & Pick<SyncRunRow, 'trigger' | 'mode' | 'status' | 'started_at'>): PersonItemView {
  return {
    syncId: row.run_id,
    trigger: row.trigger,
    mode: row.mode,
    startedAt: row.started_at.toISOString(),
    status: row.status,
    kind: row.kind,
    action: actionOf(row),
    changes: changesOf(row),
    ...outcome(row),
  };
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
  return db<PlanItemRow>('plan_items')
    .where({ run_id: runId })
    .andWhere('seq', '>', after)
    .modify((query) => {
      if (filter.kind) query.where({ kind: filter.kind });
      if (filter.action) query.where({ action: filter.action });
      if (filter.q) whereItemMatches(query, 'plan_items', db('sync_runs').select('tenant_id').where({ id: runId }), filter.q);
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
