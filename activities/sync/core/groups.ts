// Platform groups from the directory (docs/PRODUCT.md "Groups"), one dimension at a time: each
// source of config.groups owns the external ids it makes, and only those.
//   - a group derived from a value is `<source>:<normalised value>` (`department:sales`,
//     `tags:first aider`, `custom.community:north`), so a renamed department is a new group plus
//     a removal, while a change of case or spacing only renames the same group;
//   - a source group with its own id (CSV groups) is `group-id:<id>`, so a new name renames it.
// A group exists while someone in scope has its value; its name is the source's prefix and the
// value. A managed group no longer derived from the directory is emptied and left in place, or
// deleted when its source asks for that. Only accounts Roster manages ever join or leave a group;
// an incremental read never removes a group, and only moves the people it read. At the initial load
// a platform group without an external id may be taken over by name, once: from then on only ids count.
import type { Employee, PlatformGroup } from '../../../common/directory';
import type { GroupSource } from '../../../common/tenant-config';
import { fieldValues } from './employee-fields';
import { sameText } from './normalise';
import type { GroupLink, GroupMember, GroupPlanItem, ReadMode } from './types';

export interface GroupPerson {
  employee: Employee;
  /** Set when the person has, or gets in this run, an account whose memberships Roster sets. */
  member?: GroupMember;
}

export interface GroupPlanInput {
  sources: readonly GroupSource[];
  readMode: ReadMode;
  /** Everyone in scope; a skipped person still keeps their groups in existence. */
  people: Iterable<GroupPerson>;
  /** Whether Roster decides this account's memberships in this run (managed, not left as it is, read). */
  governed(accountId: string): boolean;
  groups: readonly PlatformGroup[];
  groupLinks: readonly GroupLink[];
  /** The initial load of a tenant that adopts existing groups: an unmanaged group of the same name is taken over. */
  adoptByName: boolean;
}

interface DesiredGroup {
  externalId: string;
  /** Every name seen (prefix included), first seen first: an existing group keeps its name while one still matches. */
  names: Set<string>;
  /** Members with an account: account id → hrisId. */
  accounts: Map<string, string>;
  /** Members whose account this run creates, by hrisId. */
  created: string[];
}

/** The platform's groups as planning looks them up. */
interface GroupIndex {
  /** Linked groups by external id. */
  managed: Map<string, PlatformGroup>;
  /** Groups carrying an external id but no link: created just before a crash, or stamped by an adoption. */
  unlinked: Map<string, PlatformGroup>;
  /** Groups without an external id, by normalised name: what an adoption may take over, each once. */
  unstamped: Map<string, PlatformGroup[]>;
  adopted: Set<string>;
}

export function planGroups(input: GroupPlanInput): GroupPlanItem[] {
  const index = indexGroups(input);
  const people = [...input.people];
  return input.sources.flatMap((source) => planSource(source, people, index, input));
}

function planSource(source: GroupSource, people: readonly GroupPerson[], index: GroupIndex, input: GroupPlanInput): GroupPlanItem[] {
  const desired = desiredGroups(people, source);
  const governedMembers = (group: PlatformGroup, keep: ReadonlyMap<string, string>) => group.members.filter((id) => input.governed(id) && !keep.has(id));

  const items: GroupPlanItem[] = [];
  for (const want of desired.values()) {
    const linked = index.managed.get(want.externalId);
    const stamped = linked ?? index.unlinked.get(want.externalId);
    const adopted = stamped || !input.adoptByName ? undefined : adoptable(index, want);
    const group = stamped ?? adopted;
    const [firstName = want.externalId] = want.names;
    if (!group) {
      items.push({ action: 'create', externalId: want.externalId, displayName: firstName, add: joining(want, new Set()), remove: [], link: 'new' });
      continue;
    }
    const displayName = want.names.has(group.displayName) ? group.displayName : firstName;
    const add = joining(want, new Set(group.members));
    const remove = governedMembers(group, want.accounts);
    const rename = sameText(group.displayName, displayName) ? undefined : { from: group.displayName, to: displayName };
    if (add.length === 0 && remove.length === 0 && !rename && linked) continue;
    const item: GroupPlanItem = { action: 'update', externalId: want.externalId, groupId: group.id, displayName, add, remove };
    if (rename) item.rename = rename;
    if (adopted) item.link = 'adopt';
    else if (!linked) item.link = 'external_id';
    items.push(item);
  }

  const nobody = new Map<string, string>();
  for (const [externalId, group] of index.managed) {
    if (desired.has(externalId) || !owns(source, externalId)) continue;
    const remove = governedMembers(group, nobody);
    const base = { externalId, groupId: group.id, displayName: group.displayName, add: [] };
    // An incremental read cannot tell a removed group from one whose people did not change.
    if (input.readMode === 'incremental') {
      if (remove.length > 0) items.push({ ...base, action: 'update', remove });
    } else if (source.deleteRemoved) items.push({ ...base, action: 'delete', remove: [] });
    else if (remove.length > 0) items.push({ ...base, action: 'empty', remove });
  }
  return items;
}

function indexGroups({ groups, groupLinks }: GroupPlanInput): GroupIndex {
  const groupsById = new Map(groups.map((group) => [group.id, group]));
  const managed = new Map<string, PlatformGroup>();
  for (const { externalId, groupId } of groupLinks) {
    const group = groupsById.get(groupId);
    if (group && !managed.has(externalId)) managed.set(externalId, group);
  }
  const managedIds = new Set([...managed.values()].map((group) => group.id));
  const unlinked = new Map<string, PlatformGroup>();
  const unstamped = new Map<string, PlatformGroup[]>();
  for (const group of groups) {
    if (managedIds.has(group.id)) continue;
    if (group.externalId !== undefined) unlinked.set(group.externalId, group);
    else {
      const name = normaliseValue(group.displayName);
      unstamped.set(name, [...(unstamped.get(name) ?? []), group]);
    }
  }
  return { managed, unlinked, unstamped, adopted: new Set() };
}

/** The one unmanaged group named like the wanted group; two of that name are ambiguous, so neither is taken. */
function adoptable(index: GroupIndex, want: DesiredGroup): PlatformGroup | undefined {
  for (const name of want.names) {
    const namesakes = (index.unstamped.get(normaliseValue(name)) ?? []).filter((group) => !index.adopted.has(group.id));
    if (namesakes.length !== 1) continue;
    index.adopted.add(namesakes[0]!.id);
    return namesakes[0];
  }
  return undefined;
}

/** Whether an external id is one this source makes. */
function owns(source: GroupSource, externalId: string): boolean {
  return externalId.startsWith(`${source.from}:`) || (source.from === 'groups' && externalId.startsWith(`${GROUP_ID}:`));
}

const GROUP_ID = 'group-id';

/** The members to add: accounts not yet in the group, then the accounts this run creates. */
function joining(want: DesiredGroup, current: ReadonlySet<string>): GroupMember[] {
  const add: GroupMember[] = [];
  for (const [accountId, hrisId] of want.accounts) if (!current.has(accountId)) add.push({ hrisId, accountId });
  for (const hrisId of want.created) add.push({ hrisId });
  return add;
}

function desiredGroups(people: readonly GroupPerson[], source: GroupSource): Map<string, DesiredGroup> {
  const desired = new Map<string, DesiredGroup>();
  const externalIdOf = externalIds(source.from);
  const join = (name: string, id: string | undefined, member: GroupMember | undefined) => {
    const externalId = externalIdOf(name, id);
    let group = desired.get(externalId);
    if (!group) desired.set(externalId, (group = { externalId, names: new Set(), accounts: new Map(), created: [] }));
    group.names.add(source.prefix + name);
    if (!member) return;
    if (member.accountId !== undefined) group.accounts.set(member.accountId, member.hrisId);
    // Someone listing a group twice joins it once: they would be its last new member.
    else if (group.created.at(-1) !== member.hrisId) group.created.push(member.hrisId);
  };
  for (const { employee, member } of people) {
    if (source.from === 'groups') for (const { id, name } of employee.groups ?? []) join(name, id, member);
    else for (const value of fieldValues(employee, source.from)) join(value, undefined, member);
  }
  return desired;
}

/** The external id of a group, remembering each value's normal form: departments repeat a lot. */
function externalIds(from: string): (name: string, id: string | undefined) => string {
  const known = new Map<string, string>();
  return (name, id) => {
    if (id !== undefined) return `${GROUP_ID}:${id}`;
    let externalId = known.get(name);
    if (externalId === undefined) known.set(name, (externalId = `${from}:${normaliseValue(name)}`));
    return externalId;
  };
}

/** Trimmed, lower-cased, inner spaces collapsed: "Sales  EMEA " and "sales emea" are one group. */
function normaliseValue(value: string): string {
  return value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}
