// A plan, once applied, leaves nothing to do: planning again from the platform it produced gives
// an all-unchanged plan. A mixed directory exercises every kind of write at once.
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '../../../../activities/sync/core';
import { account, config, person, planInput } from './builders';
import { applyInMemory, synced } from './apply-in-memory';

const tenant = config({
  fieldMappings: { title: 'position', department: 'department', manager: 'managerHrisId', location: 'location', 'custom.tags': 'tags' },
  groups: [{ from: 'department', prefix: '', deleteRemoved: false }],
  include: { statuses: ['active', 'onboarding'], exclude: [{ field: 'department', equals: 'Contractors' }] },
});

const yesterday = [
  person('m1', 'Max', { department: 'Sales', position: 'Head of Sales' }),
  person('h1', 'Ann', { department: 'Sales', managerHrisId: 'm1', location: 'Sydney' }),
  person('h2', 'Bea', { department: 'Ops' }),
  person('h3', 'Cy', { department: 'Ops' }),
  person('old-4', 'Dee', { department: 'Ops' }),
];

const today = [
  person('m1', 'Max', { department: 'Revenue', position: 'Head of Revenue' }),
  person('h1', 'Ann', { department: 'Revenue', managerHrisId: 'm2', location: 'Sydney', workEmail: 'ann.smith@acme.example', tags: ['sso'] }),
  person('m2', 'Neo', { department: 'Revenue', status: 'onboarding' }),
  person('h2', 'Bea', { department: 'Contractors' }),
  person('new-4', 'Dee', { department: 'Ops', managerHrisId: 'm2' }),
  person('h5', 'Eve', { workEmail: 'admin@acme.example' }),
  person('h6', 'Fin', { workEmail: undefined }),
];

describe('re-planning after applying', () => {
  it('finds nothing left to do', () => {
    const admin = account('acc-admin', 'admin@acme.example');
    const before = synced(planInput(yesterday, {}, { config: tenant }));
    const input: PlanInput = planInput(today, { ...before, accounts: [...before.accounts, admin] }, { config: tenant });
    const first = plan(input);
    expect(first.planned).toMatchObject({ created: 1, updated: 3, deactivated: 2, skipped: 2, groupsCreated: 1, groupsRemoved: 1 });

    const after = applyInMemory(input, first);
    const second = plan({ ...input, ...after });
    expect(second.items.filter((item) => !['unchanged', 'exclude', 'skip'].includes(item.action))).toEqual([]);
    expect(second.groups).toEqual([]);
    expect(second.planned).toMatchObject({ unchanged: 5, skipped: 2, excluded: 1, deactivated: 0 });
    expect(after.accounts.find((held) => held.id === 'acc-admin')).toEqual(admin);
  });
});
