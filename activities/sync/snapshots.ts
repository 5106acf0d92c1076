// Writing a run's snapshot rows. Postgres caps one statement's parameters, so rows go in slices.
//
// Most runs read what the run before them read. A full read of up to HELD_ROWS rows is held in
// memory until it ends; when its digest equals that of a run whose snapshot is still kept, the run
// uses that snapshot instead of writing the same rows again (`sync_runs.<side>_from`). Planning
// copies it into the run only if the run has items to keep (./plan-run.ts), so a run that changes
// nothing writes no row per person. Larger reads are written page by page, as a crash must not
// lose them.
import { createHash } from 'node:crypto';
import type { Db } from '../../common/db';
import type { Employee } from '../../common/directory';

export const INSERT_SLICE = 1000;

/** The most rows a read holds in memory before it writes them. */
export const HELD_ROWS = 10_000;

export type SnapshotSide = 'directory' | 'platform';

const tableOf: Record<SnapshotSide, string> = { directory: 'directory_snapshots', platform: 'platform_snapshots' };

/** Runs `insert` on each slice of `rows`, in order. */
export async function insertInSlices<T>(rows: readonly T[], insert: (slice: T[]) => PromiseLike<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_SLICE) await insert(rows.slice(i, i + INSERT_SLICE));
}

/** People read, as the run's directory snapshot; a person read again replaces their row. */
export function storeEmployees(db: Db, syncId: string, scan: number, employees: readonly Employee[]): Promise<void> {
  const rows = employees.map((employee) => ({ run_id: syncId, hris_id: employee.hrisId, scan, data: JSON.stringify(employee) }));
  return insertInSlices(rows, (slice) => db('directory_snapshots').insert(slice).onConflict(['run_id', 'hris_id']).merge());
}

/** A read's rows (key, serialised data) in key order, hashed: equal digests, equal reads. */
export function digestOf(rows: Iterable<readonly [string, string]>): string {
  const hash = createHash('sha256');
  for (const [key, data] of [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) hash.update(key).update('\0').update(data).update('\0');
  return hash.digest('hex');
}

type RunKind = { trigger: string; scope: string | null } | undefined;

const runKind = (db: Db, syncId: string): Promise<RunKind> => db('sync_runs').where({ id: syncId }).first('trigger', 'scope');

/** Tests (support reviews their items) and targeted runs (someone asked about these people) keep every item, whatever they find. */
const keepsAll = (run: RunKind) => run !== undefined && (run.trigger === 'test' || Boolean(run.scope));

export async function keepsEveryItem(db: Db, syncId: string): Promise<boolean> {
  return keepsAll(await runKind(db, syncId));
}

/**
 * Whether the run's reads are held (above): a run that keeps every item keeps its own snapshots,
 * so holding its reads would save nothing and give up resuming a read cut short from its last
 * page; nor does an initial load, which has no earlier read to share.
 */
export async function readsAreHeld(db: Db, syncId: string): Promise<boolean> {
  const run = await runKind(db, syncId);
  return run !== undefined && run.trigger !== 'initial_load' && !keepsAll(run);
}

/** A new read of one side starts: the run forgets any snapshot it shared. */
export async function forgetSharedRead(db: Db, syncId: string, side: SnapshotSide): Promise<void> {
  await db('sync_runs').where({ id: syncId }).whereNotNull(`${side}_digest`).update({ [`${side}_digest`]: null, [`${side}_from`]: null });
}

/**
 * A held read has ended: it shares the snapshot of the tenant's latest run that read the same and
 * still keeps it, or else `write`s its own. Returns the run whose rows hold the read.
 */
export async function settleHeldRead(db: Db, run: { syncId: string; tenantId: string }, side: SnapshotSide, rows: Iterable<readonly [string, string]>, write: () => Promise<void>): Promise<string> {
  const digest = digestOf(rows);
  const table = tableOf[side];
  const same: { id: string } | undefined = await db('sync_runs')
    .where({ tenant_id: run.tenantId, [`${side}_digest`]: digest })
    .whereNot({ id: run.syncId })
    .whereExists(db(table).whereRaw(`${table}.run_id = sync_runs.id`))
    .orderBy('started_at', 'desc')
    .first('id');
  if (!same) await write();
  await db('sync_runs').where({ id: run.syncId }).update({ [`${side}_digest`]: digest, [`${side}_from`]: same?.id ?? null });
  return same?.id ?? run.syncId;
}

/** The runs whose rows hold this run's directory and platform snapshots. */
export async function snapshotRuns(db: Db, syncId: string): Promise<Record<SnapshotSide, string>> {
  const row: { directory_from: string | null; platform_from: string | null } | undefined = await db('sync_runs').where({ id: syncId }).first('directory_from', 'platform_from');
  return { directory: row?.directory_from ?? syncId, platform: row?.platform_from ?? syncId };
}

/** The run keeps items, and so the snapshots they were planned from: shared ones are copied into it. */
export async function ownSnapshots(db: Db, syncId: string): Promise<void> {
  const from = await snapshotRuns(db, syncId);
  if (from.directory !== syncId) {
    await db.raw('insert into directory_snapshots (run_id, hris_id, scan, data) select ?, hris_id, scan, data from directory_snapshots where run_id = ? on conflict do nothing', [syncId, from.directory]);
  }
  if (from.platform !== syncId) {
    await db.raw('insert into platform_snapshots (run_id, kind, platform_id, data) select ?, kind, platform_id, data from platform_snapshots where run_id = ? on conflict do nothing', [syncId, from.platform]);
  }
  if (from.directory !== syncId || from.platform !== syncId) await db('sync_runs').where({ id: syncId }).update({ directory_from: null, platform_from: null });
}
