// What a run left in Temporal: every event of a workflow (all its runs, through continue-as-new),
// the largest payload anywhere in them, and the time each activity took, from the event times.
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { payloadBytes, payloadsIn } from '../../test/support/payloads';

type History = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

const { EventType } = proto.temporal.api.enums.v1;
const HistoryEventCodec = proto.temporal.api.history.v1.HistoryEvent;

const millis = (time: HistoryEvent['eventTime']): number => {
  if (!time) return NaN;
  const seconds = time.seconds as unknown;
  const whole = typeof seconds === 'object' && seconds !== null && 'toNumber' in seconds ? (seconds as { toNumber(): number }).toNumber() : Number(seconds ?? 0);
  return whole * 1000 + (time.nanos ?? 0) / 1e6;
};

export const eventName = (event: HistoryEvent) => (EventType[event.eventType ?? 0] ?? String(event.eventType)).replace(/^EVENT_TYPE_/, '');

export interface ActivitySpan {
  type: string;
  scheduledAt: number;
  startedAt?: number;
  closedAt?: number;
  attempt?: number;
  outcome?: string;
}

export interface WorkflowScan {
  workflowId: string;
  runs: number;
  events: number;
  /** Events from `sinceMs` on (the run's own share of a long-lived workflow). */
  eventsSince?: number;
  payloads: number;
  largestPayload: { bytes: number; event: string; activity?: string };
  largestEventBytes: number;
  eventTypes: Record<string, number>;
  activities: ActivitySpan[];
  startedAt: number;
  closedAt?: number;
}

async function historiesOf(client: Client, workflowId: string): Promise<History[]> {
  const histories: History[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return histories;
}

export async function scanWorkflow(client: Client, workflowId: string, sinceMs?: number): Promise<WorkflowScan> {
  const histories = await historiesOf(client, workflowId);
  const events = histories.flatMap((history) => history.events ?? []);
  const activityOf = new Map<string, string>();
  const spans = new Map<string, ActivitySpan>();
  const eventTypes: Record<string, number> = {};
  let payloads = 0;
  let largestPayload: WorkflowScan['largestPayload'] = { bytes: 0, event: '' };
  let largestEventBytes = 0;
  let closedAt: number | undefined;

  for (const event of events) {
    const name = eventName(event);
    eventTypes[name] = (eventTypes[name] ?? 0) + 1;
    const id = String(event.eventId);
    const at = millis(event.eventTime);
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      activityOf.set(id, scheduled.activityType?.name ?? '?');
      spans.set(id, { type: scheduled.activityType?.name ?? '?', scheduledAt: at });
    }
    const started = event.activityTaskStartedEventAttributes;
    if (started) {
      const span = spans.get(String(started.scheduledEventId));
      if (span) Object.assign(span, { startedAt: at, attempt: started.attempt ?? undefined });
    }
    for (const [closed, outcome] of [
      [event.activityTaskCompletedEventAttributes, 'completed'],
      [event.activityTaskFailedEventAttributes, 'failed'],
      [event.activityTaskTimedOutEventAttributes, 'timed out'],
      [event.activityTaskCanceledEventAttributes, 'cancelled'],
    ] as const) {
      const span = closed ? spans.get(String(closed.scheduledEventId)) : undefined;
      if (span) Object.assign(span, { closedAt: at, outcome });
    }
    if (name.startsWith('WORKFLOW_EXECUTION_') && ['COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED', 'CANCELED'].some((end) => name.endsWith(end))) closedAt = at;

    for (const payload of payloadsIn(event)) {
      payloads += 1;
      const bytes = payloadBytes(payload);
      if (bytes > largestPayload.bytes) {
        const scheduledId = String(
          event.activityTaskCompletedEventAttributes?.scheduledEventId ?? event.activityTaskFailedEventAttributes?.scheduledEventId ?? (scheduled ? event.eventId : ''),
        );
        largestPayload = { bytes, event: name, activity: activityOf.get(scheduledId) };
      }
    }
    largestEventBytes = Math.max(largestEventBytes, HistoryEventCodec.encode(event as proto.temporal.api.history.v1.IHistoryEvent).finish().length);
  }

  return {
    workflowId,
    runs: histories.length,
    events: events.length,
    eventsSince: sinceMs === undefined ? undefined : events.filter((event) => millis(event.eventTime) >= sinceMs).length,
    payloads,
    largestPayload,
    largestEventBytes,
    eventTypes,
    activities: [...spans.values()],
    startedAt: millis(events[0]?.eventTime),
    closedAt,
  };
}

/** What the results keep of a scan: its sizes, its largest payload, and its activities as `type×n`. */
export function summarize(scan: WorkflowScan) {
  return {
    workflowId: scan.workflowId,
    runs: scan.runs,
    events: scan.events,
    eventsDuringThisRun: scan.eventsSince,
    payloads: scan.payloads,
    largestPayload: scan.largestPayload,
    largestEventBytes: scan.largestEventBytes,
    activities: Object.entries(
      scan.activities.reduce<Record<string, number>>((counts, a) => {
        counts[a.type] = (counts[a.type] ?? 0) + 1;
        return counts;
      }, {}),
    )
      .map(([type, n]) => `${type}×${n}`)
      .join(', '),
  };
}
