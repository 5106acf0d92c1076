import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoTenant, kickoffConfig, scimTenant } from '../support/fixtures';
import { startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

it('keeps the platform token out of workflow history, logs and API answers', async () => {
  const token = `scim-${uniqueTenantId('secret')}-do-not-leak`;
  const body = scimTenant(token);
  const answers = [await stack.request('POST', '/api/tenants', body)];
  answers.push(await stack.request('PUT', `/api/tenants/${body.id}/config`, kickoffConfig));
  answers.push(await stack.request('POST', `/api/tenants/${body.id}/kickoff/complete`, {}));
  answers.push(await stack.request('GET', `/api/tenants/${body.id}`));
  answers.push(await stack.request('GET', '/api/tenants'));
  // A refused request logs nothing secret either.
  answers.push(await stack.request('POST', '/api/tenants', { ...demoTenant(), platform: { kind: 'scim', baseUrl: 'nope', token } }));
  expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 200, 200, 400]);
  for (const answer of answers) expect(answer.text).not.toContain(token);

  const history = await stack.client.workflow.getHandle(`tenant-${body.id}`).fetchHistory();
  const historyText = JSON.stringify(history, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v));
  expect(historyText).toContain(body.id);
  expect(historyText).not.toContain(token);

  expect(stack.logs.length).toBeGreaterThan(0);
  expect(stack.logs.join('\n')).not.toContain(token);

  const rows = await stack.db('secrets').where({ tenant_id: body.id });
  expect(rows).toHaveLength(1);
  expect(JSON.stringify(rows)).not.toContain(token);
});
