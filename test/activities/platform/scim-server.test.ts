// The fake platform itself: what the tests and the demo rely on beyond the client's own behaviour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimClient } from '../../../activities/platform';
import { demoCustomSchema } from '../../../dev/scim-server';
import { person, startScimPlatform, type ScimPlatform } from './scim-platform';

let platform: ScimPlatform;
beforeAll(async () => {
  platform = await startScimPlatform();
});
afterAll(() => platform.stop());

const get = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return { status: response.status, type: response.headers.get('content-type'), location: response.headers.get('location'), text: await response.text() };
};

describe('the SCIM server', () => {
  it('lists users exactly as scimmy reads each one', async () => {
    const { client, tenant, baseUrl, token } = platform.tenant();
    const created = await client.createUser(person(1, { title: 'Engineer', department: 'R&D', location: 'Sydney', 'custom.startDate': '2024-01-01' }));
    const patched = await client.createUser(person(2));
    await client.updateUser(patched.id, { active: false, attributes: { manager: created.id } });
    tenant.seedUser({ userName: 'admin@acme.example', name: { givenName: 'Ada' }, emails: [{ value: 'admin@acme.example', type: 'work' }] });

    const auth = { authorization: `Bearer ${token}` };
    const list = JSON.parse((await get(`${baseUrl}/Users`, auth)).text);
    expect(list.totalResults).toBe(3);
    for (const listed of list.Resources) {
      expect(listed).toEqual(JSON.parse((await get(`${baseUrl}/Users/${listed.id}`, auth)).text));
    }
  });

  it('pages inside a page correctly and sends no Location header', async () => {
    const { client, baseUrl, token } = platform.tenant();
    for (let n = 1; n <= 5; n += 1) await client.createUser(person(n));
    const answer = await get(`${baseUrl}/Users?startIndex=2&count=2`, { authorization: `Bearer ${token}` });
    const body = JSON.parse(answer.text);
    expect(body).toMatchObject({ startIndex: 2, itemsPerPage: 2, totalResults: 5 });
    expect(body.Resources.map((user: any) => user.externalId)).toEqual(['hris-2', 'hris-3']);

    const response = await fetch(`${baseUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x@acme.example' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBeNull();
  });

  it("keeps tenants apart: one tenant's token opens no other", async () => {
    const acme = platform.tenant();
    const globex = platform.tenant();
    await acme.client.createUser(person(1));
    const intruder = createScimClient({ baseUrl: globex.baseUrl, token: acme.token, network: { allowPrivateUrls: true } });
    await expect(intruder.findByExternalId('hris-1')).rejects.toMatchObject({ code: 'credentials_rejected' });
    expect(await globex.client.findByExternalId('hris-1')).toBeUndefined();
  });

  it('shows a tenant’s accounts read-only, as JSON or as an HTML table', async () => {
    const { client, tenantId } = platform.tenant();
    const boss = await client.createUser(person(1, { title: 'CEO' }));
    await client.createUser({ ...person(2, { manager: boss.id, department: 'R&D' }), givenName: '<b>Bob</b>' });

    const json = await get(`${platform.url}/scim/${tenantId}/accounts`, { accept: 'application/json' });
    expect(JSON.parse(json.text)).toEqual([
      { id: boss.id, userName: 'person1@acme.example', name: 'Given1 Family1', email: 'person1@acme.example', active: true, externalId: 'hris-1', title: 'CEO', department: '', manager: '' },
      expect.objectContaining({ name: '<b>Bob</b> Family2', department: 'R&D', manager: 'person1@acme.example' }),
    ]);
    const html = await get(`${platform.url}/scim/${tenantId}/accounts`, { accept: 'text/html' });
    expect(html.type).toMatch(/text\/html/);
    expect(html.text).toContain('<td>person1@acme.example</td>');
    expect(html.text).toContain('&#60;b&#62;Bob&#60;/b&#62; Family2');
    expect((await get(`${platform.url}/scim/no-such-tenant/accounts`)).status).toBe(404);
  });

  it('keeps its accounts in a file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-'));
    try {
      const file = join(dir, 'platform.json');
      const first = await startScimPlatform({ file });
      first.server.addTenant('demo', 'demo-token');
      const before = createScimClient({ baseUrl: `${first.url}/scim/demo/v2`, token: 'demo-token', customSchema: demoCustomSchema, network: { allowPrivateUrls: true } });
      const created = await before.createUser(person(1, { 'custom.startDate': '2024-01-01' }));
      await before.createGroup({ externalId: 'department:r-d', displayName: 'R&D', members: [created.id] });
      await first.stop();

      const second = await startScimPlatform({ file });
      second.server.addTenant('demo', 'demo-token');
      const after = createScimClient({ baseUrl: `${second.url}/scim/demo/v2`, token: 'demo-token', customSchema: demoCustomSchema, network: { allowPrivateUrls: true } });
      expect(await after.findByUserName('PERSON1@acme.example')).toEqual(created);
      expect(await after.listGroups()).toEqual([expect.objectContaining({ externalId: 'department:r-d', members: [created.id] })]);
      await expect(after.createUser(person(1))).rejects.toMatchObject({ code: 'conflict' });
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists 100,000 users in pages of 1,000', async () => {
    const { client, tenant } = platform.tenant({ maxRequestsPerSecond: 10_000 });
    for (let n = 0; n < 100_000; n += 1) {
      tenant.directory.saveUser({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `p${n}@acme.example`, externalId: `h${n}`, active: true });
    }
    const ids = new Set<string>();
    for await (const page of client.listAccounts({ pageSize: 1000 })) for (const account of page.accounts) ids.add(account.id);
    expect(ids.size).toBe(100_000);
    expect(tenant.operations).toHaveLength(100);
  });
});
