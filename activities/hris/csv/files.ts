// The latest accepted CSV files of each tenant, kept parsed in Postgres (csv_files): an accepted
// upload replaces its kind's file whole, and a run reads the three as one set.
import type { CsvFileKind, ParsedFile, RowsOf } from '../../../common/csv/files';
import type { Db } from '../../../common/db';
import type { CsvSet } from './directory';

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

/**
 * The ids of the latest groups.csv and users.csv, where uploaded, to check a mappings file
 * against: Postgres picks them out of the stored rows, so the API never loads a whole users file.
 */
export async function knownCsvIds(db: Db, tenantId: string): Promise<{ groups?: Set<string>; users?: Set<string> }> {
  const files: { kind: CsvFileKind; ids: string[] }[] = await db('csv_files')
    .where({ tenant_id: tenantId })
    .whereIn('kind', ['groups', 'users'])
    .select('kind', db.raw(`jsonb_path_query_array(rows, CASE WHEN kind = 'users' THEN '$[*].person.hrisId' ELSE '$[*].id' END::jsonpath) AS ids`));
  const idsOf = (kind: CsvFileKind) => {
    const file = files.find((f) => f.kind === kind);
    return file && new Set(file.ids);
  };
  return { groups: idsOf('groups'), users: idsOf('users') };
}

export async function hasUsersFile(db: Db, tenantId: string): Promise<boolean> {
  return (await db('csv_files').where({ tenant_id: tenantId, kind: 'users' }).first('tenant_id')) !== undefined;
}
