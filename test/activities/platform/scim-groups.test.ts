import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, startScimPlatform, type ScimPlatform } from './scim-platform';

let platform: ScimPlatform;
beforeAll(async () => {
  platform = await startScimPlatform();
});
afterAll(() => platform.stop());

describe('groups', () => {
  it('creates a group with members, renames it by id keeping its externalId, and lists it', async () => {
    const { client, tenant } = platform.tenant();
    const ann = await client.createUser(person(1));
    const group = await client.createGroup({ externalId: 'department:r-d', displayName: 'R&D', members: [ann.id] });
    expect(group).toEqual({ id: expect.any(String), externalId: 'department:r-d', displayName: 'R&D', members: [ann.id] });
    expect(tenant.operations.at(-1)).toMatchObject({ method: 'POST', path: '/Groups', status: 201, resourceId: group.id });

    await client.renameGroup(group.id, 'Research & Development');
    expect(tenant.operations.at(-1)).toMatchObject({ method: 'PATCH', path: `/Groups/${group.id}`, status: 200 });
    expect((tenant.operations.at(-1)!.body as any).Operations).toEqual([{ op: 'replace', path: 'displayName', value: 'Research & Development' }]);

    const [listed] = await client.listGroups();
    expect(listed).toEqual({ id: group.id, externalId: 'department:r-d', displayName: 'Research & Development', members: [ann.id] });
  });

  it('adds and removes members by platform id', async () => {
    const { client, tenant } = platform.tenant();
    const [ann, bob, cat] = [await client.createUser(person(1)), await client.createUser(person(2)), await client.createUser(person(3))];
    const group = await client.createGroup({ externalId: 'location:sydney', displayName: 'Sydney', members: [] });

    await client.addMembers(group.id, [ann.id, bob.id, cat.id]);
    expect((tenant.operations.at(-1)!.body as any).Operations).toEqual([{ op: 'add', path: 'members', value: [{ value: ann.id }, { value: bob.id }, { value: cat.id }] }]);
    await client.removeMembers(group.id, [ann.id, cat.id]);
    expect((tenant.operations.at(-1)!.body as any).Operations).toEqual([
      { op: 'remove', path: `members[value eq "${ann.id}"]` },
      { op: 'remove', path: `members[value eq "${cat.id}"]` },
    ]);
    expect((await client.listGroups())[0]!.members).toEqual([bob.id]);

    const before = tenant.operations.length;
    await client.addMembers(group.id, []);
    await client.removeMembers(group.id, []);
    expect(tenant.operations).toHaveLength(before);
  });

  it('lists groups across pages', async () => {
    const { client } = platform.tenant();
    for (let n = 1; n <= 105; n += 1) await client.createGroup({ externalId: `team:${n}`, displayName: `Team ${n}`, members: [] });
    const groups = await client.listGroups();
    expect(groups.map((group) => group.externalId)).toEqual(Array.from({ length: 105 }, (_, i) => `team:${i + 1}`));
  });

  it('finds one group by its externalId with a filter, not a listing', async () => {
    const { client, tenant } = platform.tenant();
    const ann = await client.createUser(person(1));
    await client.createGroup({ externalId: 'department:sales', displayName: 'Sales', members: [] });
    const wanted = await client.createGroup({ externalId: 'department:r-d', displayName: 'R&D', members: [ann.id] });

    expect(await client.findGroupByExternalId('department:r-d')).toEqual(wanted);
    expect(tenant.operations.at(-1)).toMatchObject({ method: 'GET', path: '/Groups', status: 200 });
    expect(tenant.operations.at(-1)!.query.get('filter')).toBe('externalId eq "department:r-d"');
    expect(await client.findGroupByExternalId('department:none')).toBeUndefined();
  });

  it('deletes a group, and a group already gone is not an error', async () => {
    const { client, tenant } = platform.tenant();
    const group = await client.createGroup({ externalId: 'department:old', displayName: 'Old', members: [] });
    await client.deleteGroup(group.id);
    await client.deleteGroup(group.id);
    expect(tenant.operations.filter((operation) => operation.method === 'DELETE').map((operation) => operation.status)).toEqual([204, 404]);
    expect(await client.listGroups()).toEqual([]);
  });

  it('reports a member the platform does not know as an invalid request', async () => {
    const { client } = platform.tenant();
    const group = await client.createGroup({ externalId: 'department:x', displayName: 'X', members: [] });
    await expect(client.addMembers(group.id, ['no-such-account'])).rejects.toMatchObject({ code: 'invalid_request', details: { status: 400, vendorCode: 'invalidValue' } });
  });
});
