// A key for a tenant whose stage refuses it (issue 12): the 409 comes before the HR system is asked,
// and nothing stays sealed in the secret store for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantWorkflowId } from '../../common/workflow-ids';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

async function tenantIn(stage: 'kickoff' | 'offboarded'): Promise<string> {
  const body = demoTenant();
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  expect((await stack.request('PUT', `/api/tenants/${body.id}/config`, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } })).status).toBe(200);
  if (stage === 'offboarded') {
    const offboarded = await stack.request('DELETE', `/api/tenants/${body.id}`, { reason: 'contract ended' });
    expect(offboarded.body.stage, offboarded.text).toBe('offboarded');
    // Offboarding destroys the tenant's secrets as its workflow's last step: only after it would a kept key stay.
    await stack.client.workflow.getHandle(tenantWorkflowId(body.id)).result();
  }
  return body.id;
}

describe('a verified key for a tenant that cannot take one', () => {
  for (const stage of ['kickoff', 'offboarded'] as const) {
    it(`is refused in ${stage} with 409 invalid_transition, and no secret is kept`, async () => {
      const id = await tenantIn(stage);
      for (const [path, body] of [
        ['credentials', { apiKey: 'demo-key' }],
        ['authorization-links', {}],
      ] as const) {
        const answer = await stack.request('POST', `/api/tenants/${id}/${path}`, body);
        expect(answer.status, answer.text).toBe(409);
        expect(answer.body.error.code).toBe('invalid_transition');
        expect(answer.body.error.message).toContain(`'${stage}'`);
      }
      expect(await stack.db('secrets').where({ tenant_id: id })).toEqual([]);
      expect((await stack.request('GET', `/api/tenants/${id}`)).body.hris.credential.status).toBe('missing');
    });
  }
});
