// The latest accepted CSV files of each tenant, kept parsed in Postgres (csv_files): an accepted
// upload replaces its kind's file whole, and a run reads the three as one set.
import type { CsvFileKind, ParsedFile, RowsOf } from '../../common/csv/files';
import type { Db } from '../../common/db';
import type { CsvSet } from './csv-directory';

interface CsvFileRow {
  kind: CsvFileKind;
  records: number;
  columns: string[];
  rows: unknown[];
  errors: ParsedFile<unknown>['errors'];
}

export async function saveCsvFile<K extends CsvFileKind>(db: Db, tenantId: string, kind: K, parsed: ParsedFile<RowsOf[K]>, uploadedBy: string): Promise<void> {
  await db('csv_files')
    .insert({
      tenant_id: tenantId,
      kind,
      records: parsed.records,
      columns: JSON.stringify(parsed.columns),
      rows: JSON.stringify(parsed.rows),
      errors: JSON.stringify(parsed.errors),
      uploaded_at: new Date(),
      uploaded_by: uploadedBy,
    })
    .onConflict(['tenant_id', 'kind'])
    .merge();
}

/** The tenant's latest accepted files, read in one statement so that they are one set. */
export async function loadCsvSet(db: Db, tenantId: string): Promise<CsvSet> {
  const files: CsvFileRow[] = await db('csv_files').where({ tenant_id: tenantId }).select('kind', 'records', 'columns', 'rows', 'errors');
  const set: CsvSet = {};
  for (const { kind, ...file } of files) {
    if (kind === 'users') set.users = file as ParsedFile<RowsOf['users']>;
    else if (kind === 'groups') set.groups = file as ParsedFile<RowsOf['groups']>;
    else set.mappings = file as ParsedFile<RowsOf['group-mappings']>;
  }
  return set;
}

export async function hasUsersFile(db: Db, tenantId: string): Promise<boolean> {
  return (await db('csv_files').where({ tenant_id: tenantId, kind: 'users' }).first('tenant_id')) !== undefined;
}
