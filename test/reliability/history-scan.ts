// Reading workflow histories the way an on-call engineer (or anyone with Temporal access) can, to
// prove docs/ARCHITECTURE.md principles 1 and 2: no person's name or e-mail and no secret in any
// payload, failure message or heartbeat, and every payload small whatever the directory's size.
import type { Client } from '@temporalio/client';
import type { HumaansDataset } from '../fakes/humaans-datasets';
import { payloadsIn, type Payload } from '../support/payloads';

type History = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;

/** 64 KiB: far under Temporal's 2 MiB, so no directory size ever approaches it. */
export const PAYLOAD_LIMIT_BYTES = 64 * 1024;

export interface ScannedRun {
  workflowId: string;
  runId: string;
  events: number;
  payloads: number;
  largestPayloadBytes: number;
  /** Forbidden strings found, with where. */
  leaks: string[];
}

/** Names and e-mails of everyone in a fake Humaans directory. */
export function peopleOf(dataset: HumaansDataset): string[] {
  const terms = new Set<string>();
  for (const person of dataset.people) {
    terms.add(`${person.firstName} ${person.lastName}`);
    if (person.preferredName) terms.add(`${person.preferredName} ${person.lastName}`);
    for (const email of [person.email, person.personalEmail]) if (email?.trim()) terms.add(email.trim());
  }
  return [...terms];
}

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** Every run of a workflow id, newest first: the current run and those it continued from. */
export async function runsOf(client: Client, workflowId: string): Promise<{ runId: string; history: History }[]> {
  const runs: { runId: string; history: History }[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push({ runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

/**
 * Scans every run of the workflow: the decoded payloads (through the client's codecs, should
 * Roster add one) and the whole history's text, failure messages and stack traces included.
 */
export async function scanWorkflow(client: Client, workflowId: string, forbidden: string[]): Promise<ScannedRun[]> {
  const codecs = client.options.loadedDataConverter.payloadCodecs;
  const scanned: ScannedRun[] = [];
  for (const { runId, history } of await runsOf(client, workflowId)) {
    let payloads = payloadsIn(history);
    for (const codec of [...codecs].reverse()) payloads = (await codec.decode(payloads as never)) as Payload[];
    const text = [JSON.stringify(history, (_key, value) => (value instanceof Uint8Array ? utf8(value) : value)), ...payloads.map((p) => utf8(p.data ?? new Uint8Array()))].join('\n').toLowerCase();
    const leaks = forbidden.filter((term) => text.includes(term.toLowerCase())).map((term) => `${workflowId}/${runId}: ${term}`);
    scanned.push({ workflowId, runId, events: history.events?.length ?? 0, payloads: payloads.length, largestPayloadBytes: Math.max(0, ...payloads.map((p) => p.data?.length ?? 0)), leaks });
  }
  return scanned;
}

/** The tenant's workflow and the workflow of every run it started. */
export async function scanTenant(client: Client, tenantId: string, syncIds: string[], forbidden: string[]): Promise<ScannedRun[]> {
  const scanned = await scanWorkflow(client, `tenant-${tenantId}`, forbidden);
  for (const syncId of syncIds) scanned.push(...(await scanWorkflow(client, `sync-${syncId}`, forbidden)));
  return scanned;
}

/** The run of the workflow (the current one or one it continued from) whose history has an event that `matches`. */
export async function findRun(client: Client, workflowId: string, matches: (event: NonNullable<History['events']>[number]) => boolean): Promise<string | undefined> {
  for (const { runId, history } of await runsOf(client, workflowId)) if (history.events?.some(matches)) return runId;
  return undefined;
}

/** The activities of a workflow that had to be tried again (attempt > 1), in order: what a kill cost it. */
export async function retriedActivities(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const scheduled = new Map(history.events!.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes!.activityType!.name]));
  return history.events!.filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1).map((e) => scheduled.get(String(e.activityTaskStartedEventAttributes!.scheduledEventId))!);
}
