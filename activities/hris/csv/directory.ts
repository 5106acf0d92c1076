// The latest accepted CSV files as one directory. The hierarchy is flattened: a member of a
// sub-group is a member of every group above it, since SCIM platforms rarely nest groups. A
// manager row makes the person a manager of the group, not a member; what they manage is kept as
// custom.managerOfGroups for mappings. A mapping whose group, sub-group or person the other files
// do not have, or that would make a group its own sub-group, fails alone.
import type { CsvRowError, GroupRow, MappingRow, ParsedFile, UserRow } from '../../../common/csv/files';
import type { Employee } from '../../../common/directory';
import { employmentStatus } from '../employment-status';

export interface CsvSet {
  users?: ParsedFile<UserRow>;
  groups?: ParsedFile<GroupRow>;
  mappings?: ParsedFile<MappingRow>;
}

export interface GroupStructure {
  /** Group id → the groups it is a direct sub-group of. */
  parents: Map<string, string[]>;
  /** Person → the groups they are a direct member of. */
  memberOf: Map<string, string[]>;
  /** Group id → its managers. */
  managers: Map<string, string[]>;
  errors: CsvRowError[];
}

const MAPPINGS = 'group-mappings.csv';
const add = (map: Map<string, string[]>, key: string, value: string) => {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
};

/** The mappings the other files back. A set of known ids left out is not checked (its file is not uploaded yet). */
export function linkMappings(rows: readonly MappingRow[], known: { groups?: ReadonlySet<string>; users?: ReadonlySet<string> }): GroupStructure {
  const structure: GroupStructure = { parents: new Map(), memberOf: new Map(), managers: new Map(), errors: [] };
  const unknown = (ids: ReadonlySet<string> | undefined, id: string) => ids !== undefined && !ids.has(id);
  for (const row of rows) {
    const hrisId = 'userId' in row ? row.userId : undefined;
    const fail = (code: CsvRowError['code'], message: string) => structure.errors.push({ file: MAPPINGS, line: row.line, ...(hrisId !== undefined && { hrisId }), code, message });
    if (unknown(known.groups, row.groupId)) fail('unknown_group', `groups.csv has no group '${row.groupId}': the row is skipped.`);
    else if ('subgroupId' in row) {
      if (unknown(known.groups, row.subgroupId)) fail('unknown_subgroup', `groups.csv has no group '${row.subgroupId}' to be a sub-group: the row is skipped.`);
      else if (isAncestor(structure.parents, row.subgroupId, row.groupId)) fail('bad_row', `Making '${row.subgroupId}' a sub-group of '${row.groupId}' would make a group its own sub-group: the row is skipped.`);
      else add(structure.parents, row.subgroupId, row.groupId);
    } else if (unknown(known.users, row.userId)) fail('unknown_user', `users.csv has no person '${row.userId}': the row is skipped.`);
    else {
      if (row.isMember) add(structure.memberOf, row.userId, row.groupId);
      if (row.isManager) add(structure.managers, row.groupId, row.userId);
    }
  }
  return structure;
}

/** Whether `ancestor` is `group` itself or above it. */
function isAncestor(parents: ReadonlyMap<string, string[]>, ancestor: string, group: string): boolean {
  return [...groupAndAncestors(parents, group)].includes(ancestor);
}

function groupAndAncestors(parents: ReadonlyMap<string, string[]>, group: string): Set<string> {
  const seen = new Set([group]);
  for (const id of seen) for (const parent of parents.get(id) ?? []) seen.add(parent);
  return seen;
}

/**
 * A person's manager from the groups, for a users.csv without a manager column: the one manager
 * of the groups they are a member of, else of the groups above those, level by level; none when a
 * level has several (Roster does not guess).
 */
function groupManagerOf(hrisId: string, structure: GroupStructure): string | undefined {
  let level = structure.memberOf.get(hrisId) ?? [];
  const seen = new Set(level);
  while (level.length > 0) {
    const candidates = new Set(level.flatMap((group) => structure.managers.get(group) ?? []).filter((manager) => manager !== hrisId));
    if (candidates.size > 0) return candidates.size === 1 ? [...candidates][0] : undefined;
    level = level.flatMap((group) => structure.parents.get(group) ?? []).filter((group) => !seen.has(group) && seen.add(group));
  }
  return undefined;
}

/** The people of the set as of `today`, and every row the set could not use. */
export function resolveDirectory(set: CsvSet & Required<Pick<CsvSet, 'users'>>, today: string): { employees: Employee[]; rowErrors: CsvRowError[] } {
  const groups = set.groups?.rows ?? [];
  const groupById = new Map(groups.map((group, position) => [group.id, { ...group, position }]));
  const structure = linkMappings(set.mappings?.rows ?? [], { groups: new Set(groupById.keys()), users: new Set(set.users.rows.map((row) => row.person.hrisId)) });
  const inFileOrder = (ids: Iterable<string>) => [...ids].map((id) => groupById.get(id)!).sort((a, b) => a.position - b.position);
  const managedBy = new Map<string, string[]>();
  for (const [group, managers] of structure.managers) for (const manager of managers) add(managedBy, manager, group);
  const managerColumn = set.users.columns.includes('managerHrisId') || set.users.columns.includes('managerEmail');

  const employees = set.users.rows.map(({ person, status }): Employee => {
    const employee: Employee = { ...person, status: employmentStatus(status ?? 'active', person, today) };
    const direct = structure.memberOf.get(person.hrisId) ?? [];
    const all = new Set(direct.flatMap((group) => [...groupAndAncestors(structure.parents, group)]));
    if (all.size > 0) employee.groups = inFileOrder(all).map(({ id, name }) => ({ id, name }));
    const managed = managedBy.get(person.hrisId);
    if (managed) employee.custom = { ...person.custom, managerOfGroups: inFileOrder(managed).map((group) => group.name).join('; ') };
    const manager = managerColumn ? undefined : groupManagerOf(person.hrisId, structure);
    if (manager !== undefined) employee.managerHrisId = manager;
    return employee;
  });
  const rowErrors = [...set.users.errors, ...(set.groups?.errors ?? []), ...[...(set.mappings?.errors ?? []), ...structure.errors].sort((a, b) => a.line - b.line)];
  return { employees, rowErrors };
}
