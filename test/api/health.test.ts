import { afterAll, beforeAll, expect, it } from 'vitest';
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
