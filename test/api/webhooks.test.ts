// Inbound webhooks on the real stack (API, tenant workflows on the Temporal dev server, Postgres, the
// BambooHR and Humaans fakes, the scimmy SCIM server): for each source a good event is stored and
// wakes the tenant workflow once per burst; a forged signature, a stale timestamp and a replayed
// event id are refused and store and start nothing; an unknown tenant answers as a forged signature.
// The collection window is an hour, so no webhook run starts while these tests look.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAMBOOHR } from '../../activities/hris/bamboohr/api';
import { tenantWorkflowId } from '../../common/workflow-ids';
import { scimPlatformFor } from '../activities/platform/scim-platform';
import { bambooDataset, ID } from '../fakes/bamboohr-datasets';
import { startBambooHrFake, type BambooFake } from '../fakes/bamboohr';
import type { HumaansFake } from '../fakes/humaans';
import { signBambooHr, signHumaans, signStandard } from '../fakes/webhook-senders';
import { testSecret } from '../replay/record-history';
import { checkAnswer } from '../support/contract';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { humaansTenantPastKickoff } from '../support/humaans-tenant';
import { configureAndKickOff, enterKey, liveDemoTenant, startDemoStack, takeLive, type DemoStack } from '../support/onboarding';
import { publicUrl } from '../reliability/onboarding-steps';
import { eventually, uniqueTenantId } from '../support/stack';

const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
const today = new Date().toISOString().slice(0, 10);
const SIX_MINUTES = 6 * 60_000;

let demo: DemoStack;
let bamboo: BambooFake;
const humaansFakes: HumaansFake[] = [];
const ids = { demo: '', bamboo: uniqueTenantId('hook-bamboo'), humaans: '' };
let standardSecret: string;
let bambooKey: string;
const humaansSecret = 'humaans-signing-secret-for-tests';

async function liveBambooTenant(): Promise<void> {
  const { settings } = scimPlatformFor(demo.platform, ids.bamboo, testSecret('scim'));
  const created = await demo.stack.request('POST', '/api/tenants', { id: ids.bamboo, name: 'Initech', hris: { provider: 'bamboohr', subdomain: bamboo.subdomain, baseUrl: bamboo.url }, platform: settings });
  expect(created.status, created.text).toBe(201);
  await configureAndKickOff(demo.stack, ids.bamboo, config);
  await enterKey(demo.stack, ids.bamboo, bamboo.apiKey);
  await takeLive(demo.stack, ids.bamboo);
}

async function liveHumaansTenant(): Promise<string> {
  const tenant = await humaansTenantPastKickoff(demo.stack, demo.platform, { fillers: 0, prefix: 'hook-humaans', company: 'Umbrella', contacts: {}, config, fakes: humaansFakes });
  await enterKey(demo.stack, tenant.id, tenant.hris.token);
  await takeLive(demo.stack, tenant.id);
  return tenant.id;
}

beforeAll(async () => {
  [demo, bamboo] = await Promise.all([startDemoStack({ webhookWindowSeconds: 3600 }), startBambooHrFake({ dataset: bambooDataset({ today }), apiKey: testSecret('bamboohr') })]);
  [ids.demo, , ids.humaans] = await Promise.all([liveDemoTenant(demo, config, uniqueTenantId('hook-demo')), liveBambooTenant(), liveHumaansTenant()]);
  // The tenant workflow registered a webhook with BambooHR as the tenant went live; the fake posts
  // to the worker's public URL (http://roster.test), which is this stack's in the tests.
  const registered = await eventually(async () => (await demo.stack.db('webhook_sources').where({ tenant_id: ids.bamboo, source: 'bamboohr' }).first('remote_id'))?.remote_id, 30_000);
  const webhook = bamboo.webhooks.webhooks.get(registered)!;
  webhook.url = webhook.url.replace(publicUrl, demo.stack.url);
  bambooKey = webhook.privateKey;
  standardSecret = (await demo.stack.request('POST', `/api/tenants/${ids.demo}/webhooks/standard`)).body.secret;
  expect((await demo.stack.request('PUT', `/api/tenants/${ids.humaans}/webhooks/humaans`, { secret: humaansSecret })).status).toBe(200);
}, 240_000);
afterAll(async () => {
  await demo?.stop();
  await bamboo?.close();
  await Promise.all(humaansFakes.map((fake) => fake.close()));
});

function hookUrl(tenantId: string, source: string) {
  return `${demo.stack.url}/api/webhooks/${tenantId}/${source}`;
}

/** Posts a signed body as the senders do, and checks the answer against the contract. */
async function post(tenantId: string, source: string, body: string, headers: Record<string, string>) {
  const url = hookUrl(tenantId, source);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  checkAnswer('POST', url, { status: response.status, contentType: response.headers.get('content-type'), text });
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const standardEvent = (ids: string[]) => JSON.stringify({ type: 'people.changed', data: { ids } });
const sendStandard = (tenantId: string, body: string, options: { id?: string; secret?: string; at?: Date } = {}) =>
  post(tenantId, 'standard', body, signStandard(options.secret ?? standardSecret, options.id ?? `msg_${randomUUID()}`, body, options.at));

const events = (tenantId: string) => demo.stack.db('webhook_events').where({ tenant_id: tenantId }).orderBy('received_at');
const runs = async (tenantId: string) => Number((await demo.stack.db('sync_runs').where({ tenant_id: tenantId }).count({ n: '*' }))[0]!.n);

/** How many times the tenant workflow was told that changes arrived. */
async function wakeUps(tenantId: string): Promise<number> {
  const history = await demo.stack.client.workflow.getHandle(tenantWorkflowId(tenantId)).fetchHistory();
  return (history.events ?? []).filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'changesArrived').length;
}

/** Sends `refused`, and checks it stored nothing and started nothing. */
async function refusedWithoutTrace(tenantId: string, refused: () => Promise<{ status: number; body: any }>) {
  const [eventsBefore, runsBefore] = [(await events(tenantId)).length, await runs(tenantId)];
  const answer = await refused();
  expect((await events(tenantId)).length).toBe(eventsBefore);
  expect(await runs(tenantId)).toBe(runsBefore);
  return answer;
}

describe('the standard source (Standard Webhooks)', () => {
  it('stores a good event, and a burst wakes the tenant workflow once', async () => {
    const first = await sendStandard(ids.demo, standardEvent(['p0', 'p1']));
    expect(first).toEqual({ status: 202, body: { status: 'stored' } });
    expect(await sendStandard(ids.demo, JSON.stringify({ type: 'directory.changed' }))).toEqual({ status: 202, body: { status: 'stored' } });
    expect((await events(ids.demo)).map((row) => [row.source, row.hris_ids, row.run_id])).toEqual([
      ['standard', ['p0', 'p1'], null],
      ['standard', null, null],
    ]);
    expect(await demo.stack.db('change_wakeups').where({ tenant_id: ids.demo })).toHaveLength(1);
    await expect.poll(() => wakeUps(ids.demo)).toBe(1);
    const listed = (await demo.stack.request('GET', `/api/tenants/${ids.demo}/webhooks`)).body.sources;
    expect(listed).toEqual([expect.objectContaining({ source: 'standard', eventsWaiting: 2, registered: false, lastEventAt: expect.any(String) })]);
  });

  it('refuses a forged signature, a stale timestamp and a replayed event id, storing and starting nothing', async () => {
    const forged = await refusedWithoutTrace(ids.demo, () => sendStandard(ids.demo, standardEvent(['p0']), { secret: `whsec_${Buffer.from('not the secret at all').toString('base64')}` }));
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'webhook_unauthenticated' } } });
    const stale = await refusedWithoutTrace(ids.demo, () => sendStandard(ids.demo, standardEvent(['p0']), { at: new Date(Date.now() - SIX_MINUTES) }));
    expect(stale).toMatchObject({ status: 401, body: { error: { code: 'webhook_unauthenticated', message: expect.stringContaining('5 minutes') } } });
    const ahead = await refusedWithoutTrace(ids.demo, () => sendStandard(ids.demo, standardEvent(['p0']), { at: new Date(Date.now() + SIX_MINUTES) }));
    expect(ahead.status).toBe(401);
    const id = `msg_${randomUUID()}`;
    expect((await sendStandard(ids.demo, standardEvent(['p2']), { id })).status).toBe(202);
    const replayed = await refusedWithoutTrace(ids.demo, () => sendStandard(ids.demo, standardEvent(['p2']), { id }));
    expect(replayed).toMatchObject({ status: 409, body: { error: { code: 'webhook_replayed' } } });
    const unsigned = await refusedWithoutTrace(ids.demo, () => post(ids.demo, 'standard', standardEvent(['p0']), {}));
    expect(unsigned.status).toBe(401);
  });

  it('answers an unknown tenant, or a source the tenant has not set up, exactly as a forged signature', async () => {
    const body = standardEvent(['p0']);
    const forged = await sendStandard(ids.demo, body, { secret: `whsec_${Buffer.from('forged').toString('base64')}` });
    const unknown = await sendStandard(uniqueTenantId('nobody'), body);
    const malformed = await sendStandard('NOT A TENANT', body);
    const notSetUp = await post(ids.demo, 'humaans', body, signHumaans(humaansSecret, body));
    for (const answer of [unknown, malformed, notSetUp]) expect(answer).toEqual(forged);
  });

  it('answers 400 to a correctly signed body it cannot read, without quoting it', async () => {
    const notJson = await refusedWithoutTrace(ids.demo, () => sendStandard(ids.demo, '{"type": "people.changed", "data": {"ids": ["Ada Lovelace"'));
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    const noIds = await refusedWithoutTrace(ids.demo, () => sendStandard(ids.demo, JSON.stringify({ type: 'people.changed', data: { ids: [] } })));
    expect(noIds).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', details: [{ path: 'data.ids', message: 'must name at least one person' }] } } });
    const unknownType = await refusedWithoutTrace(ids.demo, () => sendStandard(ids.demo, JSON.stringify({ type: 'person.hired', name: 'Ada Lovelace' })));
    expect(unknownType.status).toBe(400);
    expect(JSON.stringify(unknownType.body)).not.toContain('Ada');
  });
});

describe('the BambooHR source', () => {
  it("stores the fake BambooHR's signed post of a monitored change", async () => {
    bamboo.change(ID.active, { jobTitle: 'Staff Engineer' });
    const deliveries = await bamboo.webhooks.settled();
    expect(deliveries.filter((delivery) => delivery.employeeId === ID.active).map((delivery) => delivery.status)).toContain(202);
    expect((await events(ids.bamboo)).map((row) => [row.source, row.hris_ids])).toEqual([['bamboohr', [ID.active]]]);
    await expect.poll(() => wakeUps(ids.bamboo)).toBe(1);
    const [listed] = (await demo.stack.request('GET', `/api/tenants/${ids.bamboo}/webhooks`)).body.sources;
    expect(listed).toMatchObject({ source: 'bamboohr', registered: true, eventsWaiting: 1 });
  });

  it('refuses a forged signature, a stale timestamp and a replayed request, storing and starting nothing', async () => {
    const body = JSON.stringify({ employees: [{ id: ID.preferred, action: 'Updated', changedFields: ['jobTitle'], fields: {}, timestamp: '2030-06-15T09:00:00+0000' }] });
    expect((await refusedWithoutTrace(ids.bamboo, () => post(ids.bamboo, 'bamboohr', body, signBambooHr('forged-key', body)))).status).toBe(401);
    expect((await refusedWithoutTrace(ids.bamboo, () => post(ids.bamboo, 'bamboohr', body, signBambooHr(bambooKey, body, new Date(Date.now() - SIX_MINUTES))))).status).toBe(401);
    const signed = signBambooHr(bambooKey, body);
    expect((await post(ids.bamboo, 'bamboohr', body, signed)).status).toBe(202);
    const replayed = await refusedWithoutTrace(ids.bamboo, () => post(ids.bamboo, 'bamboohr', body, signed));
    expect(replayed).toMatchObject({ status: 409, body: { error: { code: 'webhook_replayed' } } });
  });
});

describe("Roster's own BambooHR webhook", () => {
  it('was registered at go-live for every field Roster reads, and is removed from BambooHR at offboarding', async () => {
    const [webhook] = [...bamboo.webhooks.webhooks.values()];
    expect(webhook).toMatchObject({ url: hookUrl(ids.bamboo, 'bamboohr'), monitorFields: [...BAMBOOHR.fields] });
    expect(bamboo.webhooks.webhooks.size).toBe(1);

    const offboarded = await demo.stack.request('DELETE', `/api/tenants/${ids.bamboo}`, { reason: 'contract ended' });
    expect(offboarded.status, offboarded.text).toBe(200);
    await eventually(async () => bamboo.webhooks.webhooks.size === 0 && !(await demo.stack.db('webhook_sources').where({ tenant_id: ids.bamboo }).first('source')), 30_000);
  });
});

describe('the Humaans source (unconfirmed scheme)', () => {
  const event = (id: string) => JSON.stringify({ id, event: 'person.updated', data: { id: 'hum-person-1' } });

  it('stores a good event naming the person, and refuses a forged signature and a replayed event id', async () => {
    const id = `evt_${randomUUID()}`;
    expect(await post(ids.humaans, 'humaans', event(id), signHumaans(humaansSecret, event(id)))).toEqual({ status: 202, body: { status: 'stored' } });
    expect((await events(ids.humaans)).map((row) => [row.event_id, row.hris_ids])).toEqual([[id, ['hum-person-1']]]);
    const forged = await refusedWithoutTrace(ids.humaans, () => post(ids.humaans, 'humaans', event(id), signHumaans('forged', event(id))));
    expect(forged.status).toBe(401);
    const replayed = await refusedWithoutTrace(ids.humaans, () => post(ids.humaans, 'humaans', event(id), signHumaans(humaansSecret, event(id))));
    expect(replayed.status).toBe(409);
  });
});

describe('a tenant that is not live', () => {
  it('ignores a good event, storing nothing, and says a full run will read the change', async () => {
    const body = demoTenant(uniqueTenantId('hook-kickoff'));
    expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
    const secret = (await demo.stack.request('POST', `/api/tenants/${body.id}/webhooks/standard`)).body.secret;
    const answer = await sendStandard(body.id, standardEvent(['p0']), { secret });
    expect(answer).toEqual({ status: 202, body: { status: 'ignored', reason: expect.stringContaining('full run') } });
    expect(await events(body.id)).toEqual([]);
    expect(await demo.stack.db('change_wakeups').where({ tenant_id: body.id })).toEqual([]);
  });
});
