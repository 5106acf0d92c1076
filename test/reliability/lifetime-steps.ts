// The steps of lifetime-walk.test.ts beyond those of onboarding-steps.ts: kick-off to ready with the
// key entered on the call, go-live at a time, offboarding; the schedule and the runs it starts; and
// the platform checked against the directory after every applied run.
import { ScheduleNotFoundError } from '@temporalio/client';
import { expect } from 'vitest';
import { addDays } from '../../activities/hris/dates';
import { tenantScheduleId } from '../../common/workflow-ids';
import { writes, type ScimPlatform } from '../activities/platform/scim-platform';
import type { FakePerson, HumaansDataset } from '../fakes/humaans-datasets';
import { eventually, type TestStack } from '../support/stack';
import { automaticTest, finished, runsOf, tenantBody, today, walkConfig, type Walk } from './onboarding-steps';

// ---------------------------------------------------------------------------------------------
// The tenant's stages, as support takes it through them

export const tenantPath = (walk: Walk) => `/api/tenants/${walk.id}`;
export const tenantOf = async (walk: Walk) => (await walk.support('GET', tenantPath(walk))).body;
/** How a run that went well ends. */
export const finalStatus = expect.stringMatching(/^(success|warning)$/);

/** The tenant's history as support reads it, without the schedule's own entries (skipped fires come when they come). */
export const historyOf = (tenant: { history: { actor: string; action: string; from?: string; to?: string }[] }) =>
  tenant.history.filter(({ action }) => action !== 'scheduled_run_skipped').map(({ actor, action, from, to }) => ({ actor, action, from, to }));

/**
 * Kick-off to ready: support creates the tenant, records the config (syncing every minute),
 * completes the kick-off and enters the key on the call; the test the tenant starts by itself
 * plans the initial load and writes nothing; support approves it.
 */
export async function onboard(walk: Walk, platform: ScimPlatform): Promise<void> {
  const created = await walk.support('POST', '/api/tenants', tenantBody(walk, platform));
  expect(created.status, created.text).toBe(201);
  const configured = await walk.support('PUT', `${tenantPath(walk)}/config`, everyMinuteConfig);
  expect(configured.status, configured.text).toBe(200);
  const kickedOff = await walk.support('POST', `${tenantPath(walk)}/kickoff/complete`, {});
  expect(kickedOff.body.stage, kickedOff.text).toBe('authorization');
  const keyed = await walk.support('POST', `${tenantPath(walk)}/credentials`, { apiKey: walk.hrisKey });
  expect(keyed.body, keyed.text).toMatchObject({ stage: 'testing', hris: { credential: { status: 'verified' } } });
  const test = await finished(walk, (await automaticTest(walk)).id);
  expect(test).toMatchObject({ trigger: 'test', mode: 'dry_run', requestedBy: 'system', status: finalStatus });
  expect(test.planned.created).toBeGreaterThan(60);
  expect(writes(walk.scim.operations)).toEqual([]);
  const approved = await walk.support('POST', `${tenantPath(walk)}/test/approve`, {});
  expect(approved.body.stage, approved.text).toBe('ready');
}

/** Support schedules the go-live `inMs` from now: the tenant waits in ready. Returns the time asked for. */
export async function goLiveIn(walk: Walk, inMs: number): Promise<string> {
  const at = new Date(Date.now() + inMs).toISOString();
  const scheduled = await walk.support('POST', `${tenantPath(walk)}/go-live`, { at });
  expect(scheduled.status, scheduled.text).toBe(200);
  expect(scheduled.body).toMatchObject({ stage: 'ready', goLive: { status: 'scheduled', at } });
  return at;
}

/** The tenant once it is live, its initial load ended and no run open; with that load. A failed go-live fails at once. */
export async function wentLive(walk: Walk): Promise<{ tenant: any; load: any }> {
  const tenant = await eventually(async () => {
    const now = await tenantOf(walk);
    if (now.goLive?.status === 'failed') throw new Error(`The go-live of ${walk.id} failed: ${now.goLive.reason}`);
    return now.stage === 'live' && !now.activeSyncId && now;
  }, 90_000);
  const load = (await runsOf(walk)).find((run) => run.trigger === 'initial_load');
  return { tenant, load: await runEnded(walk, load.id) };
}

/**
 * Offboarding: syncing stops for good, the schedule goes, and every account on the platform stays
 * exactly as it was. The walk's runs, read before offboarding, are kept in `runIds`.
 */
export async function offboard(stack: TestStack, walk: Walk, leavers: string[], runIds: Map<string, string[]>) {
  const fires = await expectEveryFireAccountedFor(stack, walk);
  runIds.set(walk.id, (await runsOf(walk)).map((run) => run.id));
  const accounts = structuredClone(walk.scim.directory.users());
  const operations = walk.scim.operations.length;
  const offboarded = await stack.request('DELETE', tenantPath(walk), {});
  walk.answers.push(offboarded.text);
  expect(offboarded.status, offboarded.text).toBe(200);
  expect(offboarded.body.stage).toBe('offboarded');
  expect(offboarded.body.schedule).toBeUndefined();
  await scheduleIsGone(stack, walk);
  expect(walk.scim.directory.users()).toEqual(accounts);
  expect(writes(walk.scim.operations.slice(operations))).toEqual([]);
  expectPlatformMatchesDirectory(walk, leavers);
  return { tenant: offboarded.body, fires };
}

// ---------------------------------------------------------------------------------------------
// After go-live: the schedule, the runs it starts, and the platform against the directory

/** The walk's config syncing every minute, to watch the schedule fire (the API must allow it: `minScheduleMinutes: 1`). */
export const everyMinuteConfig = { ...walkConfig, schedule: { cron: '* * * * *', timezone: 'UTC', jitterMinutes: 0 } };

/** The tenant's Temporal Schedule, `schedule-<tenantId>`. */
export const scheduleOf = (stack: TestStack, walk: Walk) => stack.client.schedule.getHandle(tenantScheduleId(walk.id));

/** Resolves once the scheduler shows the schedule paused (or running): it applies pause requests a moment after they are made. */
export async function scheduleIsPaused(stack: TestStack, walk: Walk, paused: boolean): Promise<void> {
  await eventually(async () => (await scheduleOf(stack, walk).describe()).state.paused === paused, 20_000);
}

/** Resolves once the schedule no longer exists. */
export async function scheduleIsGone(stack: TestStack, walk: Walk): Promise<void> {
  await eventually(async () => {
    try {
      await scheduleOf(stack, walk).describe();
      return false;
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return true;
      throw error;
    }
  }, 30_000);
}

/** The first run with `trigger` started at or after `since` (ms since the epoch), once it has started. */
export function runStarted(walk: Walk, trigger: string, since: number, timeoutMs = 90_000): Promise<any> {
  return eventually(async () => (await runsOf(walk)).filter((run) => run.trigger === trigger && Date.parse(run.startedAt) >= since).at(-1), timeoutMs);
}

/** The run once its final status is written: the last thing a run writes, after the tenant recorded its end. */
export function runEnded(walk: Walk, syncId: string, timeoutMs = 90_000): Promise<any> {
  return eventually(async () => {
    const run = (await walk.support('GET', `/api/syncs/${syncId}`)).body;
    return run.finishedAt !== undefined && run;
  }, timeoutMs);
}

/**
 * Whether the HRIS's latest request for people asks for the page starting at `skip`. A run reads
 * the pages in order and runs never overlap, so once a run has started this says that run is
 * reading there (an earlier run's last request was for its last page).
 */
export function readingPeopleAt(walk: Walk, skip: number): boolean {
  const latest = walk.hris.calls('/people').at(-1);
  return latest !== undefined && Number(latest.query.$skip ?? 0) === skip;
}

/** The deactivations made by the applied runs that ended at or after `since`, between them. */
export async function deactivationsSince(walk: Walk, since: number): Promise<number> {
  const ended = (await runsOf(walk)).filter((run) => run.mode === 'apply' && run.finishedAt && Date.parse(run.finishedAt) >= since);
  return ended.reduce((sum, run) => sum + run.counts.deactivated, 0);
}

/** Humaans statuses of someone who works here or is about to start (docs/CONNECTORS.md, "Humaans"). */
const employedStatuses = ['active', 'newHire', 'new_hire', 'onboarding', 'preboarding'];

/**
 * Who must have an active account, by HRIS id, with the user name it must carry: everyone Humaans
 * says works here or is about to start, whose end date has not passed (the kick-off config syncs
 * active and onboarding people; none of its exclusion rules match this company), and whose work
 * e-mail (lower-cased: the identity key) is theirs alone. A missing or shared e-mail is a data
 * problem the run reports and skips.
 */
export function employedAccounts(dataset: HumaansDataset): Map<string, string> {
  const employed = dataset.people.filter((person) => {
    const endDate = person.employmentEndDate ?? person.lastWorkingDay;
    return employedStatuses.includes(person.status ?? '') && !(endDate && endDate < today);
  });
  const emailOf = (person: FakePerson) => person.email?.trim().toLowerCase() || undefined;
  const holders = new Map<string, number>();
  for (const person of employed) {
    const email = emailOf(person);
    if (email) holders.set(email, (holders.get(email) ?? 0) + 1);
  }
  return new Map(employed.flatMap((person) => (holders.get(emailOf(person) ?? '') === 1 ? [[person.id, emailOf(person)!] as const] : [])));
}

/** Someone leaves: Humaans marks them offboarded, their last day yesterday. Returns their HRIS id. */
export function terminate(walk: Walk, hrisId: string): string {
  const person = walk.hris.dataset.people.find((candidate) => candidate.id === hrisId);
  if (!person || !employedAccounts(walk.hris.dataset).has(hrisId)) throw new Error(`${hrisId} does not work here: only someone employed can leave`);
  const yesterday = addDays(today, -1);
  Object.assign(person, { status: 'offboarded', employmentEndDate: yesterday, lastWorkingDay: yesterday, leavingReason: 'resignation' });
  return hrisId;
}

/**
 * The platform as the directory says, after an applied run: everyone employed has an active
 * account named by their work e-mail, nobody else has an active account Roster manages, every
 * leaver's account is still there but deactivated, nothing was ever deleted, and the accounts
 * Roster did not create (a platform admin) were never written to.
 */
export function expectPlatformMatchesDirectory(walk: Walk, leavers: string[] = []): void {
  const wanted = employedAccounts(walk.hris.dataset);
  const users = walk.scim.directory.users();
  const managed = new Map(users.filter((user) => typeof user.externalId === 'string').map((user) => [user.externalId as string, user]));
  const shown = (hrisId: string) => {
    const user = managed.get(hrisId);
    return user && { userName: user.userName, active: user.active };
  };
  expect(new Map([...wanted.keys()].map((hrisId) => [hrisId, shown(hrisId)]))).toEqual(new Map([...wanted].map(([hrisId, userName]) => [hrisId, { userName, active: true }])));
  expect([...managed].filter(([hrisId, user]) => user.active === true && !wanted.has(hrisId)).map(([hrisId]) => hrisId)).toEqual([]);
  for (const hrisId of leavers) expect(shown(hrisId), hrisId).toEqual({ userName: expect.any(String), active: false });
  expect(writes(walk.scim.operations).filter((operation) => operation.method === 'DELETE')).toEqual([]);
  const unmanaged = new Set(users.filter((user) => user.externalId === undefined).map((user) => user.id));
  expect(writes(walk.scim.operations).filter((operation) => operation.resourceId !== undefined && unmanaged.has(operation.resourceId))).toEqual([]);
}

/**
 * Every fire of the schedule so far became a run or a `scheduled_run_skipped` entry in the
 * tenant's history, never nothing; and a fire skipped because a run was open names a run of the
 * tenant that had not ended when the fire came. Call it while no fire is due.
 */
export async function expectEveryFireAccountedFor(stack: TestStack, walk: Walk): Promise<{ fires: number; runs: number; skips: { at: string; reason: string }[] }> {
  const count = async () => {
    const { info } = await scheduleOf(stack, walk).describe();
    const runs = (await runsOf(walk)).filter((run) => run.trigger === 'schedule');
    const history: { action: string; actor: string; at: string; reason: string }[] = (await walk.support('GET', `/api/tenants/${walk.id}`)).body.history;
    const skips = history.filter((entry) => entry.action === 'scheduled_run_skipped');
    return { fires: info.numActionsTaken, runs, skips };
  };
  let seen = await count();
  await eventually(async () => {
    seen = await count();
    return seen.fires === seen.runs.length + seen.skips.length;
  }, 30_000).catch(() => undefined);
  expect({ fires: seen.fires, accountedFor: seen.runs.length + seen.skips.length }).toEqual({ fires: seen.fires, accountedFor: seen.fires });
  const all = await runsOf(walk);
  for (const skip of seen.skips) {
    expect(skip.actor).toBe('schedule');
    const [, firedAt, openRun] = /^Fired at (\S+): (?:run (\S+) was still open|the tenant is \w+)\.$/.exec(skip.reason) ?? [];
    expect(firedAt, skip.reason).toBeDefined();
    if (!openRun) continue;
    const run = all.find((candidate) => candidate.id === openRun);
    expect(run, skip.reason).toBeDefined();
    if (run.finishedAt) expect(Date.parse(run.finishedAt), skip.reason).toBeGreaterThanOrEqual(Date.parse(firedAt!));
  }
  return { fires: seen.fires, runs: seen.runs.length, skips: seen.skips.map(({ at, reason }) => ({ at, reason })) };
}
