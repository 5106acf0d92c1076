// docs/PRODUCT.md "Groups": stable external ids, renames, removed groups, and memberships of managed
// accounts only.
import { describe, expect, it } from 'vitest';
import { plan, type PlanConfig } from '../../../../activities/sync/core';
import { account, config, group, person, planInput } from './builders';
import { synced } from './apply-in-memory';

const byDepartment = (deleteRemoved = false) => config({ groups: { from: 'department', deleteRemoved } });
const byGroups: PlanConfig = config({ groups: { from: 'groups', deleteRemoved: false } });

describe('groups derived from a value', () => {
  it('creates one group per normalised value, with the members of its spellings', () => {
    const planned = plan(planInput([person('h1', 'Ann', { department: 'Sales  EMEA' }), person('h2', 'Bea', { department: 'sales emea ' }), person('h3', 'Cy')], {}, { config: byDepartment() }));
    expect(planned.groups).toEqual([{ action: 'create', externalId: 'department:sales emea', displayName: 'Sales  EMEA', add: [{ hrisId: 'h1' }, { hrisId: 'h2' }], remove: [], link: 'new' }]);
    expect(planned.planned.groupsCreated).toBe(1);
  });

  it('treats a renamed department as a new group plus a removal that empties the old one and leaves it', () => {
    const platform = synced(planInput([person('h1', 'Ann', { department: 'Sales' }), person('h2', 'Bea', { department: 'Sales' })], {}, { config: byDepartment() }));
    const old = platform.groups[0]!;
    const planned = plan(planInput([person('h1', 'Ann', { department: 'Revenue' }), person('h2', 'Bea', { department: 'Revenue' })], platform, { config: byDepartment() }));
    expect(planned.groups.map(({ action, externalId, groupId }) => ({ action, externalId, groupId }))).toEqual([
      { action: 'create', externalId: 'department:revenue', groupId: undefined },
      { action: 'empty', externalId: 'department:sales', groupId: old.id },
    ]);
    expect(planned.groups[1]?.remove.sort()).toEqual([...old.members].sort());
    expect(planned.planned).toMatchObject({ groupsCreated: 1, groupsRemoved: 1 });
  });

  it('deletes the removed group instead when the tenant asks for it', () => {
    const platform = synced(planInput([person('h1', 'Ann', { department: 'Sales' })], {}, { config: byDepartment(true) }));
    const planned = plan(planInput([person('h1', 'Ann', { department: 'Revenue' })], platform, { config: byDepartment(true) }));
    expect(planned.groups.map((item) => item.action)).toEqual(['create', 'delete']);
  });

  it('renames the same group when only the case changes', () => {
    const platform = synced(planInput([person('h1', 'Ann', { department: 'Sales' })], {}, { config: byDepartment() }));
    const planned = plan(planInput([person('h1', 'Ann', { department: 'SALES' })], platform, { config: byDepartment() }));
    expect(planned.groups).toMatchObject([{ action: 'update', externalId: 'department:sales', rename: { from: 'Sales', to: 'SALES' }, add: [], remove: [] }]);
  });
});

describe('groups with their own ids (CSV)', () => {
  it('renames the group when its name changes', () => {
    const platform = synced(planInput([person('h1', 'Ann', { groups: [{ id: 'g-7', name: 'Platform' }] })], {}, { config: byGroups }));
    const planned = plan(planInput([person('h1', 'Ann', { groups: [{ id: 'g-7', name: 'Platform & Infra' }] })], platform, { config: byGroups }));
    expect(planned.groups).toMatchObject([{ action: 'update', externalId: 'group-id:g-7', rename: { from: 'Platform', to: 'Platform & Infra' } }]);
    expect(planned.planned).toMatchObject({ groupsUpdated: 1, groupsCreated: 0, groupsRemoved: 0 });
  });
});

describe('memberships', () => {
  it('moves managed accounts and never removes an account Roster does not manage', () => {
    const platform = synced(planInput([person('h1', 'Ann', { department: 'Sales' }), person('h2', 'Bea', { department: 'Ops' })], {}, { config: byDepartment() }));
    const [sales, ops] = platform.groups;
    const ann = platform.links.find((link) => link.hrisId === 'h1')!.accountId;
    const bea = platform.links.find((link) => link.hrisId === 'h2')!.accountId;
    const admin = account('acc-admin', 'admin@acme.example');
    const withAdmin = { ...platform, accounts: [...platform.accounts, admin], groups: [{ ...sales!, members: [...sales!.members, 'acc-admin'] }, ops!] };

    const planned = plan(planInput([person('h1', 'Ann', { department: 'Ops' }), person('h2', 'Bea', { department: 'Ops' })], withAdmin, { config: byDepartment() }));
    expect(planned.groups).toMatchObject([
      { action: 'update', groupId: ops!.id, add: [{ hrisId: 'h1', accountId: ann }], remove: [] },
      { action: 'empty', groupId: sales!.id, remove: [ann] },
    ]);
    expect(planned.groups.flatMap((item) => item.remove)).not.toContain('acc-admin');
    expect(planned.groups.flatMap((item) => item.add.map((member) => member.accountId))).not.toContain(bea);
  });

  it('recovers a group created just before a crash instead of creating it twice', () => {
    const planned = plan(planInput([person('h1', 'Ann', { department: 'Sales' })], { groups: [group('grp-9', 'Sales', [], 'department:sales')] }, { config: byDepartment() }));
    expect(planned.groups).toMatchObject([{ action: 'update', groupId: 'grp-9', link: 'external_id', add: [{ hrisId: 'h1' }] }]);
  });

  it('after an incremental read, removes no group and moves only the people read', () => {
    const platform = synced(planInput([person('h1', 'Ann', { department: 'Sales' }), person('h2', 'Bea', { department: 'Ops' })], {}, { config: byDepartment() }));
    const planned = plan(planInput([person('h1', 'Ann', { department: 'Legal' })], platform, { config: byDepartment(true), readMode: 'incremental' }));
    expect(planned.groups.map(({ action, externalId, remove }) => ({ action, externalId, removed: remove.length }))).toEqual([
      { action: 'create', externalId: 'department:legal', removed: 0 },
      { action: 'update', externalId: 'department:sales', removed: 1 },
    ]);
  });
});
