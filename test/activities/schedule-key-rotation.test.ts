// A tenant's schedule after a key rotation (activities/schedules.ts): its memo and arguments are
// sealed with the key of the day it was made, and the worker that fires it must read them. The
// tenant workflow's six-hourly reconcile (applySchedule) makes a schedule sealed with another key
// anew, whether that key is still among the old ones or already dropped.
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScheduleActivities, type WantedSchedule } from '../../activities/schedules';
import { sealedWith } from '../../common/payloads/codec';
import { dataConverter } from '../../common/payloads/data-converter';
import { createKeyring } from '../../common/secrets';
import { tenantScheduleId } from '../../common/workflow-ids';
import { startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { startWorker: false });
});
afterAll(() => stack?.stop());

const newKey = () => randomBytes(32).toString('base64');

/** The schedule activities of a worker configured with these keys, the first the current one. */
function scheduleActivitiesWith(current: string, old: string[] = []) {
  const keyring = createKeyring(current, old);
  const client = new Client({ connection: stack.client.connection, namespace: 'default', dataConverter: dataConverter(keyring) });
  return createScheduleActivities({ client, taskQueue: stack.taskQueue, payloadKeyId: keyring.currentId });
}

const wanted = (tenantId: string): WantedSchedule => ({ tenantId, cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0, paused: true, note: 'key rotation test' });

async function memoKeyOf(tenantId: string): Promise<string | undefined> {
  const { memo } = await stack.client.workflowService.describeSchedule({ namespace: 'default', scheduleId: tenantScheduleId(tenantId) });
  return sealedWith(memo?.fields?.spec);
}

it('makes a schedule sealed with an old key anew, sealed with the current one, then keeps it', async () => {
  const [before, after] = [newKey(), newKey()];
  const tenantId = uniqueTenantId('keys');
  expect(await scheduleActivitiesWith(before).applySchedule(wanted(tenantId))).toBe('created');
  expect(await scheduleActivitiesWith(before).applySchedule(wanted(tenantId))).toBe('kept');

  const rotated = scheduleActivitiesWith(after, [before]);
  expect(await rotated.applySchedule(wanted(tenantId))).toBe('recreated');
  expect(await memoKeyOf(tenantId)).toBe(createKeyring(after).currentId);
  expect(await rotated.applySchedule(wanted(tenantId))).toBe('kept');
});

it('makes a schedule anew when the key it was sealed with is no longer configured', async () => {
  const tenantId = uniqueTenantId('keys');
  expect(await scheduleActivitiesWith(newKey()).applySchedule(wanted(tenantId))).toBe('created');
  const dropped = newKey();
  expect(await scheduleActivitiesWith(dropped).applySchedule(wanted(tenantId))).toBe('recreated');
  expect(await memoKeyOf(tenantId)).toBe(createKeyring(dropped).currentId);
});
