// The two schedules of tenant health, ensured by a worker that asks for them (`npm run worker`,
// `npm start`; not the tests' workers, which share one Temporal): the hourly sweep and the daily
// digest, both starting workflows/tenant-health.ts on the worker's task queue.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { healthDigestScheduleId, healthSweepScheduleId } from '../../common/workflow-ids';
import { loggerFor } from '../../common/logger';
import { tenantHealthWorkflow } from '../../workflows/tenant-health';

const log = loggerFor('activities');

/** The digest goes out at 07:00 UTC every day. */
export const DIGEST_CRON = '0 7 * * *';

function scheduleOf(scheduleId: string, cron: string, digest: boolean, taskQueue: string): ScheduleOptions {
  return {
    scheduleId,
    spec: { cronExpressions: [cron] },
    action: { type: 'startWorkflow', workflowType: tenantHealthWorkflow, workflowId: scheduleId, taskQueue, args: [{ digest }] },
    // A digest missed while every worker was down still goes out that day.
    policies: { catchupWindow: digest ? '12 hours' : '1 hour', overlap: ScheduleOverlapPolicy.SKIP },
  };
}

/** Whether the schedule exists and starts its workflow on the task queue; undefined when there is none. */
async function startsOn(client: Client, scheduleId: string, taskQueue: string): Promise<boolean | undefined> {
  try {
    const found = await client.schedule.getHandle(scheduleId).describe();
    return found.action.type === 'startWorkflow' && found.action.taskQueue === taskQueue;
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return undefined;
    // One this worker cannot read (its arguments sealed with a key no longer configured) is made anew.
    log.warn('a tenant health schedule could not be read: it is made anew', { scheduleId, error });
    return false;
  }
}

/** Creates each schedule, or makes it anew when it starts its workflow on another task queue or cannot be read. */
export async function ensureHealthSchedules(client: Client, taskQueue: string): Promise<void> {
  for (const options of [scheduleOf(healthSweepScheduleId, '0 * * * *', false, taskQueue), scheduleOf(healthDigestScheduleId, DIGEST_CRON, true, taskQueue)]) {
    const fine = await startsOn(client, options.scheduleId, taskQueue);
    if (fine) continue;
    if (fine === false) {
      await client.schedule
        .getHandle(options.scheduleId)
        .delete()
        .catch((error: unknown) => {
          if (!(error instanceof ScheduleNotFoundError)) throw error;
        });
    }
    // Another worker starting at the same moment made it: that one is as good.
    await client.schedule.create(options).catch((error: unknown) => {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    });
  }
}
