// The tenant's Temporal Schedule (docs/ARCHITECTURE.md principle 4): created at go-live, paused,
// resumed, updated with the config and deleted at offboarding. Its action only starts the tiny
// `scheduledRunWorkflow`, which asks the tenant workflow for a run, so every run still starts
// there. One activity brings the schedule to the state the tenant workflow wants, whatever it
// found: missing, paused when it should run, or with a stale spec. That makes every call a repair
// too, and a retry harmless.
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription, type ScheduleOptions } from '@temporalio/client';
import { PayloadKeyMissingError, sealedWith } from '../common/payloads/codec';
import { RosterTenantId } from '../common/search-attributes';
import { UnfixableError } from '../common/unfixable';
import { scheduledRunWorkflowId, tenantScheduleId } from '../common/workflow-ids';
import { scheduledRunWorkflow } from '../workflows/scheduled-run';
import { scheduledFireSummary } from '../workflows/summaries';

export interface ScheduleDeps {
  client: Client;
  taskQueue: string;
  /** The id of the key payloads are sealed with now: a schedule sealed with another is made anew. */
  payloadKeyId: string;
}

/** What the tenant workflow wants its schedule to be. */
export interface WantedSchedule {
  tenantId: string;
  cron: string;
  timezone: string;
  jitterMinutes: number;
  paused: boolean;
  /** Why it is paused (or resumed): the schedule's note in the Temporal UI. */
  note: string;
}


/** Missed fires older than this are dropped after an outage rather than run late in a burst. */
const CATCHUP_WINDOW = '1 hour';

/** Temporal refuses a schedule note over 1000 bytes of UTF-8 (a pause reason may be 1000 characters). */
const NOTE_BYTES = 1000;

/** The note cut to what Temporal takes, on a character boundary; the whole reason stays in the tenant's history. */
function scheduleNote(note: string): string {
  if (Buffer.byteLength(note) <= NOTE_BYTES) return note;
  let bytes = Buffer.byteLength('…');
  let kept = '';
  for (const char of note) {
    bytes += Buffer.byteLength(char);
    if (bytes > NOTE_BYTES) break;
    kept += char;
  }
  return `${kept}…`;
}

const specKey = ({ cron, timezone, jitterMinutes }: WantedSchedule) => JSON.stringify({ cron, timezone, jitterMinutes });

function optionsOf(wanted: WantedSchedule, taskQueue: string): ScheduleOptions {
  return {
    scheduleId: tenantScheduleId(wanted.tenantId),
    spec: { cronExpressions: [wanted.cron], timezone: wanted.timezone, jitter: `${wanted.jitterMinutes} minutes` },
    action: {
      type: 'startWorkflow',
      workflowType: scheduledRunWorkflow,
      workflowId: scheduledRunWorkflowId(wanted.tenantId),
      taskQueue,
      args: [{ tenantId: wanted.tenantId }],
      typedSearchAttributes: [{ key: RosterTenantId, value: wanted.tenantId }],
      staticSummary: scheduledFireSummary(wanted.tenantId),
    },
    policies: { catchupWindow: CATCHUP_WINDOW, overlap: ScheduleOverlapPolicy.SKIP },
    state: { paused: wanted.paused, note: scheduleNote(wanted.note) },
    typedSearchAttributes: [{ key: RosterTenantId, value: wanted.tenantId }],
    // The server turns cron into calendars; the memo keeps what was asked, to compare with.
    memo: { spec: specKey(wanted) },
  };
}

export function createScheduleActivities({ client, taskQueue, payloadKeyId }: ScheduleDeps) {
  // The client answers a spec the server refuses (a time zone it does not know) with a TypeError.
  const create = (wanted: WantedSchedule) =>
    client.schedule.create(optionsOf(wanted, taskQueue)).catch((error: unknown) => {
      if (error instanceof TypeError) throw new UnfixableError('data_refused', `Temporal refused the schedule of tenant ${wanted.tenantId}: ${error.message}`);
      throw error;
    });
  const recreate = async (wanted: WantedSchedule) => {
    await client.schedule.getHandle(tenantScheduleId(wanted.tenantId)).delete();
    await create(wanted);
    return 'recreated' as const;
  };
  return {
    /**
     * Creates the schedule or repairs it to what is wanted; says what it had to do. Pausing is
     * always asked for explicitly: the scheduler applies requests in order, while a describe may
     * not yet show the last one, so comparing first could undo a pause that is still on its way.
     */
    async applySchedule(wanted: WantedSchedule): Promise<'created' | 'recreated' | 'kept'> {
      const handle = client.schedule.getHandle(tenantScheduleId(wanted.tenantId));
      let found: ScheduleDescription;
      try {
        found = await handle.describe();
      } catch (error) {
        if (error instanceof PayloadKeyMissingError) return recreate(wanted);
        if (!(error instanceof ScheduleNotFoundError)) throw error;
        await create(wanted);
        return 'created';
      }
      // The memo is set at create only: another spec or action means a schedule made anew. So
      // does a key rotation: its memo and arguments are sealed again with the current key.
      const stale = found.memo?.spec !== specKey(wanted) || sealedWith(found.raw.memo?.fields?.spec) !== payloadKeyId;
      if (stale || found.action.type !== 'startWorkflow' || found.action.taskQueue !== taskQueue) return recreate(wanted);
      const note = scheduleNote(wanted.note);
      await (wanted.paused ? handle.pause(note) : handle.unpause(note));
      return 'kept';
    },

    /** Offboarding: a schedule already gone is fine. */
    async deleteSchedule({ tenantId }: { tenantId: string }): Promise<void> {
      try {
        await client.schedule.getHandle(tenantScheduleId(tenantId)).delete();
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      }
    },
  };
}
