// Issue 6's lifetime walk on the real stack (docs/PRODUCT.md "The tenant lifecycle", "What each stage
// allows"): a Humaans tenant (a fake with its own key) syncing to its own directory on the real
// scimmy SCIM server, taken through every stage through the API as support's playbook has it. The
// worker is the production one, run as a separate OS process (worker-process.ts); the tenant's
// schedule fires every minute (the API allows 1-minute schedules here), so the walk waits for real
// fires.
//
//   1. The walk: kick-off to ready, go-live at a time, the initial load, the schedule firing by
//      itself, an on-demand sync (a second request refused while it runs), pause and resume, the
//      key revoked in Humaans (the next run moves the tenant to needs_reauthorization, the HRIS
//      admin gets a fresh link), a new key through that link, and offboarding. After every applied
//      run the platform's accounts match the directory: everyone employed has an active account
//      named by their work e-mail, and a leaver's account is deactivated, never deleted.
//   2. The same from ready to offboarded with the worker SIGKILLed and replaced while the go-live
//      waits for its time, while the initial load pages the directory, and while a scheduled run
//      does. The server is told of each kill at once (worker-process.ts), so nothing waits out a
//      timeout.
//   3. The HRIS keys (the revoked one and its replacement) and the link tokens left nowhere: no
//      workflow history, no log line, no e-mail, no API answer.
//
// Every fire of the schedule must become a run or a `scheduled_run_skipped` entry in the tenant's
// history (a fire that lands while a run is open); each walk checks that before it offboards.
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { syncWorkflowId } from '../../common/workflow-ids';
import { writes, startScimPlatform, type ScimPlatform } from '../activities/platform/scim-platform';
import { testSecret } from '../replay/record-history';
import { eventually, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';
import { peopleOf, retriedActivities, scanTenant } from './history-scan';
import {
  deactivationsSince,
  employedAccounts,
  expectPlatformMatchesDirectory,
  finalStatus,
  goLiveIn,
  historyOf,
  offboard,
  onboard,
  readingPeopleAt,
  runEnded,
  runStarted,
  scheduleIsPaused,
  scheduleOf,
  tenantOf,
  tenantPath,
  terminate,
  wentLive,
} from './lifetime-steps';
import { forgetCachedWorkflows, mailTexts, newWalk, publicUrl, quiet, replaceWorkerMidActivity, tokenOf, WorkerProcesses, type Walk } from './onboarding-steps';

let stack: TestStack;
let platform: ScimPlatform;
let workers: WorkerProcesses;
/** Support's own API token: its name is the actor the tenant's history records. */
const supportName = `support-desk-${uniqueTenantId('token')}`;
let supportToken: string;
/** Every walk of this file, every HRIS key it used and every link token it was e-mailed, for the scans at the end. */
const walks: Walk[] = [];
const hrisKeys: string[] = [];
const linkTokens: string[] = [];
/** Each walk's runs, read before offboarding. */
const runIds = new Map<string, string[]>();

beforeAll(async () => {
  platform = await startScimPlatform();
  stack = await startTestStack({ publicUrl, minScheduleMinutes: 1 }, { startWorker: false });
  workers = new WorkerProcesses(stack);
  supportToken = await createToken(stack.db, supportName, 'support');
  await workers.start();
});
afterAll(async () => {
  // A walk that failed half-way must not leave a schedule firing every minute on the shared server.
  for (const walk of walks) await scheduleOf(stack, walk).delete().catch(() => undefined);
  await workers?.stop();
  await stack?.stop();
  await platform?.stop();
  for (const walk of walks) await walk.hris.close();
});

/** From kick-off to ready, as the onboarding walk takes it. */
const onboardingHistory = () => [
  { actor: supportName, action: 'created', to: 'kickoff' },
  { actor: supportName, action: 'config_changed' },
  { actor: supportName, action: 'kickoff_completed', from: 'kickoff', to: 'authorization' },
  { actor: supportName, action: 'credential_verified', from: 'authorization', to: 'testing' },
  { actor: supportName, action: 'test_approved', from: 'testing', to: 'ready' },
];

/** A new tenant with its own Humaans and platform directory; the platform has an admin account Roster must never touch. */
async function begin(prefix: string): Promise<Walk> {
  const walk = await newWalk(stack, platform, supportToken, prefix);
  walks.push(walk);
  hrisKeys.push(walk.hrisKey, walk.wrongKey);
  walk.scim.seedUser({ userName: `admin@${walk.id}.platform.example`, active: true, name: { givenName: 'Platform', familyName: 'Admin' } });
  return walk;
}

it('walks a Humaans tenant through its whole life: go-live, the schedule, on demand, pause, a revoked key and a new one, offboarding', async () => {
  const walk = await begin('life');
  const leavers: string[] = [];

  // 1. Kick-off to ready.
  await onboard(walk, platform);

  // 2. Go-live in five seconds: the tenant waits in ready until then; the initial load applies the
  //    directory, the schedule is created, and the tenant is live.
  const at = await goLiveIn(walk, 5_000);
  const { tenant: live, load } = await wentLive(walk);
  expect(load).toMatchObject({ mode: 'apply', status: finalStatus, counts: { failed: 0 } });
  expect(Date.parse(load.startedAt)).toBeGreaterThanOrEqual(Date.parse(at));
  expect(live.goLive).toBeUndefined();
  expect(live).toMatchObject({ schedule: { cron: '* * * * *', timezone: 'UTC', paused: false, nextRunAt: expect.any(String) }, hypercareUntil: expect.any(String) });
  expect(load.counts.created).toBe(load.planned.created);
  // Exactly the people employed got accounts: the platform held only its admin before.
  expect(load.counts.created).toBe(employedAccounts(walk.hris.dataset).size);
  expectPlatformMatchesDirectory(walk);

  // 3. The schedule is Temporal's `schedule-<id>`: every minute, running, and all its action does
  //    is ask the tenant workflow for a run.
  const schedule = await scheduleOf(stack, walk).describe();
  expect(schedule.state.paused).toBe(false);
  expect(schedule.memo).toMatchObject({ spec: expect.stringContaining('"cron":"* * * * *"') });
  expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'scheduledRunWorkflow', taskQueue: stack.taskQueue, args: [{ tenantId: walk.id }] });
  expect(schedule.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
  expect(schedule.info.nextActionTimes[0]!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);

  // 4. Someone leaves (Humaans marks them offboarded), then the schedule fires by itself: its run
  //    deactivates them (unless a run already open read them first) and leaves everyone else as
  //    they are.
  const firstLeft = Date.now();
  leavers.push(terminate(walk, 'p-f0007'));
  const scheduled = await runEnded(walk, (await runStarted(walk, 'schedule', firstLeft, 75_000)).id);
  expect(scheduled).toMatchObject({ mode: 'apply', requestedBy: 'schedule', status: finalStatus, counts: { created: 0, failed: 0 } });
  expect(await deactivationsSince(walk, firstLeft)).toBe(1);
  expectPlatformMatchesDirectory(walk, leavers);

  // 5. On demand, with another leaver and Humaans answering slowly: the run starts at once, and a
  //    second request while it runs is refused, naming it.
  leavers.push(terminate(walk, 'p-f0012'));
  walk.hris.faults.delayMs = 300;
  const asked = await walk.support('POST', `${tenantPath(walk)}/syncs`, {});
  expect(asked.status, asked.text).toBe(202);
  const again = await walk.support('POST', `${tenantPath(walk)}/syncs`, {});
  expect(again.status, again.text).toBe(409);
  expect(again.body.error).toMatchObject({ code: 'sync_in_progress', syncId: asked.body.syncId });
  const onDemand = await runEnded(walk, asked.body.syncId);
  walk.hris.faults.delayMs = 0;
  expect(onDemand).toMatchObject({ trigger: 'manual', mode: 'apply', requestedBy: supportName, status: finalStatus, counts: { deactivated: 1, failed: 0 } });
  expectPlatformMatchesDirectory(walk, leavers);

  // 6. Pause and resume: the schedule pauses with the tenant (with support's reason as its note)
  //    and runs again when it resumes.
  const paused = await walk.support('POST', `${tenantPath(walk)}/pause`, { reason: 'the customer is restructuring' });
  expect(paused.body, paused.text).toMatchObject({ stage: 'paused', schedule: { paused: true } });
  await scheduleIsPaused(stack, walk, true);
  expect((await scheduleOf(stack, walk).describe()).state.note).toContain('the customer is restructuring');
  const resumed = await walk.support('POST', `${tenantPath(walk)}/resume`, {});
  expect(resumed.body, resumed.text).toMatchObject({ stage: 'live', schedule: { paused: false } });
  await scheduleIsPaused(stack, walk, false);

  // 7. Humaans revokes the key. The next run is refused and applies nothing; the tenant needs
  //    reauthorization, its schedule pauses, and the HRIS admin is e-mailed a fresh link.
  const writesBefore = writes(walk.scim.operations).length;
  walk.hris.faults.status = 401;
  const stuck = await eventually(async () => {
    const now = await tenantOf(walk);
    return now.stage === 'needs_reauthorization' && now;
  }, 90_000);
  const rejection = stuck.history.find((entry: { action: string }) => entry.action === 'credential_rejected');
  expect(rejection).toMatchObject({ actor: 'system', from: 'live', to: 'needs_reauthorization' });
  const refused = await runEnded(walk, /during run (\S+)\.$/.exec(rejection.reason)![1]!);
  expect(refused).toMatchObject({ trigger: 'schedule', mode: 'apply', error: { code: 'credentials_rejected' } });
  expect(stuck).toMatchObject({ hris: { credential: { status: 'rejected' } }, schedule: { paused: true } });
  await scheduleIsPaused(stack, walk, true);
  expect(writes(walk.scim.operations)).toHaveLength(writesBefore);
  const mail = await stack.mail.waitFor((m) => m.to.includes(walk.hrisAdminEmail), 30_000);
  expect(mail).toMatchObject({ to: [walk.hrisAdminEmail], subject: `${walk.name}: please connect Humaans to Roster` });
  const url = /http:\/\/roster\.test\/authorize\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(url, mail.text).toBeDefined();
  linkTokens.push(tokenOf(url!));

  // 8. The HRIS admin creates a new key in Humaans and pastes it through the link (the revoked
  //    one is refused there too): the tenant is live again and its schedule runs.
  const newKey = testSecret('new-hris');
  hrisKeys.push(newKey);
  walk.hris.token = newKey;
  walk.hris.faults.status = undefined;
  expect((await walk.openPage(url!)).status).toBe(200);
  const old = await walk.customer('POST', `/api/authorize/${tokenOf(url!)}`, { apiKey: walk.hrisKey });
  expect(old.status, old.text).toBe(400);
  expect(old.body.error.code).toBe('credentials_rejected');
  const handedOver = await walk.customer('POST', `/api/authorize/${tokenOf(url!)}`, { apiKey: newKey });
  expect(handedOver.status, handedOver.text).toBe(200);
  expect(await tenantOf(walk)).toMatchObject({ stage: 'live', hris: { credential: { status: 'verified' } }, schedule: { paused: false } });
  await scheduleIsPaused(stack, walk, false);

  // 9. The schedule fires by itself again; its run reads Humaans with the new key and
  //    deactivates the next leaver.
  const lastLeft = Date.now();
  leavers.push(terminate(walk, 'p-f0021'));
  const afterNewKey = await runEnded(walk, (await runStarted(walk, 'schedule', lastLeft, 75_000)).id);
  expect(afterNewKey).toMatchObject({ mode: 'apply', status: finalStatus, counts: { failed: 0 } });
  expect(await deactivationsSince(walk, lastLeft)).toBe(1);
  expectPlatformMatchesDirectory(walk, leavers);

  // 10. Offboarding.
  const { tenant: offboarded, fires } = await offboard(stack, walk, leavers, runIds);
  // The schedule started the run after go-live, the refused one and the one with the new key, at least.
  expect(fires.runs).toBeGreaterThanOrEqual(3);
  expect(historyOf(offboarded)).toEqual([
    ...onboardingHistory(),
    { actor: supportName, action: 'go_live_scheduled' },
    { actor: 'system', action: 'initial_load_started' },
    { actor: 'system', action: 'went_live', from: 'ready', to: 'live' },
    { actor: supportName, action: 'paused', from: 'live', to: 'paused' },
    { actor: supportName, action: 'resumed', from: 'paused', to: 'live' },
    { actor: 'system', action: 'credential_rejected', from: 'live', to: 'needs_reauthorization' },
    { actor: 'hris-admin:link', action: 'credential_verified', from: 'needs_reauthorization', to: 'live' },
    { actor: 'admin-env', action: 'offboarded', from: 'live', to: 'offboarded' },
  ]);
}, 420_000);

it('carries the walk on after the worker is SIGKILLed while the go-live waits, mid-initial-load and mid-scheduled-run', async () => {
  const walk = await begin('crash');
  const leavers: string[] = [];
  await onboard(walk, platform);

  // 1. The go-live waits for its time (in 20 s): the worker dies a few seconds after the request,
  //    and a new one takes over before that time. Humaans answers slowly from now on, so the initial
  //    load is still paging the directory when the next kill comes.
  const at = await goLiveIn(walk, 20_000);
  await quiet(stack, walk.id);
  await workers.kill();
  await forgetCachedWorkflows(stack, [walk.workflowId]);
  walk.hris.faults.delayMs = 400;
  await workers.start();
  expect(Date.now()).toBeLessThan(Date.parse(at));

  //    The go-live happens on time, with the new worker: the initial load starts when asked for.
  const load = await runStarted(walk, 'initial_load', 0, 60_000);
  expect(Date.parse(load.startedAt)).toBeGreaterThanOrEqual(Date.parse(at));
  expect(Date.parse(load.startedAt)).toBeLessThan(Date.parse(at) + 10_000);

  // 2. The initial load: the worker dies while the load reads the third page of people; a new one
  //    resumes the read where it stopped, and the tenant goes live.
  const loadWorkflowId = syncWorkflowId(load.id);
  await eventually(async () => readingPeopleAt(walk, 60), 30_000);
  await workers.kill();
  expect(await stack.db('sync_runs').where({ id: load.id }).first('status', 'phase')).toEqual({ status: 'running', phase: 'fetching' });
  walk.hris.faults.delayMs = 0;
  await replaceWorkerMidActivity(workers, stack, [walk.workflowId, loadWorkflowId], loadWorkflowId, 'fetchDirectory');
  const { tenant: live, load: loaded } = await wentLive(walk);
  expect(loaded).toMatchObject({ id: load.id, mode: 'apply', status: finalStatus, counts: { failed: 0 } });
  expect(loaded.counts.created).toBe(loaded.planned.created);
  expect(await retriedActivities(stack.client, loadWorkflowId)).toEqual(['fetchDirectory']);
  expect(live.schedule).toMatchObject({ paused: false });
  expectPlatformMatchesDirectory(walk);

  // 3. A scheduled run: someone leaves, Humaans is slow again, and the worker dies while the run
  //    reads the third page of people; a new one finishes it.
  const left = Date.now();
  leavers.push(terminate(walk, 'p-f0033'));
  walk.hris.faults.delayMs = 400;
  const scheduled = await runStarted(walk, 'schedule', left, 75_000);
  const runWorkflowId = syncWorkflowId(scheduled.id);
  await eventually(async () => readingPeopleAt(walk, 60), 30_000);
  await workers.kill();
  expect(await stack.db('sync_runs').where({ id: scheduled.id }).first('status', 'phase')).toEqual({ status: 'running', phase: 'fetching' });
  walk.hris.faults.delayMs = 0;
  await replaceWorkerMidActivity(workers, stack, [walk.workflowId, runWorkflowId], runWorkflowId, 'fetchDirectory');
  const ran = await runEnded(walk, scheduled.id);
  expect(ran).toMatchObject({ trigger: 'schedule', mode: 'apply', status: finalStatus, counts: { created: 0, failed: 0 } });
  expect(await deactivationsSince(walk, left)).toBe(1);
  expect(await retriedActivities(stack.client, runWorkflowId)).toEqual(['fetchDirectory']);
  expectPlatformMatchesDirectory(walk, leavers);

  // 4. The walk ends as the undisturbed one does: offboarded, the platform as the directory says.
  const { tenant: offboarded, fires } = await offboard(stack, walk, leavers, runIds);
  expect(fires.runs).toBeGreaterThanOrEqual(1);
  expect(historyOf(offboarded)).toEqual([
    ...onboardingHistory(),
    { actor: supportName, action: 'go_live_scheduled' },
    { actor: 'system', action: 'initial_load_started' },
    { actor: 'system', action: 'went_live', from: 'ready', to: 'live' },
    { actor: 'admin-env', action: 'offboarded', from: 'live', to: 'offboarded' },
  ]);
  expect(workers.all.length).toBeGreaterThanOrEqual(4);
}, 300_000);

it('leaves the HRIS keys, revoked and new, and the link tokens in no history, log line, e-mail or API answer', async () => {
  expect(walks).toHaveLength(2);
  expect(linkTokens).toHaveLength(1);
  const logs = [...stack.logs, ...workers.output()].join('\n');
  const mails = (await mailTexts(stack, walks.map((walk) => walk.id))).join('\n');
  const secrets = [...hrisKeys, ...walks.map((walk) => walk.platformToken)];

  for (const walk of walks) {
    // The tenant workflow's every run and the workflow of every run it started.
    const scanned = await scanTenant(stack.client, walk.id, runIds.get(walk.id)!, [...secrets, ...linkTokens, ...peopleOf(walk.hris.dataset)]);
    expect(scanned.length).toBeGreaterThan(3);
    expect(scanned.flatMap((run) => run.leaks)).toEqual([]);
    const answers = walk.answers.join('\n');
    for (const secret of [...secrets, ...linkTokens]) expect(answers).not.toContain(secret);
  }
  for (const secret of secrets) {
    expect(logs).not.toContain(secret);
    expect(mails).not.toContain(secret);
  }
  // The fresh link Roster issued by itself travels in its e-mail, and nowhere else.
  for (const token of linkTokens) {
    expect(logs).not.toContain(token);
    expect(mails).toContain(token);
  }
  // The scans see what they scan.
  for (const walk of walks) expect(workers.output().join('\n')).toContain(walk.id);
});
