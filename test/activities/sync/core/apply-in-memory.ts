// Applies a plan to an in-memory platform the way the apply step must: creates, PATCHes of exactly
// the changed fields, the links each item asks for, the manager second pass, then groups. Tests
// use it to reach a synced state and to check that planning again changes nothing.
import type { AccountChanges, PlatformAccount } from '../../../../common/directory';
import { patchOf, plan, type Plan, type PlanInput } from '../../../../activities/sync/core';
import type { PlatformState } from './builders';

export function applyInMemory(state: Pick<PlanInput, keyof PlatformState>, planned: Plan): PlatformState {
  const accounts = new Map(state.accounts.map((account) => [account.id, structuredClone(account)]));
  const links = new Map(state.links.map((link) => [link.hrisId, link.accountId]));
  let nextId = accounts.size;
  const newId = (prefix: string) => `${prefix}-${(nextId += 1)}`;

  for (const item of planned.items) {
    if (item.action === 'create' && item.fields) {
      const id = newId('acc');
      accounts.set(id, { ...structuredClone(item.fields), id });
      links.set(item.hrisId, id);
      continue;
    }
    if (item.accountId === undefined || item.action === 'skip' || item.action === 'exclude') continue;
    const account = accounts.get(item.accountId) as PlatformAccount;
    if (item.changes) patch(account, patchOf(item.changes));
    if (item.relinkedFrom !== undefined) links.delete(item.relinkedFrom);
    if (item.link) links.set(item.hrisId, item.accountId);
  }
  // Second pass: managers created in this run now have ids.
  for (const item of planned.items) {
    if (item.managerHrisId === undefined) continue;
    const account = accounts.get(links.get(item.hrisId) as string) as PlatformAccount;
    account.attributes.manager = links.get(item.managerHrisId) as string;
  }

  const groups = new Map(state.groups.map((group) => [group.id, structuredClone(group)]));
  const groupLinks = new Map(state.groupLinks.map((link) => [link.externalId, link.groupId]));
  for (const item of planned.groups) {
    const added = item.add.map((member) => member.accountId ?? (links.get(member.hrisId) as string));
    if (item.action === 'create') {
      const id = newId('grp');
      groups.set(id, { id, externalId: item.externalId, displayName: item.displayName, members: added });
      groupLinks.set(item.externalId, id);
      continue;
    }
    const group = groups.get(item.groupId as string);
    if (!group) throw new Error(`no group ${item.groupId}`);
    if (item.action === 'delete') {
      groups.delete(group.id);
      groupLinks.delete(item.externalId);
      continue;
    }
    if (item.link === 'adopt') group.externalId = item.externalId;
    if (item.rename?.to) group.displayName = item.rename.to;
    group.members = [...group.members.filter((id) => !item.remove.includes(id)), ...added];
    if (item.link) groupLinks.set(item.externalId, group.id);
  }

  return {
    accounts: [...accounts.values()],
    links: [...links].map(([hrisId, accountId]) => ({ hrisId, accountId })),
    groups: [...groups.values()],
    groupLinks: [...groupLinks].map(([externalId, groupId]) => ({ externalId, groupId })),
  };
}

/** Plans from `input` and applies the plan: the platform as a run would leave it. */
export function synced(input: PlanInput): PlatformState {
  return applyInMemory(input, plan(input));
}

function patch(account: PlatformAccount, changes: AccountChanges) {
  const { attributes, active, ...text } = changes;
  for (const [field, value] of Object.entries(text) as [keyof typeof text, string | null][]) {
    if (value === null) delete account[field as Exclude<keyof typeof text, 'userName' | 'externalId'>];
    else account[field] = value;
  }
  if (active !== undefined) account.active = active;
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null) delete account.attributes[name];
    else account.attributes[name] = value;
  }
}
