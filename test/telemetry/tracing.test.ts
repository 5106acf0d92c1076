// One on-demand run, traced: the HTTP request, the tenant workflow's Update, the sync-run workflow,
// its activities and their calls to the platform (SCIM) are one trace, exported over OTLP/HTTP to
// a collector in this process, and no span holds a name, an e-mail or a token. Tracing is global
// to a process, so this file has one of its own and starts it before its stack.
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { dataConverter } from '../../common/payloads/data-converter';
import { createKeyring } from '../../common/secrets';
import { syncWorkflowId, tenantWorkflowId } from '../../common/workflow-ids';
import { startTracing, type Tracing } from '../../telemetry/tracing/tracing';
import { tracedBundlePath } from '../../worker/worker';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, settled, takeLive, useDemoStack, useTinyDirectory } from '../support/onboarding';
import { encryptionKey, eventually } from '../support/stack';
import { startOtlpReceiver, type ReceivedSpan } from './otlp-receiver';

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let tracing: Tracing;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = startTracing({ endpoint: receiver.url, serviceName: 'roster-test' });
});
const demo = useDemoStack();
afterAll(async () => {
  await tracing?.stop();
  await receiver?.stop();
});

const SERVER = 2;
const CLIENT = 3;

/** The span and its ancestors, nearest first, as far as they were exported. */
function ancestry(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.filter((s) => s.traceId === span.traceId).map((s) => [s.spanId, s]));
  const chain = [span];
  for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) chain.push(parent);
  return chain;
}

const tenant = demoTenant();
const requestId = `trace-test-${randomUUID()}`;
let syncId: string;
let answer: Response;

// A live tenant, then one run asked for over HTTP (with the caller's request id), and its end.
beforeAll(async () => {
  const { stack } = demo;
  expect((await stack.request('POST', '/api/tenants', tenant)).status).toBe(201);
  demo.platformFor(tenant.id);
  await useTinyDirectory(stack, tenant.id);
  await configureAndKickOff(stack, tenant.id, kickoffConfig);
  await enterKey(stack, tenant.id, 'demo-key');
  const live = await takeLive(stack, tenant.id);
  answer = await fetch(`${stack.url}/api/tenants/${tenant.id}/syncs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json', 'x-request-id': requestId },
    body: '{}',
  });
  expect(answer.status).toBe(202);
  syncId = ((await answer.json()) as { syncId: string }).syncId;
  await settled(stack, tenant.id, live.lastSync.id);
});

it('traces an on-demand run from its HTTP request through the Update, the workflows and the activities to the SCIM calls, as one trace', async () => {
  const { stack } = demo;
  const { request, scimCalls } = await eventually(async () => {
    await tracing.flush();
    const request = receiver.spans.find((s) => s.kind === SERVER && s.name === 'POST /api/tenants/:id/syncs');
    const inTrace = receiver.spans.filter((s) => s.traceId === request?.traceId);
    const scimCalls = inTrace.filter((s) => s.kind === CLIENT && String(s.attributes['url.path']).includes(`/scim/${tenant.id}/`));
    const finished = inTrace.some((s) => s.name === 'RunActivity:completeRun');
    return request && scimCalls.length > 0 && finished && { request, scimCalls };
  }, 30_000);

  expect(request.attributes).toMatchObject({ 'http.route': '/api/tenants/:id/syncs', 'http.response.status_code': 202 });
  const run = receiver.spans.find((s) => s.name === 'RunWorkflow:syncRunWorkflow' && s.attributes.workflowId === `sync-${syncId}`);
  expect(run?.traceId).toBe(request.traceId);

  // Each SCIM call descends from the request: activity, the run's workflow, the Update that started it.
  for (const call of scimCalls) {
    const names = ancestry(call, receiver.spans).map((s) => s.name);
    expect(names.slice(0, 8)).toEqual([
      expect.stringMatching(/^(GET|POST|PUT|PATCH|DELETE)$/),
      expect.stringMatching(/^RunActivity:/),
      expect.stringMatching(/^StartActivity:/),
      'RunWorkflow:syncRunWorkflow',
      'StartChildWorkflow:syncRunWorkflow',
      'HandleUpdate:requestSync',
      'StartWorkflowUpdate:requestSync',
      'POST /api/tenants/:id/syncs',
    ]);
    expect(call.attributes['url.full']).not.toContain('?');
  }
  const activities = new Set(receiver.spans.filter((s) => s.traceId === request.traceId && s.name.startsWith('RunActivity:')).map((s) => s.name));
  expect([...activities]).toEqual(expect.arrayContaining(['RunActivity:createSyncRun', 'RunActivity:fetchDirectory', 'RunActivity:fetchPlatform', 'RunActivity:planRun', 'RunActivity:completeRun']));

  // Spans in the workflow draw no ids from its seeded randomness: the Update's run, validator span
  // and all, replays from its history without nondeterminism, on the traced bundle this worker ran
  // and on the plain one a worker runs once tracing is turned off.
  const validated = receiver.spans.find((s) => s.traceId === request.traceId && s.name === 'ValidateUpdate:requestSync');
  expect(validated?.attributes.workflowId).toBe(tenantWorkflowId(tenant.id));
  const history = await stack.client.workflow.getHandle(tenantWorkflowId(tenant.id), String(validated?.attributes.runId)).fetchHistory();
  for (const codePath of [tracedBundlePath(inject('workflowBundlePath')), inject('workflowBundlePath')]) {
    await Worker.runReplayHistory({ workflowBundle: { codePath }, dataConverter: dataConverter(createKeyring(encryptionKey)) }, history);
  }

  // Nothing in any span names the tenant or a person, or carries a credential.
  const exported = JSON.stringify(receiver.spans.map(({ name, attributes, events, status }) => ({ name, attributes, events, status }))).toLowerCase();
  for (const forbidden of [tenant.name, 'acme.example', 'lovelace', stack.adminToken, 'demo-key', 'bearer']) expect(exported).not.toContain(forbidden.toLowerCase());
  expect(receiver.spans.flatMap((s) => Object.keys(s.attributes)).filter((key) => key.startsWith('http.request.header.'))).toEqual([]);
});

it('names the request, tenant, run, workflow and trace in every line written for them', async () => {
  const lines = demo.stack.logs.map((line) => JSON.parse(line));
  expect(answer.headers.get('x-request-id')).toBe(requestId);
  const request = lines.find((line) => line.msg === 'request' && line.requestId === requestId);
  expect(request).toMatchObject({ component: 'api', route: '/api/tenants/:id/syncs', status: 202, tenantId: tenant.id, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });

  // The run's activities: their workflow's ids, the tenant and run, and the request's trace.
  const activities = lines.filter((line) => line.workflowId === syncWorkflowId(syncId) && line.component !== 'workflows');
  expect(activities.length).toBeGreaterThan(0);
  for (const line of activities) expect(line).toMatchObject({ runId: expect.any(String), tenantId: tenant.id, syncId, traceId: request.traceId });

  // A request id that is not a plain token is replaced, not echoed.
  const odd = await fetch(`${demo.stack.url}/readyz`, { headers: { 'x-request-id': 'two words; <script>' } });
  expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});
