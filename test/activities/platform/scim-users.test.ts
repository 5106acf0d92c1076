import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformAccount } from '../../../common/directory';
import { isConnectorError } from '../../../activities/http/errors';
import { demoCustomSchema } from '../../../dev/scim-server';
import { person, startScimPlatform, writes, type ScimPlatform } from './scim-platform';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let platform: ScimPlatform;
beforeAll(async () => {
  platform = await startScimPlatform();
});
afterAll(() => platform.stop());

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('listing accounts', () => {
  it('pages through every account, 1-based, and can resume from a page', async () => {
    const { client, tenant } = platform.tenant();
    for (let n = 1; n <= 7; n += 1) await client.createUser(person(n));

    const pages = await collect(client.listAccounts({ pageSize: 3 }));
    expect(pages.map((page) => page.accounts.length)).toEqual([3, 3, 1]);
    expect(pages.map((page) => page.nextStartIndex)).toEqual([4, 7, undefined]);
    expect(pages.every((page) => page.totalResults === 7)).toBe(true);
    expect(pages.flatMap((page) => page.accounts.map((account) => account.externalId))).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `hris-${n}`));
    const listed = tenant.operations.filter((operation) => operation.method === 'GET' && operation.path === '/Users');
    expect(listed.map((operation) => [operation.query.get('startIndex'), operation.query.get('count')])).toEqual([
      ['1', '3'],
      ['4', '3'],
      ['7', '3'],
    ]);

    const resumed = await collect(client.listAccounts({ startIndex: pages[0]!.nextStartIndex, pageSize: 3 }));
    expect(resumed.flatMap((page) => page.accounts.map((account) => account.externalId))).toEqual([4, 5, 6, 7].map((n) => `hris-${n}`));
  });

  it('yields one empty page for a platform without accounts', async () => {
    const { client } = platform.tenant();
    expect(await collect(client.listAccounts())).toEqual([{ accounts: [], totalResults: 0, nextStartIndex: undefined }]);
  });
});

describe('lookups', () => {
  it('finds by externalId (exactly) and by userName (ignoring case); no match is undefined', async () => {
    const { client } = platform.tenant();
    const created = await client.createUser(person(1));

    expect((await client.findByExternalId('hris-1'))?.id).toBe(created.id);
    expect(await client.findByExternalId('HRIS-1')).toBeUndefined();
    expect((await client.findByUserName('PERSON1@Acme.Example'))?.id).toBe(created.id);
    expect(await client.findByUserName('nobody@acme.example')).toBeUndefined();
  });
});

describe('creating accounts', () => {
  it('creates with names, the work e-mail as primary, externalId and active, and answers the account', async () => {
    const { client, tenant } = platform.tenant();
    const account = await client.createUser({ ...person(1), displayName: 'Ann Example' });

    expect(account).toMatchObject({ userName: 'person1@acme.example', externalId: 'hris-1', active: true, givenName: 'Given1', familyName: 'Family1', displayName: 'Ann Example', email: 'person1@acme.example' });
    expect(tenant.operations.at(-1)).toMatchObject({ method: 'POST', path: '/Users', status: 201, resourceId: account.id });
    expect((tenant.operations.at(-1)!.body as any).emails).toEqual([{ value: 'person1@acme.example', type: 'work', primary: true }]);
  });

  it('reports a taken userName (any case) as a conflict that names no one', async () => {
    const { client, tenant } = platform.tenant();
    const sso = tenant.seedUser({ userName: 'Jane.Doe@Acme.example', name: { givenName: 'Jane' }, active: true });

    const error = await client.createUser({ ...person(1), userName: 'jane.doe@acme.example' }).catch((e: unknown) => e);
    expect(isConnectorError(error, 'conflict')).toBe(true);
    expect((error as Error).message).toMatch(/409 to POST \/scim\/.+\/v2\/Users \(uniqueness\)/);
    expect((error as Error).message).not.toMatch(/jane/i);
    expect(writes(tenant.operations).filter((operation) => operation.resourceId === sso.id)).toEqual([]);
  });
});

describe('updating accounts', () => {
  it('sends only the changed attributes, and takes both 200 and 204 for success', async () => {
    const { client, tenant } = platform.tenant();
    const account = await client.createUser(person(1, { title: 'Engineer', department: 'R&D' }));

    await client.updateUser(account.id, { attributes: { title: 'Lead Engineer' } });
    const patch = tenant.operations.at(-1)!;
    expect(patch).toMatchObject({ method: 'PATCH', path: `/Users/${account.id}`, status: 200 });
    expect(patch.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'Lead Engineer' }] });

    // Nothing changes on the platform: scimmy answers 204 No Content.
    await client.updateUser(account.id, { attributes: { title: 'Lead Engineer' } });
    expect(tenant.operations.at(-1)).toMatchObject({ method: 'PATCH', status: 204 });

    const after = await client.findByExternalId('hris-1');
    expect(after?.attributes).toMatchObject({ title: 'Lead Engineer', department: 'R&D' });
  });

  it('sends nothing when nothing changed', async () => {
    const { client, tenant } = platform.tenant();
    const account = await client.createUser(person(1));
    const before = tenant.operations.length;
    await client.updateUser(account.id, {});
    await client.updateUser(account.id, { attributes: {} });
    expect(tenant.operations).toHaveLength(before);
  });

  it('removes a cleared attribute and renames the userName', async () => {
    const { client, tenant } = platform.tenant();
    const account = await client.createUser(person(1, { title: 'Engineer', department: 'R&D' }));
    await client.updateUser(account.id, { userName: 'renamed@acme.example', attributes: { title: null, department: null } });

    expect((tenant.operations.at(-1)!.body as any).Operations).toEqual([
      { op: 'replace', path: 'userName', value: 'renamed@acme.example' },
      { op: 'remove', path: 'title' },
      { op: 'remove', path: `${ENTERPRISE}:department` },
    ]);
    const after = await client.findByUserName('renamed@acme.example');
    expect(after?.id).toBe(account.id);
    expect(after?.attributes.title).toBeUndefined();
    expect(after?.attributes.department).toBeUndefined();
  });

  it('deactivates and reactivates with a replace of active, never a DELETE', async () => {
    const { client, tenant } = platform.tenant();
    const account = await client.createUser(person(1));

    await client.updateUser(account.id, { active: false });
    expect((tenant.operations.at(-1)!.body as any).Operations).toEqual([{ op: 'replace', path: 'active', value: false }]);
    expect((await client.findByExternalId('hris-1'))?.active).toBe(false);

    await client.updateUser(account.id, { active: true });
    expect((await client.findByExternalId('hris-1'))?.active).toBe(true);
    expect(tenant.operations.some((operation) => operation.method === 'DELETE')).toBe(false);
  });

  it("writes the manager as the manager's platform id once both accounts exist", async () => {
    const { client, tenant } = platform.tenant();
    const manager = await client.createUser(person(1));
    const report = await client.createUser(person(2));

    await client.updateUser(report.id, { attributes: { manager: manager.id } });
    expect((tenant.operations.at(-1)!.body as any).Operations).toEqual([{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: manager.id } }]);
    expect((await client.findByExternalId('hris-2'))?.attributes.manager).toBe(manager.id);

    await client.updateUser(report.id, { attributes: { manager: null } });
    expect((await client.findByExternalId('hris-2'))?.attributes.manager).toBeUndefined();
  });

  it('changes the work e-mail in place, adding one to an account that has none', async () => {
    const { client, tenant } = platform.tenant();
    const account = await client.createUser(person(1));
    await client.updateUser(account.id, { email: 'new@acme.example' });
    expect((await client.findByExternalId('hris-1'))?.email).toBe('new@acme.example');

    const bare = await client.createUser({ ...person(2), email: undefined });
    await client.updateUser(bare.id, { email: 'second@acme.example', attributes: { title: 'Chef' } });
    const patches = tenant.operations.filter((operation) => operation.method === 'PATCH' && operation.resourceId === bare.id);
    expect(patches.map((operation) => operation.status)).toEqual([400, 200]);
    expect((patches[1]!.body as any).Operations).toEqual([
      { op: 'add', path: 'emails', value: [{ value: 'second@acme.example', type: 'work', primary: true }] },
      { op: 'replace', path: 'title', value: 'Chef' },
    ]);
    expect(await client.findByExternalId('hris-2')).toMatchObject({ email: 'second@acme.example', attributes: { title: 'Chef' } });
  });
});

describe('attribute mapping', () => {
  const everything = {
    title: 'Engineer',
    displayName: 'Ann E.',
    preferredLanguage: 'en-AU',
    department: 'R&D',
    division: 'Product',
    organization: 'Acme',
    costCenter: 'CC-7',
    employeeNumber: 'E-0042',
    location: 'Sydney',
    'custom.startDate': '2024-02-01',
    'custom.employmentBasis': 'full-time',
  };

  it('round-trips core, enterprise and custom-schema attributes', async () => {
    const { client, tenant } = platform.tenant();
    const account = await client.createUser(person(1, everything));
    expect(account.attributes).toEqual(everything);

    const body = tenant.operations.at(-1)!.body as any;
    expect(body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, demoCustomSchema]);
    expect(body[ENTERPRISE]).toEqual({ department: 'R&D', division: 'Product', organization: 'Acme', costCenter: 'CC-7', employeeNumber: 'E-0042' });
    expect(body[demoCustomSchema]).toEqual({ startDate: '2024-02-01', employmentBasis: 'full-time' });
    expect(body.addresses).toEqual([{ type: 'work', locality: 'Sydney' }]);
    expect((await client.findByUserName('person1@acme.example'))?.attributes).toEqual(everything);

    await client.updateUser(account.id, { attributes: { costCenter: 'CC-8', 'custom.startDate': '2024-03-01' } });
    expect((tenant.operations.at(-1)!.body as any).Operations).toEqual([
      { op: 'replace', path: `${ENTERPRISE}:costCenter`, value: 'CC-8' },
      { op: 'replace', path: `${demoCustomSchema}:startDate`, value: '2024-03-01' },
    ]);
    expect((await client.findByExternalId('hris-1'))?.attributes).toMatchObject({ costCenter: 'CC-8', 'custom.startDate': '2024-03-01' });
  });

  it("writes the location as the work address's locality, adding the address when there is none", async () => {
    const { client, tenant } = platform.tenant();
    const located = await client.createUser(person(1, { location: 'Sydney' }));
    await client.updateUser(located.id, { attributes: { location: 'Perth' } });
    expect((tenant.operations.at(-1)!.body as any).Operations).toEqual([{ op: 'replace', path: 'addresses[type eq "work"].locality', value: 'Perth' }]);
    expect((await client.findByExternalId('hris-1'))?.attributes.location).toBe('Perth');

    const unlocated = await client.createUser(person(2));
    await client.updateUser(unlocated.id, { attributes: { location: 'Hobart' } });
    expect((await client.findByExternalId('hris-2'))?.attributes.location).toBe('Hobart');
    await client.updateUser(unlocated.id, { attributes: { location: null } });
    expect((await client.findByExternalId('hris-2'))?.attributes.location).toBeUndefined();
  });

  it('refuses a custom attribute when the tenant has no custom schema, before any request', async () => {
    const { client, tenant } = platform.tenant({ customSchema: undefined });
    const error = await client.createUser(person(1, { 'custom.startDate': '2024-01-01' })).catch((e: unknown) => e);
    expect(isConnectorError(error, 'misconfigured')).toBe(true);
    expect(tenant.operations).toEqual([]);
  });

  it("lists the platform's attributes from /Schemas", async () => {
    const { client } = platform.tenant();
    const supported = await client.supportedAttributes();
    expect(supported).not.toBe('all');
    expect([...(supported as Set<string>)].sort()).toEqual(
      [...Object.keys(everything), 'manager', 'custom.endDate', 'custom.preferredName'].sort(),
    );
  });

  it('takes every attribute as supported when /Schemas is not implemented', async () => {
    const { client, tenant } = platform.tenant();
    tenant.failNext(1, { status: 501 });
    expect(await client.supportedAttributes()).toBe('all');
  });
});

describe('accounts Roster did not create', () => {
  it('are read but never written by any call the sync makes', async () => {
    const { client, tenant } = platform.tenant();
    const admin = tenant.seedUser({ userName: 'admin@acme.example', name: { givenName: 'Platform', familyName: 'Admin' }, emails: [{ value: 'admin@acme.example', type: 'work', primary: true }], active: true });
    const sso = tenant.seedUser({ userName: 'person2@acme.example', active: true });

    const listed: PlatformAccount[] = [];
    for await (const page of client.listAccounts()) listed.push(...page.accounts);
    expect(listed.map((account) => account.id)).toEqual([admin.id, sso.id]);
    expect(await client.findByUserName('Person2@acme.example')).toMatchObject({ id: sso.id, externalId: undefined });

    const own = await client.createUser(person(1, { title: 'Engineer' }));
    await expect(client.createUser(person(2))).rejects.toMatchObject({ code: 'conflict' });
    await client.updateUser(own.id, { attributes: { manager: admin.id }, active: false });
    const group = await client.createGroup({ externalId: 'department:r-d', displayName: 'R&D', members: [own.id] });
    await client.removeMembers(group.id, [own.id]);

    const touched = writes(tenant.operations).filter((operation) => [admin.id, sso.id].includes(operation.resourceId!));
    expect(touched).toEqual([]);
    expect(tenant.directory.user(admin.id)).toMatchObject({ userName: 'admin@acme.example', active: true });
  });
});
