// Planning a run: the pure core over the run's snapshots, its items persisted for apply and for
// the API, and only counts and the guards' verdict returned to the workflow.
//
// A 100,000-person tenant must plan within a worker of a few hundred MB (BENCHMARKS.md), so the
// snapshots are read in pages and the items are serialised and written a slice at a time: what
// is only needed briefly then dies young instead of piling up in the old generation.
import type { Db } from '../../common/db';
import type { Employee, PlatformAccount, PlatformGroup } from '../../common/directory';
import type { PlanItemKind, SyncTrigger } from '../../common/sync-run';
import type { TenantConfig } from '../../common/tenant-config';
import { resolveManagerEmails } from '../hris';
import { listGroupLinks, listLinks } from '../platform';
import { checkGuards, deactivationsOf, plan, summarisePlan, unapprovedDeactivations, type GuardOutcome, type Plan, type PlanWarning, type ReadMode, type RunCounts } from './core';
import { heartbeatingWhile } from './heartbeat';
import { rowErrorItems } from './row-errors';
import { keepsEveryItem, ownSnapshots, snapshotRuns } from './snapshots';
import type { TenantAccess } from './tenant-access';

export interface PlanRunInput {
  syncId: string;
  tenantId: string;
  configVersionId: string;
  /** The config's `adoptExistingAccounts` holds for the initial load and the tests previewing it only (docs/PRODUCT.md "Matching"). */
  trigger: SyncTrigger;
  /** The day the directory was read as of: the plan is made for the same day. */
  today: string;
  supportedAttributes: string[] | 'all';
  /** Re-planning after a human approved a held plan: the deactivations they saw may now apply. */
  afterApproval: boolean;
  /** How the directory was read; absent in runs recorded before incremental reads, which were all full. */
  read?: ReadMode;
}

export interface PlanRunResult {
  planned: RunCounts;
  guard: GuardOutcome;
  warnings: PlanWarning[];
  /** Items apply must write, by pass. */
  toApply: Record<PlanItemKind, number>;
}

/** Rows per statement, read or written: Postgres caps one statement's parameters. */
const SLICE = 1000;

/** Items that need nothing written are done as soon as they are planned. */
// An anonymisation is applied even when the platform already holds the neutral values: Roster's own records forget the person then.
const needsWrite = (item: Plan['items'][number]) => item.action === 'create' || item.action === 'anonymise' || item.changes !== undefined || item.link !== undefined;

interface ItemRow {
  kind: PlanItemKind;
  hris_id: string | null;
  account_id: string | null;
  identity_key: string | null;
  name: string;
  action: string;
  item: object;
  result: 'pending' | 'done';
}

/** The rows in apply's order: updates before creates (a renamed account frees its user name first), then managers, then groups; last the source rows the read could not use. */
function* rowsOf(planned: Plan, rowErrors: readonly ItemRow[]): Generator<ItemRow> {
  const account = (item: Plan['items'][number]): ItemRow => ({
    kind: 'account',
    hris_id: item.hrisId,
    account_id: item.accountId ?? null,
    identity_key: item.identityKey ?? null,
    name: item.name,
    action: item.action,
    item,
    result: needsWrite(item) ? 'pending' : 'done',
  });
  for (const item of planned.items) if (item.action !== 'create') yield account(item);
  for (const item of planned.items) if (item.action === 'create') yield account(item);
  for (const item of planned.items) {
    if (item.managerHrisId) yield { kind: 'manager', hris_id: item.hrisId, account_id: item.accountId ?? null, identity_key: item.identityKey ?? null, name: item.name, action: 'update', item, result: 'pending' };
  }
  for (const group of planned.groups) {
    yield { kind: 'group', hris_id: null, account_id: group.groupId ?? null, identity_key: group.externalId, name: group.displayName, action: group.action, item: group, result: 'pending' };
  }
  yield* rowErrors;
}

/** Every row of a snapshot query, read in key order a page at a time. */
async function readPaged<T>(query: () => ReturnType<Db>, key: string, parse: (row: { data: unknown }) => T): Promise<T[]> {
  const all: T[] = [];
  for (let after: string | undefined; ; ) {
    const page: { key: string; data: unknown }[] = await (after === undefined ? query() : query().andWhere(key, '>', after)).orderBy(key).limit(SLICE).select({ key, data: 'data' });
    for (const row of page) all.push(parse(row));
    if (page.length < SLICE) return all;
    after = page[page.length - 1]!.key;
  }
}

/** What the run read (in its own rows or those it shares, ./snapshots.ts), as the core takes it. */
async function readSnapshots(db: Db, syncId: string) {
  const from = await snapshotRuns(db, syncId);
  const latestScan = db('directory_snapshots').where({ run_id: from.directory }).max('scan');
  const people = await readPaged(() => db('directory_snapshots').where({ run_id: from.directory }).andWhere('scan', '=', latestScan), 'hris_id', (row) => row.data as Employee);
  const ofKind = (kind: string) => () => db('platform_snapshots').where({ run_id: from.platform, kind });
  const accounts = await readPaged(ofKind('account'), 'platform_id', (row) => row.data as PlatformAccount);
  const groups = await readPaged(ofKind('group'), 'platform_id', (row) => row.data as PlatformGroup);
  return { people, accounts, groups };
}

/**
 * A plan that changes nothing and skips nobody: its items would only repeat the counts. Most
 * scheduled runs are such, so they keep their counts alone, no row per person (BENCHMARKS.md
 * "The fixed cost of a run").
 */
const changesNothing = (planned: Plan, rowErrors: readonly ItemRow[]) =>
  rowErrors.length === 0 && planned.groups.length === 0 && planned.items.every((item) => (item.action === 'unchanged' || item.action === 'exclude') && !needsWrite(item) && !item.managerHrisId);

/** Writes the plan's items in slices, each serialised only when its turn comes; counts what apply must write. */
export async function storeItems(db: Db, syncId: string, tenantId: string, planned: Plan, rowErrors: readonly ItemRow[]): Promise<Record<PlanItemKind, number>> {
  const toApply: Record<PlanItemKind, number> = { account: 0, manager: 0, group: 0 };
  await db.transaction(async (trx) => {
    await trx('plan_items').where({ run_id: syncId }).delete();
    let slice: object[] = [];
    let seq = 0;
    for (const row of rowsOf(planned, rowErrors)) {
      if (row.result === 'pending') toApply[row.kind] += 1;
      slice.push({ ...row, run_id: syncId, tenant_id: tenantId, seq: seq++, item: JSON.stringify(row.item) });
      if (slice.length === SLICE) {
        await trx('plan_items').insert(slice);
        slice = [];
      }
    }
    if (slice.length > 0) await trx('plan_items').insert(slice);
    await trx('sync_runs').where({ id: syncId }).update({ planned: JSON.stringify(planned.planned), warnings: JSON.stringify(planned.warnings) });
  });
  return toApply;
}

export function createPlanActivities(db: Db, access: TenantAccess) {
  /** The plan of what the run read; the snapshots it was made from are not kept past this call. */
  const planFromSnapshots = async (input: PlanRunInput, config: TenantConfig) => {
    const { people, accounts, groups } = await readSnapshots(db, input.syncId);
    // Existing accounts and groups are taken over at the initial load only (docs/PRODUCT.md "Matching").
    const adopting = input.trigger === 'initial_load' || input.trigger === 'test';
    const links = { tenantId: input.tenantId, target: await access.target(input.syncId) };
    const planned = plan({
      employees: resolveManagerEmails(people),
      accounts,
      groups,
      links: await listLinks(db, links, config.schedule.timezone),
      groupLinks: await listGroupLinks(db, links),
      config,
      supportedAttributes: input.supportedAttributes === 'all' ? 'all' : new Set(input.supportedAttributes),
      adoptExistingAccounts: config.adoptExistingAccounts && adopting,
      adoptExistingGroups: (config.adoptExistingGroups || config.adoptExistingAccounts) && adopting,
      readMode: input.read ?? 'full',
      today: input.today,
    });
    return { planned, people: people.length };
  };

  const planOnce = async (input: PlanRunInput): Promise<PlanRunResult> => {
    const { syncId, tenantId } = input;
    const config = await access.config(input.configVersionId);
    const { planned, people } = await planFromSnapshots(input, config);

    let guard = checkGuards({ mode: input.read ?? 'full', people }, summarisePlan(planned), config.safety);
    if (input.afterApproval && guard.outcome === 'hold') {
      const approved = await db('plan_items').where({ run_id: syncId, kind: 'account', action: 'deactivate' }).select({ accountId: 'account_id' });
      if (unapprovedDeactivations(approved, deactivationsOf(planned)).length === 0) guard = { outcome: 'proceed' };
    }

    const rowErrors = await rowErrorItems(db, syncId);
    planned.planned.skipped += rowErrors.length;
    if (changesNothing(planned, rowErrors) && !(await keepsEveryItem(db, syncId))) {
      await db.transaction(async (trx) => {
        await trx('plan_items').where({ run_id: syncId }).delete();
        await trx('sync_runs').where({ id: syncId }).update({ planned: JSON.stringify(planned.planned), warnings: JSON.stringify(planned.warnings) });
      });
      return { planned: planned.planned, guard, warnings: planned.warnings, toApply: { account: 0, manager: 0, group: 0 } };
    }
    // The items' readers (a person's trace) read the snapshots by the run's own id.
    await ownSnapshots(db, syncId);
    const toApply = await storeItems(db, syncId, tenantId, planned, rowErrors);
    return { planned: planned.planned, guard, warnings: planned.warnings, toApply };
  };

  return {
    /** Heartbeated while it reads, plans and writes, so a killed worker's plan is retried promptly. */
    planRun: (input: PlanRunInput): Promise<PlanRunResult> => heartbeatingWhile(() => undefined, () => planOnce(input)),
  };
}
