// Support sets up a tenant's webhook sources (routes/webhook-sources.ts): the standard secret is
// shown once and a new one ends the old at once; the Humaans secret is stored, never shown; a
// source that does not fit the tenant's HR system, the BambooHR source and the viewer role are
// refused; each change is in the tenant's history. Tenants stay in kick-off: a signed event to
// them answers `ignored` when verified and 401 when not, which is all these tests need.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signStandard } from '../fakes/webhook-senders';
import { checkAnswer } from '../support/contract';
import { demoTenant } from '../support/fixtures';
import { startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { startWorker: false });
});
afterAll(() => stack?.stop());

async function newTenant(): Promise<string> {
  const body = demoTenant(uniqueTenantId('sources'));
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  return body.id;
}

async function sendStandard(tenantId: string, secret: string) {
  const url = `${stack.url}/api/webhooks/${tenantId}/standard`;
  const body = JSON.stringify({ type: 'directory.changed' });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signStandard(secret, `msg_${randomUUID()}`, body) }, body });
  const text = await response.text();
  checkAnswer('POST', url, { status: response.status, contentType: response.headers.get('content-type'), text });
  return response.status;
}

describe('/api/tenants/:id/webhooks', () => {
  it('shows the standard secret once; a new one makes the old fail at once', async () => {
    const id = await newTenant();
    const created = await stack.request('POST', `/api/tenants/${id}/webhooks/standard`);
    expect(created).toMatchObject({ status: 201, body: { source: 'standard', url: `${stack.url}/api/webhooks/${id}/standard`, secret: expect.stringMatching(/^whsec_/) } });
    const listed = await stack.request('GET', `/api/tenants/${id}/webhooks`);
    expect(listed.body.sources).toEqual([{ source: 'standard', url: created.body.url, createdAt: expect.any(String), createdBy: 'admin-env', lastEventAt: null, eventsWaiting: 0, registered: false }]);
    expect(listed.text).not.toContain(created.body.secret.slice(6));
    expect(await sendStandard(id, created.body.secret)).toBe(202);

    const rotated = await stack.request('POST', `/api/tenants/${id}/webhooks/standard`);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(await sendStandard(id, created.body.secret)).toBe(401);
    expect(await sendStandard(id, rotated.body.secret)).toBe(202);
    expect(await stack.db('secrets').where({ tenant_id: id, kind: 'webhook_secret' })).toHaveLength(1);
  });

  it('stores a Humaans secret for a Humaans tenant and never shows it', async () => {
    const body = { ...demoTenant(uniqueTenantId('sources')), hris: { provider: 'humaans', baseUrl: 'https://app.humaans.io/api' } };
    expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
    const stored = await stack.request('PUT', `/api/tenants/${body.id}/webhooks/humaans`, { secret: 'the-humaans-signing-secret' });
    expect(stored).toMatchObject({ status: 200, body: { source: 'humaans', url: `${stack.url}/api/webhooks/${body.id}/humaans` } });
    expect(stored.text).not.toContain('the-humaans-signing-secret');
    expect((await stack.request('GET', `/api/tenants/${body.id}/webhooks`)).text).not.toContain('the-humaans-signing-secret');
    expect((await stack.request('PUT', `/api/tenants/${body.id}/webhooks/humaans`, { secret: '' })).status).toBe(400);
  });

  it('refuses a source that does not fit the tenant’s HR system, naming why', async () => {
    const id = await newTenant();
    const refused = await stack.request('PUT', `/api/tenants/${id}/webhooks/humaans`, { secret: 'x' });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'webhook_source_mismatch', message: expect.stringContaining('reads from demo') } } });
    expect((await stack.request('GET', `/api/tenants/${id}/webhooks`)).body.sources).toEqual([]);
  });

  it('removes the standard source and its secret, and refuses to remove the BambooHR one', async () => {
    const id = await newTenant();
    const { secret } = (await stack.request('POST', `/api/tenants/${id}/webhooks/standard`)).body;
    expect((await stack.request('DELETE', `/api/tenants/${id}/webhooks/bamboohr`)).body.error.code).toBe('webhook_source_registered');
    expect(await stack.request('DELETE', `/api/tenants/${id}/webhooks/standard`)).toMatchObject({ status: 200, body: { sources: [] } });
    expect(await sendStandard(id, secret)).toBe(401);
    expect(await stack.db('secrets').where({ tenant_id: id, kind: 'webhook_secret' })).toEqual([]);
    expect((await stack.request('DELETE', `/api/tenants/${id}/webhooks/standard`)).status).toBe(404);
    expect((await stack.request('DELETE', `/api/tenants/${id}/webhooks/workday`)).body.error.code).toBe('webhook_source_not_found');
    const history = (await stack.request('GET', `/api/tenants/${id}/history`)).body.history.map((entry: { action: string }) => entry.action);
    expect(history.slice(0, 2)).toEqual(['webhook_source_removed', 'webhook_source_added']);
  });

  it('refuses the viewer role', async () => {
    const id = await newTenant();
    const viewer = (await stack.request('POST', '/api/tokens', { name: `viewer-${randomUUID()}`, role: 'viewer' })).body.token;
    for (const [method, path] of [
      ['GET', `/api/tenants/${id}/webhooks`],
      ['POST', `/api/tenants/${id}/webhooks/standard`],
      ['DELETE', `/api/tenants/${id}/webhooks/standard`],
    ] as const) {
      expect((await stack.request(method, path, undefined, viewer)).status, `${method} ${path}`).toBe(403);
    }
    expect((await stack.request('GET', `/api/tenants/${id}/webhooks`)).body.sources).toEqual([]);
  });
});
