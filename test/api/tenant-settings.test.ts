// PATCH /api/tenants/:id on the real stack (docs/API.md "Settings after creation"): a merge patch
// of the name, contacts, HR system and platform, checked as at creation; a new platform token
// checked with the real SCIM server before it replaces the old one; a new HR-system address
// forgetting the key verified at the old one; every change in the history, never a secret.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { tenantScheduleId, tenantWorkflowId } from '../../common/workflow-ids';
import { changeSettingsUpdate } from '../../workflows/tenant-messages';
import { startScimPlatform, scimPlatformFor, type ScimPlatform } from '../activities/platform/scim-platform';
import { humaansDataset } from '../fakes/humaans-datasets';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { testSecret } from '../replay/record-history';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { humaansTenantPastKickoff } from '../support/humaans-tenant';
import { configureAndKickOff, enterKey, settled, takeLive, useTinyDirectory } from '../support/onboarding';
import { eventually, startTestStack, uniqueTenantId, type ApiAnswer, type TestStack } from '../support/stack';
import { expectInvalid } from './syncs-seed';

let stack: TestStack;
let platform: ScimPlatform;
const fakes: HumaansFake[] = [];
const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
const agent = uniqueTenantId('support-sam');
let agentToken: string;

beforeAll(async () => {
  platform = await startScimPlatform();
  stack = await startTestStack();
  agentToken = await createToken(stack.db, agent, 'support');
});
afterAll(async () => {
  await stack?.stop();
  await platform?.stop();
  for (const fake of fakes) await fake.close();
});

const patch = (id: string, body: unknown, token = agentToken) => stack.request('PATCH', `/api/tenants/${id}`, body, token);
const tenant = async (id: string) => (await stack.request('GET', `/api/tenants/${id}`)).body;

async function created(body: { id: string; [field: string]: unknown }): Promise<string> {
  const answer = await stack.request('POST', '/api/tenants', body);
  expect(answer.status, answer.text).toBe(201);
  return body.id;
}

const humaansFake = async () => {
  const fake = await startHumaansFake({ dataset: humaansDataset({ today: new Date().toISOString().slice(0, 10), fillers: 5 }), token: testSecret('humaans'), maxLimit: 25 });
  fakes.push(fake);
  return fake;
};
const humaansTenant = () => humaansTenantPastKickoff(stack, platform, { fillers: 5, prefix: 'settings', company: 'Initech', contacts: { supportEmail: 'support@roster.example', hrisAdminEmail: 'hr-admin@initech.example' }, config, fakes });

/** A tenant reading the demo HR system (three people) and writing to its own directory on the SCIM server, its first test finished. */
async function testedScimTenant(safety = config.safety) {
  const id = uniqueTenantId('scim');
  const token = testSecret('scim');
  const { scim, settings } = scimPlatformFor(platform, id, token);
  await created({ ...demoTenant(id), platform: settings });
  await useTinyDirectory(stack, id);
  await configureAndKickOff(stack, id, { ...config, safety });
  const tested = await enterKey(stack, id, 'demo-key');
  return { id, token, scim, testId: tested.lastSync.id as string };
}

/** The same, taken live. */
async function liveScimTenant(safety = config.safety) {
  const tenant = await testedScimTenant(safety);
  await takeLive(stack, tenant.id);
  return tenant;
}

async function syncs(id: string): Promise<{ status: string }> {
  const before = (await tenant(id)).lastSync.id;
  const started = await stack.request('POST', `/api/tenants/${id}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  return (await settled(stack, id, before)).lastSync;
}

const platformTokens = (id: string) => stack.db('secrets').where({ tenant_id: id, kind: 'platform_token' }).select('id');

describe('PATCH /api/tenants/:id', () => {
  it('changes only the fields given, null removing one, and records who changed which fields', async () => {
    const id = await created(demoTenant());
    const renamed = await patch(id, { name: 'Acme Holdings', reason: 'rebranded' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Acme Holdings', stage: 'kickoff', contacts: { supportEmail: 'support@roster.example', hrisAdminEmail: 'hr-admin@acme.example' } });
    expect(renamed.body.history.at(-1)).toEqual({ at: expect.any(String), actor: agent, action: 'settings_changed', reason: 'rebranded', changes: ['name'] });

    const contacts = await patch(id, { contacts: { supportEmail: 'help@roster.example', hrisAdminEmail: null } });
    expect(contacts.body.contacts).toEqual({ supportEmail: 'help@roster.example' });
    expect(contacts.body.history.at(-1)).toMatchObject({ actor: agent, action: 'settings_changed', changes: ['contacts.hrisAdminEmail', 'contacts.supportEmail'] });
    expect((await stack.request('GET', '/api/tenants?q=acme%20HOLDINGS')).body.tenants).toContainEqual(expect.objectContaining({ id, name: 'Acme Holdings' }));

    // The same values again change nothing, and record nothing.
    const entries = contacts.body.history.length;
    expect((await patch(id, { name: 'Acme Holdings', platform: { kind: 'demo' } })).body.history).toHaveLength(entries);
  });

  it("changes the HR system's and the platform's settings; runs use them", async () => {
    const { id, platformToken } = await humaansTenant();
    const moved = await humaansFake();
    const hris = await patch(id, { hris: { baseUrl: moved.url } });
    expect(hris.status, hris.text).toBe(200);
    expect(hris.body).toMatchObject({ stage: 'authorization', hris: { provider: 'humaans', baseUrl: moved.url, credential: { status: 'missing' } } });
    expect(hris.body.history.at(-1)).toMatchObject({ action: 'settings_changed', changes: ['hris.baseUrl'] });

    const paced = await patch(id, { platform: { maxRequestsPerSecond: 5, concurrency: 2, loginUrl: 'https://login.initech.example', customSchema: null } });
    expect(paced.status, paced.text).toBe(200);
    expect(paced.body.platform).toEqual({ kind: 'scim', baseUrl: hris.body.platform.baseUrl, maxRequestsPerSecond: 5, concurrency: 2, loginUrl: 'https://login.initech.example' });
    expect(paced.body.history.at(-1).changes).toEqual(['platform.concurrency', 'platform.customSchema', 'platform.loginUrl', 'platform.maxRequestsPerSecond']);
    expect((await patch(id, { platform: { maxRequestsPerSecond: null } })).body.platform.maxRequestsPerSecond).toBe(10);

    // The key is checked at the new address, and the test reads the directory there.
    const tested = await enterKey(stack, id, moved.token);
    expect(tested.lastSync.status).toMatch(/^(success|warning)$/);
    expect(moved.calls('/people').length).toBeGreaterThan(0);
    expect(JSON.stringify(await stack.db('tenant_history').where({ tenant_id: id }))).not.toContain(platformToken);
  });

  it('a new HR-system address forgets the key: a live tenant needs reauthorization, its schedule paused, a fresh link mailed; a key verified there brings it back', async () => {
    const { id, hris } = await humaansTenant();
    await enterKey(stack, id, hris.token);
    await takeLive(stack, id);
    const moved = await humaansFake();

    const answer = await patch(id, { hris: { baseUrl: moved.url }, contacts: { hrisAdminEmail: 'new-admin@initech.example' }, reason: 'moved to the EU instance' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ stage: 'needs_reauthorization', hris: { baseUrl: moved.url, credential: { status: 'missing' } } });
    expect(answer.body.history.at(-1)).toMatchObject({ actor: agent, action: 'settings_changed', from: 'live', to: 'needs_reauthorization', reason: 'moved to the EU instance', changes: ['contacts.hrisAdminEmail', 'hris.baseUrl'] });
    expect(await stack.db('secrets').where({ tenant_id: id, kind: 'hris_key' })).toEqual([]);
    // The old key never went to the new address; the fresh link goes to the new admin.
    expect(moved.requests).toEqual([]);
    await stack.mail.waitFor((m) => m.to.includes('new-admin@initech.example') && m.text.includes('/authorize/'));
    await eventually(async () => (await stack.client.schedule.getHandle(tenantScheduleId(id)).describe()).state.paused);

    const keyed = await stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: moved.token });
    expect(keyed.status, keyed.text).toBe(200);
    expect(keyed.body).toMatchObject({ stage: 'live', hris: { credential: { status: 'verified' } } });
  });

  it('checks a new platform token with the platform before it replaces the old one, which is destroyed; no secret is shown or kept in history', async () => {
    const { id, token, scim } = await liveScimTenant();
    const [before] = await platformTokens(id);
    const wrong = testSecret('wrong');
    const answers: ApiAnswer[] = [];

    const refused = await patch(id, { platform: { token: wrong } });
    answers.push(refused);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('platform_credentials_rejected');
    expect(await platformTokens(id)).toEqual([before]);
    expect(await syncs(id)).toMatchObject({ status: 'success' });

    // The platform rotates Roster's token: the old one stops working there.
    const rotated = testSecret('rotated');
    platform.server.addTenant(id, rotated);
    const operations = scim.operations.length;
    const accepted = await patch(id, { platform: { token: rotated } });
    answers.push(accepted, await stack.request('GET', `/api/tenants/${id}`), await stack.request('GET', `/api/tenants/${id}/history`));
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.history.at(-1)).toMatchObject({ actor: agent, action: 'settings_changed', changes: ['platform.token'] });
    expect(scim.operations.length).toBeGreaterThan(operations);
    const after = await platformTokens(id);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual([before]);
    expect(await syncs(id)).toMatchObject({ status: 'success' });

    for (const answer of answers) for (const secret of [token, wrong, rotated]) expect(answer.text).not.toContain(secret);
    const history = JSON.stringify(await stack.client.workflow.getHandle(tenantWorkflowId(id)).fetchHistory(), (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v));
    for (const secret of [token, wrong, rotated]) expect(history).not.toContain(secret);
    for (const secret of [wrong, rotated]) expect(stack.logs.join('\n')).not.toContain(secret);
  });

  it('moves the platform to a new address only with a token checked there', async () => {
    const { id } = await liveScimTenant();
    const elsewhere = uniqueTenantId('scim');
    const token = testSecret('elsewhere');
    const { settings } = scimPlatformFor(platform, elsewhere, token);
    expectInvalid(await patch(id, { platform: { baseUrl: settings.baseUrl } }), 'platform.token');
    const moved = await patch(id, { platform: { baseUrl: settings.baseUrl, token } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.platform.baseUrl).toBe(settings.baseUrl);
    expect(moved.body.history.at(-1).changes).toEqual(['platform.baseUrl', 'platform.token']);
  });

  it("starts a new test when the platform's settings change in testing", async () => {
    const { id, testId } = await testedScimTenant();
    expect((await patch(id, { platform: { concurrency: 2 } })).status).toBe(200);
    const after = await settled(stack, id, testId);
    expect((await stack.request('GET', `/api/syncs/${after.lastSync.id}`)).body).toMatchObject({ trigger: 'test', requestedBy: 'system', status: 'success' });
  });

  it("refuses the HR system's and the platform's settings while a run other than a test is open; the name may change", async () => {
    const { id } = await liveScimTenant({ maxDeactivations: 0, maxDeactivationShare: 0.1 });
    expect((await stack.request('POST', `/api/tenants/${id}/demo/people/p0/terminate`, {})).status).toBe(200);
    const started = await stack.request('POST', `/api/tenants/${id}/syncs`, {});
    await eventually(async () => (await stack.request('GET', `/api/syncs/${started.body.syncId}`)).body.status === 'awaiting_approval', 60_000);
    const refused = await patch(id, { platform: { maxRequestsPerSecond: 3 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'sync_in_progress', syncId: started.body.syncId });
    expect((await patch(id, { name: 'Still Acme' })).body.name).toBe('Still Acme');
    expect((await stack.request('POST', `/api/syncs/${started.body.syncId}/cancel`, {})).status).toBe(200);
  });

  it('refuses what creation would refuse, naming each field, and changes nothing', async () => {
    const { id } = await humaansTenant();
    const before = await tenant(id);
    const bad: [unknown, ...string[]][] = [
      [{}, ''],
      [{ name: '  ' }, 'name'],
      [{ name: 'a\u0000b' }, 'name'],
      [{ nickname: 'x' }, 'nickname'],
      [{ contacts: { supportEmail: 'not an address' } }, 'contacts.supportEmail'],
      [{ contacts: { phone: '555' } }, 'contacts.phone'],
      [{ hris: { provider: 'worknice' } }, 'hris.provider'],
      [{ hris: { baseUrl: 'not a url' } }, 'hris.baseUrl'],
      [{ hris: { subdomain: 'initech' } }, 'hris.subdomain'],
      [{ platform: { kind: 'demo' } }, 'platform.kind'],
      [{ platform: { baseUrl: null } }, 'platform.baseUrl'],
      [{ platform: { maxRequestsPerSecond: 0, concurrency: 33 } }, 'platform.maxRequestsPerSecond', 'platform.concurrency'],
      [{ platform: { token: '' } }, 'platform.token'],
      [{ name: 'x'.repeat(201), reason: 'x'.repeat(1001) }, 'name', 'reason'],
    ];
    for (const [body, ...paths] of bad) expectInvalid(await patch(id, body), ...paths);
    const provider = (await patch(id, { hris: { provider: 'worknice' } })).body.error.details[0].message;
    expect(provider).toContain('Create a new tenant for worknice');
    expect(await tenant(id)).toEqual(before);
  });

  it('leaves the settings as they were when the change cannot be recorded', async () => {
    const id = await created(demoTenant());
    // Sent straight to the workflow, as from the Temporal UI: an actor longer than PostgreSQL stores.
    const handle = stack.client.workflow.getHandle(tenantWorkflowId(id));
    const failed = await handle.executeUpdate(changeSettingsUpdate, { args: [{ actor: 'a'.repeat(300), name: 'Renamed Co' }] }).then(() => undefined, (error: unknown) => error);
    expect((failed as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'not_recorded' });
    expect((await tenant(id)).name).not.toBe('Renamed Co');
    // The workflow still holds the old name: the same change, recorded now, is a change.
    const renamed = await patch(id, { name: 'Renamed Co' });
    expect(renamed.body).toMatchObject({ name: 'Renamed Co' });
    expect(renamed.body.history.at(-1)).toMatchObject({ action: 'settings_changed', changes: ['name'] });
  });

  it('refuses an offboarded tenant with 409 invalid_transition, and a viewer with 403', async () => {
    const id = await created(demoTenant());
    const viewer = await createToken(stack.db, uniqueTenantId('viewer'), 'viewer');
    expect((await patch(id, { name: 'Nope' }, viewer)).status).toBe(403);
    expect((await stack.request('DELETE', `/api/tenants/${id}`, {})).status).toBe(200);
    const refused = await patch(id, { name: 'Too late' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining("Cannot change the settings while the tenant is in stage 'offboarded'") });
  });
});
