// Issue 19 on the real stack (demo HR directory, scimmy platform): a tenant whose people join a
// group of each of three dimensions (department, location with a prefix, tags; the tags also
// written as one attribute), whose platform
// already had a "Sales" group that the initial load takes over instead of doubling, and whose
// next run moves a person between sites: the emptied site is deleted by its own dimension's rule
// while the department and tag groups stay as they were.
import { describe, expect, it } from 'vitest';
import { replaceDirectory, seedDirectory } from '../../bench/sync-run/seed';
import type { Employee } from '../../common/directory';
import type { ScimRecord } from '../../dev/scim-server';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, settled, takeLive, useDemoStack } from '../support/onboarding';
import { uniqueTenantId } from '../support/stack';

const demo = useDemoStack();

const config = {
  ...kickoffConfig,
  include: { statuses: ['active'] },
  // Tags also as one attribute: the list as text.
  fieldMappings: { ...kickoffConfig.fieldMappings, organization: 'tags' },
  groups: [{ from: 'department' }, { from: 'location', prefix: 'Site: ', deleteRemoved: true }, { from: 'tags', prefix: 'Tag: ' }],
  adoptExistingGroups: true,
  schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 },
};

const person = (hrisId: string, firstName: string, department: string, location: string, tags: string[]): Employee => ({
  hrisId,
  status: 'active',
  firstName,
  lastName: 'Example',
  workEmail: `${firstName.toLowerCase()}@acme.example`,
  department,
  location,
  tags,
});

const people = [
  person('p1', 'Ana', 'Sales', 'Perth', ['First aider']),
  person('p2', 'Bruno', 'Sales', 'Hobart', []),
  person('p3', 'Chen', 'Sydney', 'Sydney', ['First aider', 'Fire warden']),
];

const memberNames = (scim: ReturnType<typeof demo.platformFor>, group: ScimRecord | undefined) =>
  ((group?.members ?? []) as { value: string }[]).map((member) => scim.directory.user(member.value)?.userName as string).sort();

describe('two group dimensions and groups taken over by name', () => {
  it('puts each person in a group of each dimension, adopts the platform\'s Sales group, and removes a site by its own rule', async () => {
    const id = uniqueTenantId();
    expect((await demo.stack.request('POST', '/api/tenants', demoTenant(id))).status).toBe(201);
    const scim = demo.platformFor(id);
    await seedDirectory(demo.stack.db, id, people);
    const sales = scim.directory.saveGroup({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: [] });
    await configureAndKickOff(demo.stack, id, config);
    await enterKey(demo.stack, id, 'demo-key');
    const live = await takeLive(demo.stack, id);
    expect(live.lastSync).toMatchObject({ status: 'success', counts: { created: 3, groupsCreated: 6, groupsUpdated: 1 } });

    const byName = () => new Map(scim.directory.groups().map((group) => [group.displayName as string, group]));
    const groups = byName();
    expect([...groups.keys()].sort()).toEqual(['Sales', 'Site: Hobart', 'Site: Perth', 'Site: Sydney', 'Sydney', 'Tag: Fire warden', 'Tag: First aider']);
    expect(groups.get('Sales')).toMatchObject({ id: sales.id, externalId: 'department:sales' });
    expect(memberNames(scim, groups.get('Sales'))).toEqual(['ana@acme.example', 'bruno@acme.example']);
    expect(groups.get('Sydney')).toMatchObject({ externalId: 'department:sydney' });
    expect(groups.get('Site: Sydney')).toMatchObject({ externalId: 'location:sydney' });
    expect(memberNames(scim, groups.get('Tag: First aider'))).toEqual(['ana@acme.example', 'chen@acme.example']);
    const chen = scim.directory.userByName('chen@acme.example');
    expect(chen?.['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toMatchObject({ organization: 'First aider, Fire warden' });
    // Support sees the adoption among the run's group items.
    const groupItems = (await demo.stack.request('GET', `/api/syncs/${live.lastSync.id}/items?kind=group`)).body.items;
    expect(groupItems.filter((item: { changes: { adoptedAs?: string } }) => item.changes.adoptedAs)).toEqual([
      expect.objectContaining({ action: 'update', result: 'done', changes: expect.objectContaining({ adoptedAs: 'department:sales' }) }),
    ]);

    // Bruno moves to Perth: Hobart's site group is deleted (deleteRemoved), nothing else changes.
    await replaceDirectory(demo.stack.db, id, [people[0]!, { ...people[1]!, location: 'Perth' }, people[2]!]);
    const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
    expect(started.status, started.text).toBe(202);
    const after = await settled(demo.stack, id, live.lastSync.id);
    expect(after.lastSync).toMatchObject({ status: 'success', counts: { groupsCreated: 0, groupsUpdated: 1, groupsRemoved: 1 } });
    const now = byName();
    expect(now.has('Site: Hobart')).toBe(false);
    expect(memberNames(scim, now.get('Site: Perth'))).toEqual(['ana@acme.example', 'bruno@acme.example']);
    expect(memberNames(scim, now.get('Sales'))).toEqual(['ana@acme.example', 'bruno@acme.example']);
    expect(now.size).toBe(6);
  });
});
