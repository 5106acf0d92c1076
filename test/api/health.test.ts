import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { clientConnectionOptions } from '../../common/temporal';
import { demoTenant } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ requireWorker: true });
});
afterAll(() => stack?.stop());

it('answers /healthz without a token', async () => {
  const answer = await stack.request('GET', '/healthz', undefined, null);
  expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
});

it('is ready once Postgres and Temporal answer and a worker polls the task queue', async () => {
  const answer = await stack.request('GET', '/readyz', undefined, null);
  expect(answer.status).toBe(200);
  expect(answer.body.checks).toEqual({ postgres: 'ok', temporal: 'ok', worker: 'ok' });
});

it('is not ready while no worker has polled its task queue', async () => {
  const lonely = await startTestStack({ requireWorker: true, taskQueue: `nobody-polls-${Date.now()}` });
  try {
    const answer = await lonely.request('GET', '/readyz', undefined, null);
    expect(answer.status).toBe(503);
    expect(answer.body.checks.worker).toBe('waiting');
  } finally {
    await lonely.stop();
  }
});

it('answers 503 when Temporal is down, and a retried create then finishes the job', async () => {
  const unreachable = new Client({ connection: Connection.lazy(clientConnectionOptions({ address: '127.0.0.1:1' })) });
  const cut = await startTestStack({ client: unreachable, taskQueue: stack.taskQueue });
  try {
    const ready = await cut.request('GET', '/readyz', undefined, null);
    expect(ready.status).toBe(503);
    expect(ready.body.checks.temporal).toBe('unreachable');

    const body = demoTenant();
    const refused = await cut.request('POST', '/api/tenants', body);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('temporal_unavailable');

    const retried = await stack.request('POST', '/api/tenants', body);
    expect(retried.status).toBe(409);
    const description = await stack.client.workflow.getHandle(`tenant-${body.id}`).describe();
    expect(description.status.name).toBe('RUNNING');
  } finally {
    await cut.stop();
  }
});
