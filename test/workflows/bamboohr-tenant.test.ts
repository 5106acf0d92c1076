// A BambooHR tenant on the real stack (API, tenant and run workflows on the Temporal dev server,
// Postgres, the BambooHR fake, the scimmy SCIM server): incremental runs between full runs
// (docs/PRODUCT.md "One sync run", step 1). An incremental run reads and changes only who changed and
// never deactivates anyone by absence; a full run — due after a config change and at least daily —
// deactivates a person BambooHR no longer lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../activities/hris/dates';
import { syncWorkflowId, tenantScheduleId } from '../../common/workflow-ids';
import { type ScimTenant } from '../../dev/scim-server';
import { scimPlatformFor, startScimPlatform, writes, type ScimPlatform } from '../activities/platform/scim-platform';
import { bambooDataset, ID } from '../fakes/bamboohr-datasets';
import { startBambooHrFake, type BambooFake } from '../fakes/bamboohr';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { scanWorkflow } from '../reliability/history-scan';
import { recordHistory, testSecret } from '../replay/record-history';
import { configureAndKickOff, enterKey, takeLive } from '../support/onboarding';
import { eventually, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

const today = new Date().toISOString().slice(0, 10);
const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];
const REPORT = '/reports/custom';
/** Ordinary people of the dataset (fillers), in Engineering. */
const LEAVER = '103';
const DELETED = '105';

let stack: TestStack;
let platform: ScimPlatform;
let bamboo: BambooFake;
let scim: ScimTenant;
const tenantId = uniqueTenantId('bamboo');

beforeAll(async () => {
  [platform, stack, bamboo] = await Promise.all([startScimPlatform(), startTestStack(), startBambooHrFake({ dataset: bambooDataset({ today }), apiKey: testSecret('bamboohr') })]);
  const onScim = scimPlatformFor(platform, tenantId, testSecret('scim'));
  scim = onScim.scim;
  const created = await stack.request('POST', '/api/tenants', {
    id: tenantId,
    name: 'Initech',
    hris: { provider: 'bamboohr', subdomain: bamboo.subdomain, baseUrl: bamboo.url },
    platform: onScim.settings,
  });
  expect(created.status, created.text).toBe(201);
  await configureAndKickOff(stack, tenantId, config);
  await enterKey(stack, tenantId, bamboo.apiKey);
  await takeLive(stack, tenantId);
});
afterAll(async () => {
  await stack?.stop();
  await platform?.stop();
  await bamboo?.close();
});

async function runSync(body: object) {
  const started = await stack.request('POST', `/api/tenants/${tenantId}/syncs`, body);
  expect(started.status, started.text).toBe(202);
  const syncId: string = started.body.syncId;
  return eventually(async () => {
    const run = (await stack.request('GET', `/api/syncs/${syncId}`)).body;
    return final.includes(run.status) && run;
  }, 60_000);
}

const account = (hrisId: string) => scim.directory.usersByExternalId(hrisId)[0];

describe('a BambooHR tenant between full runs', () => {
  it('keeps a watermark from its initial load, a full read', async () => {
    const initial = await stack.db('sync_runs').where({ tenant_id: tenantId, trigger: 'initial_load' }).first('read', 'watermark', 'status');
    expect(initial).toMatchObject({ read: 'full', status: expect.stringMatching(/^(success|warning)$/) });
    expect(initial.watermark).toEqual(expect.any(String));
    expect(account(LEAVER)?.active).toBe(true);
    expect(account(DELETED)?.active).toBe(true);
  });

  it('reads only who changed in an incremental run, and changes only them', async () => {
    bamboo.change(ID.active, { jobTitle: 'Staff Engineer' });
    bamboo.terminate(LEAVER, addDays(today, -1));
    bamboo.remove(DELETED);
    const hired = bamboo.hire({ firstName: 'Nell', lastName: 'Newhire', workEmail: 'nell.newhire@acme.example', department: 'Engineering', supervisorEId: ID.engHead });
    const reportsBefore = bamboo.calls(REPORT).length;
    const writesBefore = writes(scim.operations).length;

    const run = await runSync({ read: 'incremental' });

    expect(run).toMatchObject({ read: 'incremental', status: 'success' });
    expect(run.counts).toMatchObject({ created: 1, updated: 1, deactivated: 1, reactivated: 0, skipped: 0 });
    expect(bamboo.calls(REPORT)).toHaveLength(reportsBefore);
    expect(bamboo.calls('/employees/changed').length).toBeGreaterThan(0);
    expect(account(ID.active)?.title).toBe('Staff Engineer');
    expect(account(LEAVER)?.active).toBe(false);
    expect(account(hired.id)).toMatchObject({ userName: 'nell.newhire@acme.example', active: true });
    // Absent from an incremental read is not gone: the deleted person keeps their account for now.
    expect(account(DELETED)?.active).toBe(true);
    const userWrites = writes(scim.operations).slice(writesBefore).filter((op) => op.path.includes('/Users'));
    const touched = new Set(userWrites.map((op) => (op.method === 'POST' ? hired.id : scim.directory.user(op.resourceId!)?.externalId)));
    expect([...touched].sort()).toEqual([hired.id, ID.active, LEAVER].sort());

    // Like every run's, its history holds ids and counts only.
    const forbidden = [bamboo.apiKey, ...bamboo.employees.flatMap((e) => [`${e.firstName} ${e.lastName}`, ...(e.workEmail?.trim() ? [e.workEmail.trim()] : [])])];
    const [scanned] = await scanWorkflow(stack.client, syncWorkflowId(run.id), forbidden);
    expect(scanned!.leaks).toEqual([]);
    await recordHistory(stack.client, 'sync-run-incremental', syncWorkflowId(run.id), undefined, forbidden);
  });

  it('reads in full once the last full run is more than a day old, and deactivates who BambooHR no longer lists', async () => {
    await stack.db('sync_runs').where({ tenant_id: tenantId, read: 'full' }).update({ started_at: stack.db.raw("started_at - interval '25 hours'") });
    const reportsBefore = bamboo.calls(REPORT).length;

    const run = await runSync({ read: 'incremental' });

    // The dataset's people with a shared or missing e-mail are skipped again: a full read sees everyone.
    expect(run).toMatchObject({ read: 'full', status: 'warning' });
    expect(run.counts).toMatchObject({ created: 0, updated: 0, deactivated: 1, skipped: expect.any(Number) });
    expect(run.counts.skipped).toBeGreaterThan(0);
    expect(bamboo.calls(REPORT)).toHaveLength(reportsBefore + 1);
    expect(account(DELETED)?.active).toBe(false);
  });

  it('reads in full after a config change, even within the day', async () => {
    const quiet = await runSync({ read: 'incremental' });
    expect(quiet).toMatchObject({ read: 'incremental', status: 'success', counts: { created: 0, updated: 0, deactivated: 0 } });

    const changed = await stack.request('PUT', `/api/tenants/${tenantId}/config`, { ...config, notifications: { ...config.notifications, summaryTo: ['people-ops@acme.example'] } });
    expect(changed.status, changed.text).toBe(200);
    expect((await runSync({ read: 'incremental' })).read).toBe('full');
    expect((await runSync({ read: 'incremental' })).read).toBe('incremental');
  });

  it('reads in full when support asks for a run without saying', async () => {
    expect((await runSync({})).read).toBe('full');
  });

  it('reads incrementally when its schedule fires', async () => {
    bamboo.change(ID.preferred, { jobTitle: 'Group Product Manager' });
    await stack.client.schedule.getHandle(tenantScheduleId(tenantId)).trigger();
    const fired = await eventually(async () => {
      const { syncs } = (await stack.request('GET', `/api/tenants/${tenantId}/syncs`)).body;
      const run = syncs.find((sync: { trigger: string }) => sync.trigger === 'schedule');
      return run && final.includes(run.status) && run;
    }, 60_000);
    expect(fired).toMatchObject({ read: 'incremental', status: 'success', counts: { updated: 1, created: 0, deactivated: 0 } });
    expect(account(ID.preferred)?.title).toBe('Group Product Manager');
  });
});

describe('asking for an incremental run', () => {
  it('is refused for an HR system that cannot say who changed', async () => {
    const demo = demoTenant();
    expect((await stack.request('POST', '/api/tenants', demo)).status).toBe(201);
    const answer = await stack.request('POST', `/api/tenants/${demo.id}/syncs`, { read: 'incremental' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('incremental_not_supported');
  });

  it('is refused with an unknown read', async () => {
    const answer = await stack.request('POST', `/api/tenants/${tenantId}/syncs`, { read: 'partial' });
    expect(answer.status).toBe(400);
  });
});
