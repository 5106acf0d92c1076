// Issue 5's onboarding walk on the real stack (docs/PRODUCT.md "The tenant lifecycle", "What each stage
// allows"): a Humaans tenant (a fake with its own key) syncing to its own directory on the real
// scimmy SCIM server, taken from kick-off to ready through the API as support's playbook has it,
// the key handed over by the customer's HRIS admin through the authorization link they were
// e-mailed. The worker is the production one, run as a separate OS process (worker-process.ts).
//
//   1. The walk: kick-off, the link and its e-mail and page, a rejected key and the right one, the
//      test the tenant starts by itself (a dry run: the platform is only read), the approval.
//   2. The same walk with the worker SIGKILLed and replaced in each stage: in kickoff, in
//      authorization, in testing while the automatic test is paging the directory, and in ready.
//      The server is told of each kill at once (worker-process.ts), so nothing waits out a timeout.
//   3. The HRIS key and the link token left nowhere: no workflow history (every run of the tenant
//      workflow and every run it started), no log line, no e-mail, no API answer.
//
// With RECORD_HISTORIES=1 the first walk records test/replay/histories/tenant-onboarding-walk.json
// (the tenant workflow's run that took the key and ran the test) and sync-run-automatic-test.json.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { syncWorkflowId } from '../../common/workflow-ids';
import { stateQuery } from '../../workflows/tenant-messages';
import { startScimPlatform, writes, type ScimPlatform } from '../activities/platform/scim-platform';
import { eventually, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';
import { recordHistory } from '../replay/record-history';
import { findRun, peopleOf, retriedActivities, scanTenant } from './history-scan';
import {
  automaticTest,
  finished,
  forgetCachedWorkflows,
  mailTexts,
  newWalk,
  publicUrl,
  quiet,
  replaceWorkerMidActivity,
  runsOf,
  tenantBody,
  tokenOf,
  walkConfig,
  WorkerProcesses,
  type Walk,
} from './onboarding-steps';

let stack: TestStack;
let platform: ScimPlatform;
let workers: WorkerProcesses;
/** Support's own API token: its name is the actor the tenant's history records. */
const supportName = `support-desk-${uniqueTenantId('token')}`;
let supportToken: string;
/** Every walk of this file and every link it issued, for the scans at the end. */
const walks: Walk[] = [];
const linkTokens: string[] = [];

beforeAll(async () => {
  platform = await startScimPlatform();
  stack = await startTestStack({ publicUrl }, { startWorker: false });
  workers = new WorkerProcesses(stack);
  supportToken = await createToken(stack.db, supportName, 'support');
  await workers.start();
});
afterAll(async () => {
  await workers?.stop();
  await stack?.stop();
  await platform?.stop();
  for (const walk of walks) await walk.hris.close();
});

async function begin(prefix: string): Promise<Walk> {
  const walk = await newWalk(stack, platform, supportToken, prefix);
  walks.push(walk);
  return walk;
}

const tenantPath = (walk: Walk) => `/api/tenants/${walk.id}`;
const stageOf = async (walk: Walk) => (await walk.support('GET', tenantPath(walk))).body.stage;

/** The tenant's history as support reads it: who did what, from which stage to which. */
const historyOf = (tenant: { history: { actor: string; action: string; from?: string; to?: string }[] }) => tenant.history.map(({ actor, action, from, to }) => ({ actor, action, from, to }));

/** Every step of the walk on the record, each with who took it. */
const walkHistory = () => [
  { actor: supportName, action: 'created', to: 'kickoff' },
  { actor: supportName, action: 'config_changed' },
  { actor: supportName, action: 'kickoff_completed', from: 'kickoff', to: 'authorization' },
  { actor: supportName, action: 'authorization_link_issued' },
  { actor: 'hris-admin:link', action: 'credential_verified', from: 'authorization', to: 'testing' },
  { actor: supportName, action: 'test_approved', from: 'testing', to: 'ready' },
];

/** Support creates the tenant and records what the kick-off call decided. */
async function createAndConfigure(walk: Walk): Promise<void> {
  const created = await walk.support('POST', '/api/tenants', tenantBody(walk, platform));
  expect(created.status, created.text).toBe(201);
  expect(created.body.stage).toBe('kickoff');
  const configured = await walk.support('PUT', `${tenantPath(walk)}/config`, walkConfig);
  expect(configured.status, configured.text).toBe(200);
  expect(configured.body.stage).toBe('kickoff');
}

/** Support issues an authorization link; the HRIS admin gets it by e-mail. Returns the URL. */
async function sendLink(walk: Walk): Promise<string> {
  const issued = await walk.support('POST', `${tenantPath(walk)}/authorization-links`, {});
  expect(issued.status, issued.text).toBe(201);
  const url: string = issued.body.url;
  expect(url).toMatch(/^http:\/\/roster\.test\/authorize\/[A-Za-z0-9_-]{43}$/);
  linkTokens.push(tokenOf(url));
  const mail = await stack.mail.waitFor((m) => m.to.includes(walk.hrisAdminEmail));
  expect(mail.to).toEqual([walk.hrisAdminEmail]);
  expect(mail.subject).toBe(`${walk.name}: please connect Humaans to Roster`);
  expect(mail.text).toContain(url);
  return url;
}

/** The test has finished well, and support approves it: the tenant is ready. */
async function approve(walk: Walk, syncId: string) {
  const test = await finished(walk, syncId);
  expect(test).toMatchObject({ trigger: 'test', mode: 'dry_run', requestedBy: 'system', status: expect.stringMatching(/^(success|warning)$/) });
  const approved = await walk.support('POST', `${tenantPath(walk)}/test/approve`, {});
  expect(approved.status, approved.text).toBe(200);
  expect(approved.body.stage).toBe('ready');
  return { test, tenant: approved.body };
}

it('walks a Humaans tenant from kick-off to ready, the HRIS admin handing over the key through the link', async () => {
  const walk = await begin('walk');

  // 1. Kick-off: support creates the tenant, records the config, and completes the kick-off.
  await createAndConfigure(walk);
  const kickedOff = await walk.support('POST', `${tenantPath(walk)}/kickoff/complete`, {});
  expect(kickedOff.status, kickedOff.text).toBe(200);
  expect(kickedOff.body.stage).toBe('authorization');

  // 2. Authorization: the link goes to the HRIS admin, who opens it: a page naming the tenant and
  //    Humaans, where to create the key, and a field for it. The page never repeats the token.
  const url = await sendLink(walk);
  const page = await walk.openPage(url);
  expect(page).toMatchObject({ status: 200, contentType: expect.stringContaining('text/html'), cacheControl: 'no-store' });
  expect(page.html).toContain(`Connect Humaans for ${walk.name}`);
  expect(page.html).toContain('API access tokens');
  expect(page.html).toContain('name="apiKey"');
  expect(page.html).not.toContain(tokenOf(url));

  // 3. A wrong key is rejected at once; the stage stays, and the link still takes a key.
  const rejected = await walk.customer('POST', `/api/authorize/${tokenOf(url)}`, { apiKey: walk.wrongKey });
  expect(rejected.status, rejected.text).toBe(400);
  expect(rejected.body.error).toMatchObject({ code: 'credentials_rejected', triesLeft: 4, linkRevoked: false });
  expect(await stageOf(walk)).toBe('authorization');
  expect((await walk.openPage(url)).status).toBe(200);

  // 4. The right key is verified: the tenant moves to testing and starts a test by itself.
  const verified = await walk.customer('POST', `/api/authorize/${tokenOf(url)}`, { apiKey: walk.hrisKey });
  expect(verified.status, verified.text).toBe(200);
  expect(verified.body).toEqual({ verified: true });
  expect((await walk.support('GET', tenantPath(walk))).body).toMatchObject({ stage: 'testing', hris: { credential: { status: 'verified' } } });
  const started = await automaticTest(walk);
  expect(started).toMatchObject({ trigger: 'test', mode: 'dry_run', requestedBy: 'system' });

  // 5. Testing: the test plans what the initial load would do, and writes nothing: the platform
  //    was read, never written. Support approves it, and the tenant is ready.
  const { test, tenant } = await approve(walk, started.id);
  expect(test.planned.created).toBeGreaterThan(60);
  expect(await runsOf(walk)).toHaveLength(1);
  expect(walk.scim.operations.length).toBeGreaterThan(0);
  expect(writes(walk.scim.operations)).toEqual([]);
  expect(walk.scim.directory.users()).toEqual([]);
  expect(historyOf(tenant)).toEqual(walkHistory());

  // The replay histories: the tenant workflow's run that took the key and ran the test, and the test.
  const forbidden = [walk.hrisKey, walk.wrongKey, walk.platformToken, tokenOf(url), ...peopleOf(walk.hris.dataset)];
  const testRun = await findRun(stack.client, walk.workflowId, (event) => event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId === syncWorkflowId(test.id));
  expect(testRun).toBeDefined();
  await recordHistory(stack.client, 'tenant-onboarding-walk', walk.workflowId, testRun, forbidden);
  await recordHistory(stack.client, 'sync-run-automatic-test', syncWorkflowId(test.id), undefined, forbidden);
}, 120_000);

it('carries the walk on after the worker is SIGKILLed in kickoff, in authorization, mid-test and in ready', async () => {
  const walk = await begin('crash');
  const peopleRead = (skip: number) => walk.hris.calls('/people').some((call) => Number(call.query.$skip ?? 0) === skip);

  // Kickoff: the worker dies; support completes the kick-off meanwhile, and it is done as soon as
  // a new worker runs.
  await createAndConfigure(walk);
  await quiet(stack, walk.id);
  await workers.kill();
  await forgetCachedWorkflows(stack, [walk.workflowId]);
  const kickingOff = walk.support('POST', `${tenantPath(walk)}/kickoff/complete`, {});
  await workers.start();
  const kickedOff = await kickingOff;
  expect(kickedOff.status, kickedOff.text).toBe(200);
  expect(kickedOff.body.stage).toBe('authorization');

  // Authorization: the link is sent, then the worker dies; the HRIS admin pastes the key
  // meanwhile, and it is taken as soon as a new worker runs. Humaans now answers slowly, so the
  // test this starts is still paging the directory when the next kill comes.
  const url = await sendLink(walk);
  await quiet(stack, walk.id);
  await workers.kill();
  await forgetCachedWorkflows(stack, [walk.workflowId]);
  walk.hris.faults.delayMs = 400;
  const handingOver = walk.customer('POST', `/api/authorize/${tokenOf(url)}`, { apiKey: walk.hrisKey });
  await workers.start();
  const verified = await handingOver;
  expect(verified.status, verified.text).toBe(200);
  expect(await stageOf(walk)).toBe('testing');

  // Testing: the worker dies while the automatic test reads the third page of people; a new
  // worker resumes the read, and the test finishes.
  const started = await automaticTest(walk);
  const runWorkflowId = syncWorkflowId(started.id);
  await eventually(async () => peopleRead(60), 30_000);
  await workers.kill();
  expect(await stack.db('sync_runs').where({ id: started.id }).first('status', 'phase')).toEqual({ status: 'running', phase: 'fetching' });
  walk.hris.faults.delayMs = 0;
  await replaceWorkerMidActivity(workers, stack, [walk.workflowId, runWorkflowId], runWorkflowId, 'fetchDirectory');
  const { test, tenant } = await approve(walk, started.id);
  const retried = await retriedActivities(stack.client, runWorkflowId);
  expect(retried).toEqual(['fetchDirectory']);
  expect(test.planned.created).toBeGreaterThan(60);

  // Ready: the worker dies once more; the new one knows the tenant as it was left.
  await quiet(stack, walk.id);
  await workers.kill();
  await forgetCachedWorkflows(stack, [walk.workflowId]);
  await workers.start();
  const state = await stack.client.workflow.getHandle(walk.workflowId).query(stateQuery);
  expect(state).toMatchObject({ stage: 'ready', credentialVerified: true, testPending: false });
  expect(state.activeSyncId).toBeUndefined();
  const again = await walk.support('POST', `${tenantPath(walk)}/test/approve`, {});
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('invalid_transition');

  // The walk ended as the undisturbed one does: ready, with its one test approved, nothing written.
  expect(await stageOf(walk)).toBe('ready');
  expect(historyOf(tenant)).toEqual(walkHistory());
  expect(await runsOf(walk)).toHaveLength(1);
  expect(writes(walk.scim.operations)).toEqual([]);
}, 180_000);

it('leaves the HRIS key and the link token in no history, log line, e-mail or API answer', async () => {
  expect(walks).toHaveLength(2);
  const logs = [...stack.logs, ...workers.output()].join('\n');
  const mails = (await mailTexts(stack, walks.map((walk) => walk.id))).join('\n');

  for (const walk of walks) {
    const secrets = [walk.hrisKey, walk.wrongKey, walk.platformToken];
    const answers = walk.answers.join('\n');
    // The tenant workflow's every run (it continues as new along the walk) and every run it started.
    const syncIds = (await stack.db('sync_runs').where({ tenant_id: walk.id }).select('id')).map((row) => row.id as string);
    const scanned = await scanTenant(stack.client, walk.id, syncIds, [...secrets, ...linkTokens, ...peopleOf(walk.hris.dataset)]);
    expect(scanned.filter((run) => run.workflowId === walk.workflowId).length).toBeGreaterThan(1);
    expect(scanned.flatMap((run) => run.leaks)).toEqual([]);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(mails).not.toContain(secret);
      expect(answers).not.toContain(secret);
    }
  }
  // The token travels in the URL of its e-mail and the answer that issued it, and nowhere else.
  for (const token of linkTokens) {
    expect(logs).not.toContain(token);
    expect(mails).toContain(token);
    expect(walks.flatMap((walk) => walk.answers).filter((answer) => answer.includes(token))).toHaveLength(1);
  }

  // The scans see what they scan: the API's and the workers' logs, and the insides of payloads.
  expect(stack.logs.join('\n')).toContain('/api/authorize/:linkToken');
  for (const walk of walks) expect(workers.output().join('\n')).toContain(walk.id);
  const control = await scanTenant(stack.client, walks[0]!.id, [], [walks[0]!.hrisAdminEmail]);
  expect(control.flatMap((run) => run.leaks).length).toBeGreaterThan(0);
});
