// The API's key check under the network policy, through the real stack with private URLs not
// allowed: a tenant whose HR system has a public-looking name that resolves to loopback passes the
// text check when it is created, but neither support's key nor a key pasted into an authorization
// link ever reaches that address: both answer 400 `hris_misconfigured` naming why, and the server
// behind it never sees a connection.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';
import { json, startScriptedServer, type ScriptedServer } from '../activities/http/scripted-server';
import { resolvesTo } from '../activities/http/stub-resolver';

let stack: TestStack;
let hr: ScriptedServer;
beforeAll(async () => {
  hr = await startScriptedServer((_req, res) => json(res, 200, { id: 'token-1' }));
  stack = await startTestStack({ allowPrivateUrls: false, lookup: resolvesTo('127.0.0.1'), publicUrl: 'https://roster.test' });
});
afterAll(async () => {
  await stack?.stop();
  await hr?.close();
});

async function tenantInAuthorization() {
  const body = { ...demoTenant(), hris: { provider: 'humaans', baseUrl: `https://hr.example.com:${hr.port}/api` } };
  const created = await stack.request('POST', '/api/tenants', body);
  expect(created.status, created.text).toBe(201);
  expect((await stack.request('PUT', `/api/tenants/${body.id}/config`, kickoffConfig)).status).toBe(200);
  expect((await stack.request('POST', `/api/tenants/${body.id}/kickoff/complete`, {})).status).toBe(200);
  return body.id;
}

const refusal = {
  code: 'hris_misconfigured',
  message: expect.stringContaining('hr.example.com resolves to 127.0.0.1, a loopback address, and Roster connects only to public addresses'),
};

it("refuses support's key without connecting to the address the HR system's name resolves to", async () => {
  const id = await tenantInAuthorization();
  const answer = await stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: 'a-customer-key' });
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.error).toMatchObject(refusal);
  expect(answer.text).not.toContain('a-customer-key');
  expect((await stack.request('GET', `/api/tenants/${id}`)).body.stage).toBe('authorization');
  expect(hr.connections).toHaveLength(0);
});

it('refuses a key pasted into an authorization link the same way, and the link still works', async () => {
  const id = await tenantInAuthorization();
  const issued = await stack.request('POST', `/api/tenants/${id}/authorization-links`, {});
  expect(issued.status, issued.text).toBe(201);
  const token = (issued.body.url as string).split('/').at(-1)!;
  const answer = await stack.request('POST', `/api/authorize/${token}`, { apiKey: 'a-customer-key' }, null);
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.error).toMatchObject(refusal);
  expect(hr.connections).toHaveLength(0);
  const again = await stack.request('POST', `/api/authorize/${token}`, { apiKey: 'another-key' }, null);
  expect(again.body.error).toMatchObject(refusal);
});
