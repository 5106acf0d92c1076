// users.csv: one person per row (docs/CONNECTORS.md "CSV files"). Columns, compared ignoring case,
// spaces, `_` and `-`: `id` (required: the person's HRIS id, so an e-mail change is a rename),
// `email`, `personalEmail`, `firstName`, `lastName`, `preferredName`, `displayName`,
// `employeeCode`, `status`, `startDate`, `endDate`, `managerId`, `managerEmail`, `position` (or
// `title`), `department`, `division`, `location`, `employmentBasis`, `tags` (`;`-separated); any
// other column is kept as `custom.<column>` for mappings.
import { z } from 'zod';
import type { EmployeeStatus } from '../directory';
import { STATUSES } from '../tenant-config/fields';
import { columnsOf, headerKey, requireColumn, valueOf, type Columns } from './columns';
import { readTable, type CsvRecord } from './records';
import { MAX_ID_LENGTH, type CsvRowError, type ParsedFile, type UserRow } from './types';

const FILE = 'users.csv';

const TEXT_FIELDS = ['employeeCode', 'firstName', 'lastName', 'preferredName', 'displayName', 'position', 'department', 'division', 'location', 'employmentBasis', 'managerHrisId'] as const;
const EMAIL_FIELDS = ['workEmail', 'personalEmail', 'managerEmail'] as const;
const DATE_FIELDS = ['startDate', 'endDate'] as const;
type UserField = 'hrisId' | 'status' | 'tags' | (typeof TEXT_FIELDS)[number] | (typeof EMAIL_FIELDS)[number] | (typeof DATE_FIELDS)[number];

const USER_COLUMNS: Record<string, UserField> = {
  ...Object.fromEntries([...TEXT_FIELDS, ...EMAIL_FIELDS, ...DATE_FIELDS, 'hrisId', 'status', 'tags'].map((field) => [headerKey(field), field as UserField])),
  id: 'hrisId',
  email: 'workEmail',
  managerid: 'managerHrisId',
  employeenumber: 'employeeCode',
  title: 'position',
  jobtitle: 'position',
};

/** The column a tenant's identity key is read from, as the file names it. */
const IDENTITY_COLUMNS = { workEmail: 'email', employeeCode: 'employeeCode', hrisId: 'id' } as const;
export type IdentityKeyField = keyof typeof IDENTITY_COLUMNS;

const emailAddress = z.email();

type Problem = Pick<CsvRowError, 'code' | 'message'>;

export function parseUsers(text: string, options: { identityKey?: IdentityKeyField } = {}): ParsedFile<UserRow> {
  const table = readTable(text, FILE);
  const columns = columnsOf(table.header, USER_COLUMNS, FILE);
  requireColumn(columns, 'hrisId', 'id', FILE, "it holds each person's id in the HR system, which never changes");
  const { identityKey } = options;
  if (identityKey) requireColumn(columns, identityKey, IDENTITY_COLUMNS[identityKey], FILE, `the tenant's identity key (${identityKey}) is read from it`);
  const custom = customColumns(columns.others);

  const rows: UserRow[] = [];
  const errors: CsvRowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of table.records) {
    const id = valueOf(columns, record, 'hrisId');
    const report = (problem: Problem) => errors.push({ file: FILE, line: record.line, ...(id !== undefined && { hrisId: id }), ...problem });
    if (id === undefined) report({ code: 'bad_row', message: 'The row has no id: it is skipped.' });
    else if (id.length > MAX_ID_LENGTH) report({ code: 'bad_row', message: `The id is longer than ${MAX_ID_LENGTH} characters: the row is skipped.` });
    else if (firstLineOf.has(id)) report({ code: 'duplicate_id', message: `The id '${id}' is already on line ${firstLineOf.get(id)}: this row is skipped.` });
    else {
      firstLineOf.set(id, record.line);
      const problems: Problem[] = [];
      rows.push(userOf(record, id, columns, custom, problems));
      problems.forEach(report);
    }
  }
  return { records: table.records.length, columns: [...columns.at.keys(), ...custom.map(({ key }) => `custom.${key}`)], rows, errors };
}

function userOf(record: CsvRecord, hrisId: string, columns: Columns<UserField>, custom: { index: number; key: string }[], problems: Problem[]): UserRow {
  const person: UserRow['person'] = { hrisId };
  const row: UserRow = { line: record.line, person };
  const value = (field: UserField) => valueOf(columns, record, field);
  for (const field of TEXT_FIELDS) person[field] = value(field);
  // A mistyped address is dropped, never the person: leaving them out would deactivate them.
  for (const field of EMAIL_FIELDS) {
    const address = value(field);
    if (address === undefined || emailAddress.safeParse(address).success) person[field] = address;
    else problems.push({ code: 'bad_email', message: `${field} is not an e-mail address: the person is kept without it.` });
  }
  for (const field of DATE_FIELDS) {
    const date = value(field);
    const day = date === undefined ? undefined : dateOf(date);
    if (date !== undefined && day === undefined) problems.push({ code: 'bad_row', message: `${field} is not a date (YYYY-MM-DD): the person is kept without it.` });
    person[field] = day;
  }
  const status = value('status');
  if (status !== undefined) {
    const known = STATUSES.find((name) => name === status.toLowerCase());
    // Read as no status (active unless the dates say otherwise): a typo never deactivates anyone.
    if (known) row.status = known as EmployeeStatus;
    else problems.push({ code: 'bad_row', message: `status is not one of ${STATUSES.join(', ')}: it is read as empty.` });
  }
  const tags = value('tags')?.split(';').flatMap((tag) => tag.trim() || []);
  if (tags?.length) person.tags = tags;
  const extra = Object.fromEntries(custom.flatMap(({ index, key }) => (record.values[index] === undefined ? [] : [[key, record.values[index]!]])));
  if (Object.keys(extra).length > 0) person.custom = extra;
  return row;
}

/** YYYY-MM-DD, or the date of a timestamp; undefined when it is not a real day. */
function dateOf(text: string): string | undefined {
  const day = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text)?.[1];
  if (day === undefined) return undefined;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : undefined;
}

/**
 * The key of each other column in `custom.<key>`: what a config's field names allow (letters,
 * digits, `_`, `-`), lower-cased, accents dropped, anything else `_`: "Cost Centre" is
 * custom.cost_centre. A header with nothing usable is named by its position (`column_7`).
 */
function customColumns(others: Columns<UserField>['others']): { index: number; key: string }[] {
  const seen = new Set<string>();
  return others.map(({ index, name }) => {
    const plain = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    // `(?<!_)` tries trailing underscores only where a run starts: a bare `_+$` rescans the run
    // from each of its underscores, and a header of 50,000 of them then blocks the API for seconds.
    const key = plain.replace(/[^a-z0-9_-]+/g, '_').replace(/^[-_]+|(?<!_)_+$/g, '') || `column_${index + 1}`;
    const unique = seen.has(key) ? `${key}_${index + 1}` : key;
    seen.add(unique);
    return { index, key: unique };
  });
}
