// Which failures retrying cannot fix, told from real errors of the real servers: PostgreSQL
// refusing a NUL, a value too long and a row that is gone; Temporal refusing a schedule's spec;
// the secret store asked for a secret destroyed. Anything else (an outage) stays retryable.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduleActivities } from '../../activities/schedules';
import { unfixableCause } from '../../common/unfixable';
import { createKeyring, SecretStore } from '../../common/secrets';
import { encryptionKey, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { startWorker: false });
});
afterAll(() => stack?.stop());

const errorOf = (promise: PromiseLike<unknown>) => Promise.resolve(promise).then(
  () => undefined,
  (error: unknown) => error,
);

describe('causes that retrying cannot fix', () => {
  it('PostgreSQL refusing a NUL in text: data refused, without quoting the data', async () => {
    const error = await errorOf(stack.db.raw('select ?::text as value', ['secret\u0000value']));
    const cause = unfixableCause(error);
    expect(cause).toEqual({ cause: 'data_refused', message: expect.stringMatching(/^PostgreSQL refused the data \(SQLSTATE 22\w{3}\)/) });
    expect(cause!.message).not.toContain('secret');
  });

  it('PostgreSQL refusing a value of the wrong kind and a row that is gone: data refused', async () => {
    expect(unfixableCause(await errorOf(stack.db.raw('select ?::integer as n', ['twelve'])))).toEqual({ cause: 'data_refused', message: expect.stringContaining('SQLSTATE 22P02') });
    const missingTenant = stack.db('tenant_history').insert({ id: randomUUID(), tenant_id: 'no-such-tenant', at: new Date().toISOString(), actor: 'test', action: 'test' });
    expect(unfixableCause(await errorOf(missingTenant))).toEqual({ cause: 'data_refused', message: expect.stringContaining('SQLSTATE 23503') });
  });

  it("Temporal refusing a schedule's spec: data refused", async () => {
    const { applySchedule } = createScheduleActivities({ client: stack.client, taskQueue: stack.taskQueue, payloadKeyId: createKeyring(encryptionKey).currentId });
    const error = await errorOf(applySchedule({ tenantId: `t-${randomUUID().slice(0, 8)}`, cron: '0 2 * * *', timezone: 'Mars/Olympus', jitterMinutes: 0, paused: true, note: 'test' }));
    expect(unfixableCause(error)).toMatchObject({ cause: 'data_refused', message: expect.stringContaining('unknown time zone') });
  });

  it('a secret that was destroyed: secret missing', async () => {
    const secrets = new SecretStore(stack.db, createKeyring(encryptionKey));
    expect(unfixableCause(await errorOf(secrets.get('nobody', 'hris_key', randomUUID())))).toMatchObject({ cause: 'secret_missing' });
  });

  it('leaves an outage retryable', async () => {
    expect(unfixableCause(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(unfixableCause(Object.assign(new Error('the database is starting up'), { code: '57P03' }))).toBeUndefined();
    expect(unfixableCause(new Error('socket hang up'))).toBeUndefined();
  });
});
