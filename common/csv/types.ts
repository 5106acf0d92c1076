// What a parsed CSV file keeps: its rows with their lines, and the rows it could not use.
import type { Employee, EmployeeStatus } from '../directory';

export type CsvRowErrorCode = 'unknown_group' | 'unknown_subgroup' | 'unknown_user' | 'duplicate_id' | 'bad_email' | 'bad_row';

/** A row that fails alone. Messages name columns, ids and lines, never other values of the row. */
export interface CsvRowError {
  file: string;
  line: number;
  /** The person the row is about, when it names one. */
  hrisId?: string;
  code: CsvRowErrorCode;
  message: string;
}

export interface ParsedFile<T> {
  /** Data records read (blank lines aside), whether or not each was usable. */
  records: number;
  /** The fields the header has columns for. */
  columns: string[];
  rows: T[];
  errors: CsvRowError[];
}

/** A person as users.csv gives them: the status as recorded; the day of the read decides the rest. */
export interface UserRow {
  line: number;
  person: Omit<Employee, 'status' | 'groups'>;
  status?: EmployeeStatus;
}

export interface GroupRow {
  line: number;
  id: string;
  name: string;
}

export type MappingRow = { line: number; groupId: string } & ({ subgroupId: string } | { userId: string; isManager: boolean; isMember: boolean });

/** Ids become platform external ids and keys of Roster's own tables, which hold 255 characters. */
export const MAX_ID_LENGTH = 200;
