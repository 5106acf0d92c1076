// One entry point for an uploaded file of any kind: bytes in, the rows Roster keeps and the rows
// it could not use out, or CsvFileRefused for a file refused whole.
import { parseGroupMappings, parseGroups } from './groups';
import { decodeUtf8, fileNameOf, type CsvFileKind } from './records';
import type { GroupRow, MappingRow, ParsedFile, UserRow } from './types';
import { parseUsers, type IdentityKeyField } from './users';

export { CsvFileRefused, csvFileKinds, fileNameOf, type CsvFileKind } from './records';
export type { CsvRowError, GroupRow, MappingRow, ParsedFile, UserRow } from './types';
export type { IdentityKeyField } from './users';

export interface RowsOf {
  users: UserRow;
  groups: GroupRow;
  'group-mappings': MappingRow;
}

export interface ParseOptions {
  /** The tenant's identity key, when it has a config: users.csv must have its column. */
  identityKey?: IdentityKeyField;
}

export function parseCsvFile<K extends CsvFileKind>(kind: K, bytes: Uint8Array, options: ParseOptions = {}): ParsedFile<RowsOf[K]> {
  const text = decodeUtf8(bytes, fileNameOf(kind));
  const parsed = kind === 'users' ? parseUsers(text, options) : kind === 'groups' ? parseGroups(text) : parseGroupMappings(text);
  return parsed as ParsedFile<RowsOf[K]>;
}
