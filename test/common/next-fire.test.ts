// When a tenant's schedule is next due, computed from its cron and timezone (the tenant read's
// nextRunAt): checked against Temporal's own schedules on the test run's dev server, and on
// clock changes whose skipped and repeated times are known.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { connectClient } from '../../common/temporal';
import { createKeyring } from '../../common/secrets';
import { parseCron, type CronSchedule } from '../../common/tenant-config/cron';
import { nextFireTime } from '../../common/tenant-config/next-fire';
import { encryptionKey } from '../support/stack';

function cron(expression: string): CronSchedule {
  const result = parseCron(expression);
  if (!result.ok) throw new Error(result.message);
  return result.cron;
}

/** The first `count` due times after `after`. */
function dueTimes(expression: string, timeZone: string, after: Date, count: number): string[] {
  const times: string[] = [];
  for (let at = after; times.length < count; ) {
    at = nextFireTime(cron(expression), timeZone, at)!;
    times.push(at.toISOString());
  }
  return times;
}

describe('nextFireTime agrees with Temporal', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectClient({ address: inject('temporalAddress'), namespace: 'default' }, createKeyring(encryptionKey));
  });
  afterAll(() => client?.connection.close());

  // Times that never fall within the test's few seconds of a minute boundary matter less than
  // zones on either side of UTC, half-hour offsets, weekdays, steps and month days.
  it.each([
    ['0 2 * * *', 'Australia/Sydney'],
    ['30 9 * * 1-5', 'America/New_York'],
    ['15 */6 * * *', 'Asia/Kolkata'],
    ['0 7-19/3 * * 1-5', 'Australia/Sydney'],
    ['0 0 1 * *', 'UTC'],
    ['45 3 * * 0', 'Europe/London'],
  ])('%s in %s: the next due times Temporal describes', async (expression, timeZone) => {
    const scheduleId = `next-fire-${randomUUID()}`;
    const handle = await client.schedule.create({
      scheduleId,
      spec: { cronExpressions: [expression], timezone: timeZone },
      // No worker polls this queue: a start the schedule made would wait there, harmless.
      action: { type: 'startWorkflow', workflowType: 'nothing', taskQueue: `next-fire-${randomUUID()}`, args: [] },
    });
    try {
      const before = new Date();
      const { info } = await handle.describe();
      const temporal = info.nextActionTimes.map((at) => at.toISOString());
      expect(temporal.length).toBeGreaterThan(0);
      expect(dueTimes(expression, timeZone, before, temporal.length)).toEqual(temporal);
    } finally {
      await handle.delete();
    }
  });
});

describe('nextFireTime across clock changes', () => {
  it('skips a time the clocks jump over (Sydney, 3 October 2027)', () => {
    // 02:30 does not exist on the 3rd: the next is the 4th's, on summer time (+11).
    expect(nextFireTime(cron('30 2 * * *'), 'Australia/Sydney', new Date('2027-10-02T12:00:00Z'))?.toISOString()).toBe('2027-10-03T15:30:00.000Z');
  });

  it('fires a repeated time at each instant still ahead (Sydney, 4 April 2027)', () => {
    // 02:30 happens at +11 (15:30Z on the 3rd) and again at +10 (16:30Z).
    expect(nextFireTime(cron('30 2 * * *'), 'Australia/Sydney', new Date('2027-04-03T12:00:00Z'))?.toISOString()).toBe('2027-04-03T15:30:00.000Z');
    expect(nextFireTime(cron('30 2 * * *'), 'Australia/Sydney', new Date('2027-04-03T15:30:00Z'))?.toISOString()).toBe('2027-04-03T16:30:00.000Z');
  });

  it('finds a date years away (29 February)', () => {
    expect(nextFireTime(cron('0 12 29 2 *'), 'UTC', new Date('2025-03-01T00:00:00Z'))?.toISOString()).toBe('2028-02-29T12:00:00.000Z');
  });
});
