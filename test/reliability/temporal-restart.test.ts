// Temporal goes away mid-run and comes back (issue 18, "Temporal restarts"): a dev server of this
// test's own, persisting to its SQLite file on a fixed port, is SIGKILLed while a live tenant's run
// creates accounts, then started again on the same port and file. SIGKILL rather than a clean stop
// because a crash is the harder case: no drain, requests cut mid-call, only what SQLite committed
// survives. The production worker runs as its own process (worker/main.ts) and the API is the real
// app; neither is restarted.
//
// While Temporal is away the API answers 503 temporal_unavailable with Retry-After, promptly, on a
// route that needs Temporal, and reads that need only Postgres still answer. Afterwards the same
// client and the same worker reconnect by themselves, the run completes, every person has exactly
// one account, and the same request succeeds.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEPENDENCY_RETRY_AFTER_SECONDS } from '../../api/errors';
import { startScimPlatform, type ScimPlatform } from '../activities/platform/scim-platform';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { checkAnswer } from '../support/contract';
import { eventually, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';
import { testSecret } from '../replay/record-history';
import { accountsCreated, cleanDirectory, expectPlatformMatches, finishedRun, hireAndRename, liveHumaansTenant, requestRun } from './live-tenants';
import { stackWorkerEnv } from './onboarding-steps';
import { startOwnTemporal, type OwnTemporal } from './own-temporal';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

let temporal: OwnTemporal;
let platform: ScimPlatform;
let hris: HumaansFake;
let stack: TestStack;
let worker: WorkerProcess;

beforeAll(async () => {
  [temporal, platform, hris] = await Promise.all([startOwnTemporal(), startScimPlatform(), startHumaansFake({ dataset: cleanDirectory(20), token: testSecret('humaans'), maxLimit: 50 })]);
  stack = await startTestStack({ requireWorker: true }, { startWorker: false, temporalAddress: temporal.address });
  worker = startWorkerProcess(stackWorkerEnv(stack, { TEMPORAL_ADDRESS: temporal.address, LOG_LEVEL: 'info' }));
  await worker.ready;
});
afterAll(async () => {
  await worker?.kill();
  await stack?.stop();
  await platform?.stop();
  await hris?.close();
  await temporal?.stop();
});

/** A request with its Retry-After header, its answer checked against the contract as stack.request does. */
async function send(method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${stack.adminToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) };
  const response = await fetch(stack.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  checkAnswer(method, path, { status: response.status, contentType: response.headers.get('content-type'), text });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: JSON.parse(text) };
}

it('finishes a run through a crash and restart of Temporal, answering 503 temporal_unavailable meanwhile and recovering by itself', async () => {
  // A platform that takes 40 requests a second: the run is still creating accounts when Temporal goes.
  const tenant = await liveHumaansTenant(stack, platform, hris, uniqueTenantId('restart'), { maxRequestsPerSecond: 40, concurrency: 2 });
  const createdAtGoLive = accountsCreated(tenant.scim);
  hireAndRename(hris, 120, 10);
  const syncId = await requestRun(stack, tenant.id);
  await eventually(async () => accountsCreated(tenant.scim) >= createdAtGoLive + 20, 30_000);

  let workerExited = false;
  void worker.exited.then(() => (workerExited = true));
  const linesBeforeCrash = worker.output.length;
  await temporal.crash();
  const createdAtCrash = accountsCreated(tenant.scim);

  // A route that needs Temporal: a clear 503 that says to retry, within seconds, never a 500 or a hang.
  const askedAt = Date.now();
  const refused = await send('POST', `/api/tenants/${tenant.id}/syncs`, {});
  expect(Date.now() - askedAt).toBeLessThan(10_000);
  expect(refused).toMatchObject({ status: 503, retryAfter: String(DEPENDENCY_RETRY_AFTER_SECONDS), body: { error: { code: 'temporal_unavailable' } } });
  expect(refused.body.error.message).toMatch(/cannot reach Temporal.*can be retried/);
  // Not ready, and why; alive all the same; what Postgres holds still reads.
  expect(await send('GET', '/readyz')).toMatchObject({ status: 503, body: { status: 'not_ready', checks: { postgres: 'ok', temporal: 'unreachable', worker: 'unreachable' } } });
  expect((await send('GET', '/healthz')).status).toBe(200);
  expect(await send('GET', `/api/syncs/${syncId}`)).toMatchObject({ status: 200, body: { status: 'running' } });
  expect((await send('GET', `/api/tenants/${tenant.id}`)).status).toBe(200);
  // The worker keeps running and says, once, that Temporal is away (worker/temporal-watch.ts).
  const saying = (words: string) => () => worker.output.slice(linesBeforeCrash).filter((line) => line.includes(words));
  const unreachable = saying('"temporal unreachable');
  await eventually(async () => unreachable().length > 0, 20_000);

  await temporal.start();
  // The API's client and the worker reconnect by themselves: ready means Temporal answers and the worker polls again.
  await eventually(async () => (await send('GET', '/readyz')).status === 200, 60_000);
  await eventually(async () => saying('"temporal reachable again')().length > 0, 20_000);

  const run = await finishedRun(stack, syncId, 120_000);
  expect(run).toMatchObject({ status: 'success', phase: 'done' });
  expect(run.counts.failed).toBe(0);
  expect(run.counts.created).toBe(run.planned.created);
  expect(run.planned.created).toBe(hris.dataset.people.length - createdAtGoLive);
  // The crash cut the run short: accounts were still to be made when Temporal went.
  expect(createdAtCrash).toBeLessThan(createdAtGoLive + run.planned.created);
  expectPlatformMatches(tenant.scim, hris.dataset);

  // The same request succeeds now, and its run finds nothing left to do.
  const again = await finishedRun(stack, await requestRun(stack, tenant.id));
  expect(again).toMatchObject({ status: 'success', counts: { created: 0, updated: 0 } });

  // The worker rode it out: it never exited, and the outage was one warning, not a flood.
  expect(workerExited).toBe(false);
  expect(unreachable()).toHaveLength(1);
  expect(saying('"level":"warn"')().concat(saying('"level":"error"')())).toEqual(unreachable());
}, 240_000);
