// groups.csv (`id`, `name`: ids are stable, so a new name renames the group) and
// group-mappings.csv (`groupId` with either `subgroupId`, for the hierarchy, or `userId` with
// `isManager` / `isMember`). Whether the ids they name exist is decided against the other files.
import { columnsOf, headerKey, requireColumn, valueOf } from './columns';
import { CsvFileRefused, readTable } from './records';
import { MAX_ID_LENGTH, type CsvRowError, type GroupRow, type MappingRow, type ParsedFile } from './types';

const GROUPS = 'groups.csv';
const MAPPINGS = 'group-mappings.csv';

type GroupField = 'id' | 'name';
type MappingField = 'groupId' | 'subgroupId' | 'userId' | 'isManager' | 'isMember';
const keyed = <F extends string>(fields: readonly F[]) => Object.fromEntries(fields.map((field) => [headerKey(field), field])) as Record<string, F>;

export function parseGroups(text: string): ParsedFile<GroupRow> {
  const table = readTable(text, GROUPS);
  const columns = columnsOf(table.header, keyed<GroupField>(['id', 'name']), GROUPS);
  requireColumn(columns, 'id', 'id', GROUPS, 'it holds the id each group keeps when renamed');
  requireColumn(columns, 'name', 'name', GROUPS, 'it holds the name the platform shows');
  const rows: GroupRow[] = [];
  const errors: CsvRowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of table.records) {
    const report = (code: CsvRowError['code'], message: string) => errors.push({ file: GROUPS, line: record.line, code, message });
    const id = valueOf(columns, record, 'id');
    const idProblem = checkId(id, 'id');
    if (idProblem) report('bad_row', `${idProblem}: the group is skipped.`);
    else if (firstLineOf.has(id!)) report('duplicate_id', `The group id '${id}' is already on line ${firstLineOf.get(id!)}: this row is skipped.`);
    else {
      firstLineOf.set(id!, record.line);
      const name = valueOf(columns, record, 'name');
      // Named by its id rather than dropped, so its mappings still hold.
      if (name === undefined) report('bad_row', `The group '${id}' has no name: it is named by its id.`);
      rows.push({ line: record.line, id: id!, name: name ?? id! });
    }
  }
  return { records: table.records.length, columns: [...columns.at.keys()], rows, errors };
}

export function parseGroupMappings(text: string): ParsedFile<MappingRow> {
  const table = readTable(text, MAPPINGS);
  const columns = columnsOf(table.header, keyed<MappingField>(['groupId', 'subgroupId', 'userId', 'isManager', 'isMember']), MAPPINGS);
  requireColumn(columns, 'groupId', 'groupId', MAPPINGS, 'each row maps something to a group');
  if (!columns.at.has('subgroupId') && !columns.at.has('userId')) throw new CsvFileRefused('invalid_csv', `${MAPPINGS} has neither a subgroupId nor a userId column: each row maps a sub-group or a person to a group. Nothing of it was kept.`);
  const rows: MappingRow[] = [];
  const errors: CsvRowError[] = [];
  for (const record of table.records) {
    const value = (field: MappingField) => valueOf(columns, record, field);
    const [groupId, subgroupId, userId] = [value('groupId'), value('subgroupId'), value('userId')];
    const report = (message: string) => errors.push({ file: MAPPINGS, line: record.line, ...(userId !== undefined && { hrisId: userId }), code: 'bad_row', message });
    const isManager = flag(value('isManager'));
    const isMember = flag(value('isMember'));
    const idProblem = checkId(groupId, 'groupId') ?? (subgroupId === undefined ? undefined : checkId(subgroupId, 'subgroupId')) ?? (userId === undefined ? undefined : checkId(userId, 'userId'));
    if (idProblem) report(`${idProblem}: the row is skipped.`);
    else if ((subgroupId === undefined) === (userId === undefined)) report('The row needs either a subgroupId or a userId, not both or neither: it is skipped.');
    else if (subgroupId !== undefined) rows.push({ line: record.line, groupId: groupId!, subgroupId });
    else if (isManager === 'invalid' || isMember === 'invalid') report('isManager and isMember take true or false (also yes/no, 1/0): the row is skipped.');
    // Neither flag given: a plain member.
    else if (isManager !== true && isMember === false) report('The row makes the person neither a manager nor a member of the group: it is skipped.');
    else rows.push({ line: record.line, groupId: groupId!, userId: userId!, isManager: isManager === true, isMember: isMember ?? isManager !== true });
  }
  return { records: table.records.length, columns: [...columns.at.keys()], rows, errors };
}

function checkId(id: string | undefined, column: string): string | undefined {
  if (id === undefined) return `The row has no ${column}`;
  if (id.length > MAX_ID_LENGTH) return `${column} is longer than ${MAX_ID_LENGTH} characters`;
  return undefined;
}

function flag(value: string | undefined): boolean | 'invalid' | undefined {
  if (value === undefined) return undefined;
  const text = value.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(text)) return true;
  if (['false', 'no', 'n', '0'].includes(text)) return false;
  return 'invalid';
}
