// The two schedules of tenant health, ensured by a worker that asks for them (`npm run worker`,
// `npm start`; not the tests' workers, which share one Temporal): the hourly sweep and the daily
// digest, both starting workflows/tenant-health.ts on the worker's task queue.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { healthDigestScheduleId, healthSweepScheduleId } from '../../common/workflow-ids';
import { tenantHealthWorkflow } from '../../workflows/tenant-health';

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

/** Creates each schedule, or makes it anew when it starts its workflow on another task queue. */
export async function ensureHealthSchedules(client: Client, taskQueue: string): Promise<void> {
  for (const options of [scheduleOf(healthSweepScheduleId, '0 * * * *', false, taskQueue), scheduleOf(healthDigestScheduleId, DIGEST_CRON, true, taskQueue)]) {
    const handle = client.schedule.getHandle(options.scheduleId);
    try {
      const found = await handle.describe();
      if (found.action.type === 'startWorkflow' && found.action.taskQueue === taskQueue) continue;
      await handle.delete();
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
    // Another worker starting at the same moment made it: that one is as good.
    await client.schedule.create(options).catch((error: unknown) => {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    });
  }
}
