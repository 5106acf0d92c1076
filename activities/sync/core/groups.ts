// Platform groups from the directory (docs/PRODUCT.md "Groups"). Each group has a stable externalId:
//   - a group derived from a value is `<source>:<normalised value>` (`department:sales`,
//     `location:sydney`, `groups:platform team` for teams without ids), so a renamed department is a
//     new group plus a removal, while a change of case or spacing only renames the same group;
//   - a source group with its own id (CSV groups) is `group-id:<id>`, so a new name renames it.
// A group exists while someone in scope has its value. A managed group no longer derived from the
// directory is emptied and left in place, or deleted when the tenant asks for that. Only accounts
// Roster manages ever join or leave a group; an incremental read never removes a group, and only
// moves the people it read.
import type { Employee, PlatformGroup } from '../../../common/directory';
import { sameText } from './normalise';
import type { GroupLink, GroupMember, GroupPlanItem, PlanConfig, ReadMode } from './types';

export interface GroupPerson {
  employee: Employee;
  /** Set when the person has, or gets in this run, an account whose memberships Roster sets. */
  member?: GroupMember;
}

export interface GroupPlanInput {
  settings: NonNullable<PlanConfig['groups']>;
  readMode: ReadMode;
  /** Everyone in scope; a skipped person still keeps their groups in existence. */
  people: Iterable<GroupPerson>;
  /** Whether Roster decides this account's memberships in this run (managed, not left as it is, read). */
  governed(accountId: string): boolean;
  groups: readonly PlatformGroup[];
  groupLinks: readonly GroupLink[];
}

interface DesiredGroup {
  externalId: string;
  /** Every spelling seen, first seen first: an existing group keeps its name while one still matches. */
  spellings: Set<string>;
  /** Members with an account: account id → hrisId. */
  accounts: Map<string, string>;
  /** Members whose account this run creates, by hrisId. */
  created: string[];
}

type Source = NonNullable<PlanConfig['groups']>['from'];

export function planGroups(input: GroupPlanInput): GroupPlanItem[] {
  const desired = desiredGroups(input.people, input.settings.from);
  const groupsById = new Map(input.groups.map((group) => [group.id, group]));
  const managed = new Map<string, PlatformGroup>();
  for (const { externalId, groupId } of input.groupLinks) {
    const group = groupsById.get(groupId);
    if (group && !managed.has(externalId)) managed.set(externalId, group);
  }
  const managedIds = new Set([...managed.values()].map((group) => group.id));
  // A group carrying one of Roster's external ids but no link was created just before a crash.
  const unlinked = new Map(input.groups.flatMap((group) => (group.externalId !== undefined && !managedIds.has(group.id) ? [[group.externalId, group] as const] : [])));
  const governedMembers = (group: PlatformGroup, keep: ReadonlyMap<string, string>) => group.members.filter((id) => input.governed(id) && !keep.has(id));

  const items: GroupPlanItem[] = [];
  for (const want of desired.values()) {
    const linked = managed.get(want.externalId);
    const group = linked ?? unlinked.get(want.externalId);
    const [firstSpelling = want.externalId] = want.spellings;
    if (!group) {
      items.push({ action: 'create', externalId: want.externalId, displayName: firstSpelling, add: joining(want, new Set()), remove: [], link: 'new' });
      continue;
    }
    const displayName = want.spellings.has(group.displayName) ? group.displayName : firstSpelling;
    const add = joining(want, new Set(group.members));
    const remove = governedMembers(group, want.accounts);
    const rename = sameText(group.displayName, displayName) ? undefined : { from: group.displayName, to: displayName };
    if (add.length === 0 && remove.length === 0 && !rename && linked) continue;
    const item: GroupPlanItem = { action: 'update', externalId: want.externalId, groupId: group.id, displayName, add, remove };
    if (rename) item.rename = rename;
    if (!linked) item.link = 'external_id';
    items.push(item);
  }

  const nobody = new Map<string, string>();
  for (const [externalId, group] of managed) {
    if (desired.has(externalId)) continue;
    const remove = governedMembers(group, nobody);
    const base = { externalId, groupId: group.id, displayName: group.displayName, add: [] };
    // An incremental read cannot tell a removed group from one whose people did not change.
    if (input.readMode === 'incremental') {
      if (remove.length > 0) items.push({ ...base, action: 'update', remove });
    } else if (input.settings.deleteRemoved) items.push({ ...base, action: 'delete', remove: [] });
    else if (remove.length > 0) items.push({ ...base, action: 'empty', remove });
  }
  return items;
}

/** The members to add: accounts not yet in the group, then the accounts this run creates. */
function joining(want: DesiredGroup, current: ReadonlySet<string>): GroupMember[] {
  const add: GroupMember[] = [];
  for (const [accountId, hrisId] of want.accounts) if (!current.has(accountId)) add.push({ hrisId, accountId });
  for (const hrisId of want.created) add.push({ hrisId });
  return add;
}

function desiredGroups(people: Iterable<GroupPerson>, from: Source): Map<string, DesiredGroup> {
  const desired = new Map<string, DesiredGroup>();
  const externalIdOf = externalIds(from);
  const join = (name: string, id: string | undefined, member: GroupMember | undefined) => {
    const externalId = externalIdOf(name, id);
    let group = desired.get(externalId);
    if (!group) desired.set(externalId, (group = { externalId, spellings: new Set(), accounts: new Map(), created: [] }));
    group.spellings.add(name);
    if (!member) return;
    if (member.accountId !== undefined) group.accounts.set(member.accountId, member.hrisId);
    // Someone listing a group twice joins it once: they would be its last new member.
    else if (group.created.at(-1) !== member.hrisId) group.created.push(member.hrisId);
  };
  for (const { employee, member } of people) {
    if (from !== 'groups') {
      const value = employee[from];
      if (value !== undefined) join(value, undefined, member);
    } else for (const { id, name } of employee.groups ?? []) join(name, id, member);
  }
  return desired;
}

/** The external id of a group, remembering each value's normal form: departments repeat a lot. */
function externalIds(from: Source): (name: string, id: string | undefined) => string {
  const known = new Map<string, string>();
  return (name, id) => {
    if (id !== undefined) return `group-id:${id}`;
    let externalId = known.get(name);
    if (externalId === undefined) known.set(name, (externalId = `${from}:${normaliseValue(name)}`));
    return externalId;
  };
}

/** Trimmed, lower-cased, inner spaces collapsed: "Sales  EMEA " and "sales emea" are one group. */
function normaliseValue(value: string): string {
  return value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}
