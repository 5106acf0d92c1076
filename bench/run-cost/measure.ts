// What one run costs beyond its changes: the worker's CPU (from /proc, as the worker is its own
// process), the rows Postgres wrote per table (pg_stat_user_tables), and what Temporal recorded.
import { readFileSync } from 'node:fs';
import type { Db } from '../../common/db';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The process's user + system CPU so far, in ms. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export type TableWrites = Record<string, { inserted: number; updated: number; deleted: number }>;

async function tableCounters(db: Db): Promise<TableWrites> {
  const rows: { relname: string; ins: string; upd: string; del: string }[] = await db('pg_stat_user_tables').select({ relname: 'relname', ins: 'n_tup_ins', upd: 'n_tup_upd', del: 'n_tup_del' });
  return Object.fromEntries(rows.map((row) => [row.relname, { inserted: Number(row.ins), updated: Number(row.upd), deleted: Number(row.del) }]));
}

/**
 * The counters once every backend has reported: a backend flushes its counts when idle, at most
 * once a second and within ten, so they are read until they stop moving.
 */
export async function settledCounters(db: Db): Promise<TableWrites> {
  let last = JSON.stringify(await tableCounters(db));
  for (let stable = 0, waited = 0; stable < 3 && waited < 15_000; waited += 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = JSON.stringify(await tableCounters(db));
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return JSON.parse(last) as TableWrites;
}

/** The tables whose counters moved between two readings, and by how much. */
export function writesBetween(before: TableWrites, after: TableWrites): TableWrites {
  const moved: TableWrites = {};
  for (const [table, counts] of Object.entries(after)) {
    const was = before[table] ?? { inserted: 0, updated: 0, deleted: 0 };
    const delta = { inserted: counts.inserted - was.inserted, updated: counts.updated - was.updated, deleted: counts.deleted - was.deleted };
    if (delta.inserted || delta.updated || delta.deleted) moved[table] = delta;
  }
  return moved;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
