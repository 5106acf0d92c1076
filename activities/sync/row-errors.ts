// Source rows a read could not use (a CSV row, by file and line): stored with the run's snapshots
// as the fetch reads them, and turned by planning into skipped items, so that the run's errors.csv
// and items list them and the run ends as a warning. Each counts as one skipped record.
import type { Db } from '../../common/db';
import type { Employee } from '../../common/directory';
import type { DirectoryPage } from '../hris';
import { displayNameOf } from './core/mapping';
import { insertInSlices } from './snapshots';

export async function storeRowErrors(db: Db, syncId: string, page: DirectoryPage): Promise<void> {
  const perLine = new Map<string, number>();
  const rows = (page.rowErrors ?? []).map((error) => {
    const at = `${error.file}:${error.line}`;
    const n = perLine.get(at) ?? 0;
    perLine.set(at, n + 1);
    return { run_id: syncId, scan: page.scan, file: error.file, line: error.line, n, hris_id: error.hrisId ?? null, code: error.code, message: error.message };
  });
  await insertInSlices(rows, (slice) => db('directory_row_errors').insert(slice).onConflict(['run_id', 'file', 'line', 'n']).merge());
}

/** The run's row errors as plan_items rows, in file and line order, named after the person when the read has them, else after the row. */
export async function rowErrorItems(db: Db, syncId: string) {
  const errors: { file: string; line: number; hris_id: string | null; code: string; message: string; data: Employee | null }[] = await db('directory_row_errors as e')
    .leftJoin('directory_snapshots as s', (on) => on.on('s.run_id', 'e.run_id').andOn('s.hris_id', 'e.hris_id'))
    .where('e.run_id', syncId)
    .orderBy([{ column: 'e.file' }, { column: 'e.line' }, { column: 'e.n' }])
    .select('e.file', 'e.line', 'e.hris_id', 'e.code', 'e.message', 's.data');
  return errors.map(({ file, line, hris_id: hrisId, code, message, data }) => {
    const name = (data && displayNameOf(data)) ?? `${file} line ${line}`;
    return {
      kind: 'account' as const,
      hris_id: hrisId,
      account_id: null,
      identity_key: null,
      name,
      action: 'skip',
      item: { hrisId, name, action: 'skip', reasonCode: code, reason: `${file} line ${line}: ${message}`, file, line },
      result: 'done' as const,
    };
  });
}
