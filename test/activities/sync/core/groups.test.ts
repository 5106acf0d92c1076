// docs/PRODUCT.md "Groups": stable external ids, renames, removed groups, memberships of managed
// accounts only, several dimensions at once, and groups taken over by name at the initial load.
import { describe, expect, it } from 'vitest';
import { plan, type PlanConfig } from '../../../../activities/sync/core';
import { account, config, group, person, planInput } from './builders';
import { synced } from './apply-in-memory';

const source = (from: string, prefix = '', deleteRemoved = false) => ({ from, prefix, deleteRemoved });
const byDepartment = (deleteRemoved = false) => config({ groups: [source('department', '', deleteRemoved)] });
const byGroups: PlanConfig = config({ groups: [source('groups')] });

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

describe('two dimensions at once', () => {
  const twoDimensions = (deleteRemovedLocations = false) => config({ groups: [source('department', 'Dept: '), source('location', 'Site: ', deleteRemovedLocations)] });

  it('puts each person in a group of each dimension, named with its prefix, in separate namespaces', () => {
    const planned = plan(planInput([person('h1', 'Ann', { department: 'Sydney', location: 'Sydney' }), person('h2', 'Bea', { department: 'Ops', location: 'Sydney' })], {}, { config: twoDimensions() }));
    expect(planned.groups.map(({ externalId, displayName, add }) => ({ externalId, displayName, members: add.map((member) => member.hrisId) }))).toEqual([
      { externalId: 'department:sydney', displayName: 'Dept: Sydney', members: ['h1'] },
      { externalId: 'department:ops', displayName: 'Dept: Ops', members: ['h2'] },
      { externalId: 'location:sydney', displayName: 'Site: Sydney', members: ['h1', 'h2'] },
    ]);
  });

  it('removes a group of one dimension by that dimension\'s own rule and leaves the other dimension as it is', () => {
    const people = [person('h1', 'Ann', { department: 'Sales', location: 'Perth' }), person('h2', 'Bea', { department: 'Ops', location: 'Hobart' })];
    const platform = synced(planInput(people, {}, { config: twoDimensions(true) }));
    const moved = [person('h1', 'Ann', { department: 'Sales', location: 'Perth' }), person('h2', 'Bea', { department: 'Sales', location: 'Perth' })];
    const planned = plan(planInput(moved, platform, { config: twoDimensions(true) }));
    expect(planned.groups.map(({ action, externalId }) => ({ action, externalId }))).toEqual([
      { action: 'update', externalId: 'department:sales' },
      { action: 'empty', externalId: 'department:ops' },
      { action: 'update', externalId: 'location:perth' },
      { action: 'delete', externalId: 'location:hobart' },
    ]);
  });

  it('leaves the groups of a dimension the config no longer lists alone', () => {
    const platform = synced(planInput([person('h1', 'Ann', { department: 'Sales', location: 'Perth' })], {}, { config: twoDimensions() }));
    const planned = plan(planInput([person('h1', 'Ann', { department: 'Ops', location: 'Perth' })], platform, { config: config({ groups: [source('location', 'Site: ')] }) }));
    expect(planned.groups).toEqual([]);
  });

  it('renames every group of a dimension when its prefix changes, keeping their ids', () => {
    const platform = synced(planInput([person('h1', 'Ann', { location: 'Perth' })], {}, { config: config({ groups: [source('location', 'Site: ')] }) }));
    const planned = plan(planInput([person('h1', 'Ann', { location: 'Perth' })], platform, { config: config({ groups: [source('location', 'Location – ')] }) }));
    expect(planned.groups).toMatchObject([{ action: 'update', externalId: 'location:perth', rename: { from: 'Site: Perth', to: 'Location – Perth' }, add: [], remove: [] }]);
  });

  it('makes a group of each tag and of each value of a custom field', () => {
    const people = [person('h1', 'Ann', { tags: ['First aider', 'Fire warden'], custom: { community: 'North' } }), person('h2', 'Bea', { tags: ['first aider'], custom: { community: 'South' } })];
    const planned = plan(planInput(people, {}, { config: config({ groups: [source('tags', 'Tag: '), source('custom.community')] }) }));
    expect(planned.groups.map(({ externalId, displayName, add }) => ({ externalId, displayName, members: add.map((member) => member.hrisId) }))).toEqual([
      { externalId: 'tags:first aider', displayName: 'Tag: First aider', members: ['h1', 'h2'] },
      { externalId: 'tags:fire warden', displayName: 'Tag: Fire warden', members: ['h1'] },
      { externalId: 'custom.community:north', displayName: 'North', members: ['h1'] },
      { externalId: 'custom.community:south', displayName: 'South', members: ['h2'] },
    ]);
  });
});

describe('taking over the platform\'s groups by name', () => {
  const existing = [group('grp-sales', 'sales', ['acc-admin']), group('grp-ops', 'Ops', [])];

  it('adopts an unmanaged group of the same name at the initial load instead of creating a twin', () => {
    const planned = plan(planInput([person('h1', 'Ann', { department: 'Sales' })], { groups: existing }, { config: byDepartment(), adoptExistingGroups: true }));
    expect(planned.groups).toEqual([
      { action: 'update', externalId: 'department:sales', groupId: 'grp-sales', displayName: 'Sales', rename: { from: 'sales', to: 'Sales' }, add: [{ hrisId: 'h1' }], remove: [], link: 'adopt' },
    ]);
  });

  it('creates the group when adoption is off, or when two unmanaged groups share the name', () => {
    const off = plan(planInput([person('h1', 'Ann', { department: 'Ops' })], { groups: existing }, { config: byDepartment() }));
    const twins = plan(planInput([person('h1', 'Ann', { department: 'Ops' })], { groups: [...existing, group('grp-ops-2', 'OPS', [])] }, { config: byDepartment(), adoptExistingGroups: true }));
    expect([off.groups[0]?.action, twins.groups[0]?.action]).toEqual(['create', 'create']);
  });

  it('never adopts a group that carries an external id, and adopts each group once', () => {
    const stamped = [group('grp-x', 'Sales', [], 'hr-tool:42')];
    const planned = plan(
      planInput([person('h1', 'Ann', { department: 'Sales', location: 'Sales' })], { groups: stamped }, { config: config({ groups: [source('department'), source('location')] }), adoptExistingGroups: true }),
    );
    expect(planned.groups.map((item) => item.action)).toEqual(['create', 'create']);
    const once = plan(planInput([person('h1', 'Ann', { department: 'Ops', location: 'Ops' })], { groups: existing }, { config: config({ groups: [source('department'), source('location')] }), adoptExistingGroups: true }));
    expect(once.groups.map(({ action, link }) => `${action}/${link}`)).toEqual(['update/adopt', 'create/new']);
  });

  it('after the adoption knows the group by its id only, so a rename in the HR system renames nothing twice', () => {
    const first = planInput([person('h1', 'Ann', { groups: [{ id: 't-1', name: 'Ops' }] })], { groups: existing }, { config: byGroups, adoptExistingGroups: true });
    const platform = synced(first);
    expect(platform.groups.find((g) => g.id === 'grp-ops')).toMatchObject({ externalId: 'group-id:t-1' });
    const renamed = plan(planInput([person('h1', 'Ann', { groups: [{ id: 't-1', name: 'Operations' }] })], platform, { config: byGroups }));
    expect(renamed.groups).toMatchObject([{ action: 'update', groupId: 'grp-ops', rename: { from: 'Ops', to: 'Operations' } }]);
  });
});
