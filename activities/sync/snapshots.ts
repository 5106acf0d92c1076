// Writing a run's snapshot rows. Postgres caps one statement's parameters, so rows go in slices.
import type { Db } from '../../common/db';
import type { Employee } from '../../common/directory';

export const INSERT_SLICE = 1000;

/** Runs `insert` on each slice of `rows`, in order. */
export async function insertInSlices<T>(rows: readonly T[], insert: (slice: T[]) => PromiseLike<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_SLICE) await insert(rows.slice(i, i + INSERT_SLICE));
}

/** People read, as the run's directory snapshot; a person read again replaces their row. */
export function storeEmployees(db: Db, syncId: string, scan: number, employees: readonly Employee[]): Promise<void> {
  const rows = employees.map((employee) => ({ run_id: syncId, hris_id: employee.hrisId, scan, data: JSON.stringify(employee) }));
  return insertInSlices(rows, (slice) => db('directory_snapshots').insert(slice).onConflict(['run_id', 'hris_id']).merge());
}
