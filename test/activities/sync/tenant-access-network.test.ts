// The worker's way to a tenant's systems carries the process's network policy: with private URLs
// not allowed, the tenant's own SCIM platform on loopback is never connected to, while the same
// tenant is reached when they are allowed (ROSTER_ALLOW_PRIVATE_URLS=true).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTenantAccess } from '../../../activities/sync/tenant-access';
import { createKeyring, SecretStore } from '../../../common/secrets';
import { scimTenant } from '../../support/fixtures';
import { encryptionKey, startTestStack, type TestStack } from '../../support/stack';
import { failure } from '../hris/read-directory';
import { json, startScriptedServer, type ScriptedServer } from '../http/scripted-server';

let stack: TestStack;
let platform: ScriptedServer;
let tenantId: string;
beforeAll(async () => {
  platform = await startScriptedServer((_req, res) => json(res, 200, { Resources: [] }));
  stack = await startTestStack({}, { startWorker: false });
  const body = scimTenant('platform-token');
  const created = await stack.request('POST', '/api/tenants', { ...body, platform: { ...body.platform, baseUrl: `${platform.origin}/scim/v2` } });
  expect(created.status, created.text).toBe(201);
  tenantId = body.id;
  // A run's row says which platform it writes to (production here).
  for (const id of ['sync-strict', 'sync-open']) {
    await stack.db('sync_runs').insert({ id, tenant_id: tenantId, trigger: 'manual', mode: 'apply', status: 'running', phase: 'fetching', requested_by: 'support', started_at: new Date() });
  }
});
afterAll(async () => {
  await stack?.stop();
  await platform?.close();
});

const access = (allowPrivateUrls: boolean) => createTenantAccess({ db: stack.db, secrets: new SecretStore(stack.db, createKeyring(encryptionKey)), allowPrivateUrls });

it('never connects to a platform on loopback when private URLs are not allowed', async () => {
  const connector = await access(false).platform(tenantId, 'sync-strict');
  const error = await failure(connector.supportedAttributes());
  expect(error).toMatchObject({ code: 'misconfigured', message: expect.stringContaining('127.0.0.1 is a loopback address, and Roster connects only to public addresses') });
  expect(platform.connections).toHaveLength(0);
});

it('reaches the same platform when they are allowed', async () => {
  const connector = await access(true).platform(tenantId, 'sync-open');
  await connector.supportedAttributes();
  expect(platform.connections.length).toBeGreaterThan(0);
});
