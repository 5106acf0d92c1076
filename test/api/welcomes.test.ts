// POST /api/tenants/:id/welcomes at the edge: bad input answers 400 naming the field, a run that is
// not the tenant's or created nothing is refused before the workflow, a stage without accounts
// answers 409; never a 5xx. The sends themselves: test/workflows/welcome-later.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { startTestStack, type ApiAnswer, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

let tenantId: string;
beforeAll(async () => {
  const body = demoTenant();
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  expect((await stack.request('PUT', `/api/tenants/${body.id}/config`, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } })).status).toBe(200);
  tenantId = body.id;
});

const send = (body: unknown, id = tenantId) => stack.request('POST', `/api/tenants/${id}/welcomes`, body);

function expectRefused(answer: ApiAnswer, path: string) {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.error.code).toBe('validation_failed');
  expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
}

describe('POST /api/tenants/:id/welcomes', () => {
  it('refuses unknown fields and bad ids with 400 and details', async () => {
    expect((await send({ everyone: true })).status).toBe(400);
    expectRefused(await send({ hrisIds: [] }), 'hrisIds');
    expectRefused(await send({ hrisIds: 'p1' }), 'hrisIds');
    expectRefused(await send({ hrisIds: ['p1', 'bad\0id'] }), 'hrisIds.1');
    expectRefused(await send({ hrisIds: ['x'.repeat(256)] }), 'hrisIds.0');
    expectRefused(await send({ hrisIds: Array.from({ length: 1001 }, (_, n) => `p${n}`) }), 'hrisIds');
    expectRefused(await send({ syncId: 'not-a-run' }), 'syncId');
    expectRefused(await send({ hrisIds: ['p1'], syncId: randomUUID() }), 'syncId');
    expectRefused(await send({ reason: 'bell\u0007' }), 'reason');
    // A well-formed run id that is not this tenant's run.
    expectRefused(await send({ syncId: randomUUID() }), 'syncId');
  });

  it('answers 404 for an unknown tenant and 409 for a tenant without accounts yet', async () => {
    expect((await send({}, 'no-such-tenant')).body.error.code).toBe('tenant_not_found');
    const refused = await send({});
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining("Cannot send the welcome later while the tenant is in stage 'kickoff'") });
  });
});
