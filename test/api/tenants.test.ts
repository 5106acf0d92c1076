import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { RosterTenantId } from '../../common/search-attributes';
import { demoTenant, scimTenant } from '../support/fixtures';
import { eventually, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

describe('POST /api/tenants', () => {
  it('creates a demo tenant in kickoff, with no config yet, and starts its workflow', async () => {
    const body = demoTenant();
    const created = await stack.request('POST', '/api/tenants', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: body.id, name: body.name, stage: 'kickoff', config: null, hris: { provider: 'demo', credential: { status: 'missing' } }, platform: { kind: 'demo' } });
    expect(created.body.history).toEqual([expect.objectContaining({ actor: 'admin-env', action: 'created', to: 'kickoff' })]);

    const description = await stack.client.workflow.getHandle(`tenant-${body.id}`).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(RosterTenantId)).toBe(body.id);
  });

  it('answers 409 tenant_exists for a taken id, whatever the body, and never starts a second workflow', async () => {
    const body = demoTenant();
    expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
    const again = await stack.request('POST', '/api/tenants', { ...body, name: 'Someone else', hris: { provider: 'csv' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('tenant_exists');
    const invalidRetry = await stack.request('POST', '/api/tenants', { id: body.id });
    expect(invalidRetry.status).toBe(400);

    const runs = await eventually(async () => {
      const found = [];
      for await (const run of stack.client.workflow.list({ query: `RosterTenantId = "${body.id}"` })) found.push(run);
      return found.length > 0 && found;
    });
    expect(runs).toHaveLength(1);
    expect((await stack.request('GET', `/api/tenants/${body.id}`)).body.name).toBe(body.name);
  });

  it('repairs a create that stopped between its row and its workflow when the create is retried', async () => {
    const body = demoTenant();
    const now = new Date();
    await stack.db('tenants').insert({ id: body.id, name: body.name, stage: 'kickoff', hris: JSON.stringify(body.hris), platform: JSON.stringify(body.platform), contacts: '{}', created_by: 'test', created_at: now, updated_at: now });
    const retried = await stack.request('POST', '/api/tenants', body);
    expect(retried.status).toBe(409);
    const description = await stack.client.workflow.getHandle(`tenant-${body.id}`).describe();
    expect(description.status.name).toBe('RUNNING');
  });

  it('accepts a SCIM platform, stores its token encrypted and never returns it', async () => {
    const token = `scim-secret-${uniqueTenantId()}`;
    const body = scimTenant(token);
    const created = await stack.request('POST', '/api/tenants', body);
    expect(created.status).toBe(201);
    expect(created.body.platform).toEqual({ kind: 'scim', baseUrl: body.platform.baseUrl, loginUrl: body.platform.loginUrl, maxRequestsPerSecond: 10, concurrency: 4 });
    expect(created.text).not.toContain(token);
    const secret = await stack.db('secrets').where({ tenant_id: body.id }).first();
    expect(secret.kind).toBe('platform_token');
    expect(secret.sealed).not.toContain(token);
  });

  it.each([
    ['a bad id', { id: 'Not_OK' }, 'id'],
    ['a one-letter id', { id: 'a' }, 'id'],
    ['an unknown provider', { hris: { provider: 'workday' } }, 'hris.provider'],
    ['BambooHR without a subdomain', { hris: { provider: 'bamboohr' } }, 'hris.subdomain'],
    ['an unknown HRIS setting', { hris: { provider: 'demo', apiKey: 'x' } }, 'hris.apiKey'],
    ['a SCIM platform without a token', { platform: { kind: 'scim', baseUrl: 'https://scim.example.com/v2' } }, 'platform.token'],
    ['a platform URL that is not a URL', { platform: { kind: 'scim', baseUrl: 'not a url', token: 't' } }, 'platform.baseUrl'],
    ['an unknown platform kind', { platform: { kind: 'ldap' } }, 'platform.kind'],
    ['a bad contact e-mail', { contacts: { hrisAdminEmail: 'nope' } }, 'contacts.hrisAdminEmail'],
    ['an unknown top-level field', { plan: 'gold' }, 'plan'],
    ['a missing name', { name: undefined }, 'name'],
  ])('refuses %s with 400 validation_failed naming the field', async (_case, change, path) => {
    const answer = await stack.request('POST', '/api/tenants', { ...demoTenant(), ...change });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    const detail = answer.body.error.details.find((d: { path: string }) => d.path === path);
    expect(detail?.message).toMatch(/\w{3,}/);
  });

  it('reports every bad field at once', async () => {
    const answer = await stack.request('POST', '/api/tenants', { id: '-', name: '', hris: { provider: 'nope' }, platform: {} });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['hris.provider', 'id', 'name', 'platform.kind']);
  });

  it('never answers bad input with a 5xx', async () => {
    const bodies = ['{"id":', '[]', '"text"', 'null', '42', JSON.stringify({ id: 42, name: [], hris: 'demo', platform: null, contacts: 7 }), JSON.stringify({ ...demoTenant(), hris: { provider: { $ne: 1 } } })];
    for (const body of bodies) {
      const answer = await stack.request('POST', '/api/tenants', body);
      expect(answer.status, body).toBeGreaterThanOrEqual(400);
      expect(answer.status, body).toBeLessThan(500);
      expect(answer.body.error.message).toBeTruthy();
    }
    expect((await stack.request('GET', '/api/tenants?stage=nowhere')).status).toBe(400);
    expect((await stack.request('PUT', `/api/tenants/${uniqueTenantId()}/config`, {})).status).toBe(404);
  });

  it('refuses public-network rules when private URLs are not allowed', async () => {
    const strict = await startTestStack({ allowPrivateUrls: false });
    try {
      const answer = await strict.request('POST', '/api/tenants', { ...demoTenant(), platform: { kind: 'scim', baseUrl: 'http://10.0.0.5/scim/v2', token: 't' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toEqual([{ path: 'platform.baseUrl', message: expect.stringContaining('https://') }]);
      const loopback = await strict.request('POST', '/api/tenants', { ...demoTenant(), hris: { provider: 'humaans', baseUrl: 'https://127.0.0.1/api' } });
      expect(loopback.body.error.details).toEqual([{ path: 'hris.baseUrl', message: expect.stringContaining('public address') }]);
      const ok = await strict.request('POST', '/api/tenants', { ...demoTenant(), hris: { provider: 'bamboohr', subdomain: 'acme', baseUrl: 'https://api.bamboohr.com/api/gateway.php/acme/v1' } });
      expect(ok.status).toBe(201);
    } finally {
      await strict.stop();
    }
  });
});

describe('auth', () => {
  it('answers 401 without a token and with an unknown one', async () => {
    const none = await stack.request('GET', '/api/tenants', undefined, null);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');
    expect((await stack.request('GET', '/api/tenants', undefined, 'rst_unknown')).status).toBe(401);
  });

  it('lets a viewer read but not create (403), and a support token create, recorded as its actor', async () => {
    const viewer = await createToken(stack.db, `viewer-${uniqueTenantId()}`, 'viewer');
    const supportName = `support-${uniqueTenantId()}`;
    const support = await createToken(stack.db, supportName, 'support');
    expect((await stack.request('GET', '/api/tenants', undefined, viewer)).status).toBe(200);
    const refused = await stack.request('POST', '/api/tenants', demoTenant(), viewer);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const created = await stack.request('POST', '/api/tenants', demoTenant(), support);
    expect(created.status).toBe(201);
    expect(created.body.history[0].actor).toBe(supportName);
  });

  it('stops accepting a revoked token', async () => {
    const name = `gone-${uniqueTenantId()}`;
    const token = await createToken(stack.db, name, 'viewer');
    await stack.db('api_tokens').where({ name }).update({ revoked_at: new Date() });
    expect((await stack.request('GET', '/api/tenants', undefined, token)).status).toBe(401);
  });

  it('stores tokens hashed', async () => {
    const name = `hashed-${uniqueTenantId()}`;
    const token = await createToken(stack.db, name, 'admin');
    const row = await stack.db('api_tokens').where({ name }).first();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
  });
});

describe('GET /api/tenants', () => {
  it('lists tenants and filters them by stage', async () => {
    const body = demoTenant();
    await stack.request('POST', '/api/tenants', body);
    // Other test files share the database: the tenant is found by id, as the list is paged.
    const all = await stack.request('GET', `/api/tenants?q=${body.id}`);
    expect(all.body.tenants.map((t: { id: string }) => t.id)).toContain(body.id);
    const kickoff = await stack.request('GET', '/api/tenants?stage=kickoff');
    expect(kickoff.body.tenants.every((t: { stage: string }) => t.stage === 'kickoff')).toBe(true);
    const live = await stack.request('GET', '/api/tenants?stage=live');
    expect(live.body.tenants.map((t: { id: string }) => t.id)).not.toContain(body.id);
  });

  it('answers 404 for an unknown tenant', async () => {
    const answer = await stack.request('GET', `/api/tenants/${uniqueTenantId()}`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('tenant_not_found');
  });
});
