// One tenant's users and groups on the fake platform, kept as SCIM JSON. userName is unique
// case-insensitively (RFC 7643), and indexed so lookups stay cheap at 100,000 users.
import { randomUUID } from 'node:crypto';
import SCIMMY from 'scimmy';

export interface ScimRecord {
  id: string;
  meta?: { created?: string; lastModified?: string };
  [attribute: string]: unknown;
}

export interface DirectorySnapshot {
  users: ScimRecord[];
  groups: ScimRecord[];
}

export interface TenantDirectory {
  user(id: string): ScimRecord | undefined;
  userByName(userName: string): ScimRecord | undefined;
  usersByExternalId(externalId: string): ScimRecord[];
  /** In creation order, so that paging is stable. */
  users(): readonly ScimRecord[];
  /** Creates when `id` is absent, else replaces the whole record. */
  saveUser(data: Record<string, unknown>, id?: string): ScimRecord;
  group(id: string): ScimRecord | undefined;
  groups(): ScimRecord[];
  saveGroup(data: Record<string, unknown>, id?: string): ScimRecord;
  deleteGroup(id: string): void;
  snapshot(): DirectorySnapshot;
}

const notFound = (id: string) => new SCIMMY.Types.Error(404, '', `Resource ${id} not found`);
const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);

export function createTenantDirectory(initial: DirectorySnapshot = { users: [], groups: [] }, onChange: () => void = () => {}): TenantDirectory {
  const users: ScimRecord[] = [];
  const positions = new Map<string, number>();
  const byUserName = new Map<string, string>();
  const byExternalId = new Map<string, Set<string>>();
  const groups = new Map<string, ScimRecord>(initial.groups.map((group) => [group.id, group]));

  const index = (record: ScimRecord, add: boolean) => {
    const name = lower(record.userName);
    if (name !== undefined) {
      if (add) byUserName.set(name, record.id);
      else byUserName.delete(name);
    }
    if (typeof record.externalId !== 'string') return;
    const ids = byExternalId.get(record.externalId) ?? new Set<string>();
    if (add) ids.add(record.id);
    else ids.delete(record.id);
    byExternalId.set(record.externalId, ids);
  };
  const store = (record: ScimRecord) => {
    const position = positions.get(record.id);
    if (position === undefined) {
      positions.set(record.id, users.length);
      users.push(record);
    } else {
      index(users[position]!, false);
      users[position] = record;
    }
    index(record, true);
  };
  for (const record of initial.users) store(record);

  const stamped = (data: Record<string, unknown>, id: string | undefined, previous: ScimRecord | undefined): ScimRecord => {
    const now = new Date().toISOString();
    return { ...data, id: id ?? randomUUID(), meta: { created: previous?.meta?.created ?? now, lastModified: now } };
  };

  const user = (id: string) => {
    const position = positions.get(id);
    return position === undefined ? undefined : users[position];
  };

  return {
    user,
    userByName: (userName) => {
      const id = byUserName.get(userName.toLowerCase());
      return id === undefined ? undefined : user(id);
    },
    usersByExternalId: (externalId) => [...(byExternalId.get(externalId) ?? [])].map((id) => user(id)!),
    users: () => users,
    saveUser(data, id) {
      const previous = id === undefined ? undefined : user(id);
      if (id !== undefined && !previous) throw notFound(id);
      const name = lower(data.userName);
      const holder = name === undefined ? undefined : byUserName.get(name);
      if (holder !== undefined && holder !== id) throw new SCIMMY.Types.Error(409, 'uniqueness', 'userName is already taken');
      const record = stamped(data, id, previous);
      store(record);
      onChange();
      return record;
    },
    group: (id) => groups.get(id),
    groups: () => [...groups.values()],
    saveGroup(data, id) {
      const previous = id === undefined ? undefined : groups.get(id);
      if (id !== undefined && !previous) throw notFound(id);
      // Real platforms refuse members that are not accounts, and hold each member once.
      const members = [...new Map(((data.members ?? []) as { value?: string }[]).map((member) => [member.value, member])).values()];
      if (members.some((member) => !member.value || !positions.has(member.value))) throw new SCIMMY.Types.Error(400, 'invalidValue', 'A member is not a user of this platform');
      const record = stamped({ ...data, members }, id, previous);
      groups.set(record.id, record);
      onChange();
      return record;
    },
    deleteGroup(id) {
      if (!groups.delete(id)) throw notFound(id);
      onChange();
    },
    snapshot: () => ({ users: [...users], groups: [...groups.values()] }),
  };
}
