// Sync runs end to end on the real stack: the API, the tenant and run workflows on the Temporal
// dev server, Postgres, the demo HRIS and the real scimmy SCIM server as the platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressQuery } from '../../workflows/sync-messages';
import { writes } from '../activities/platform/scim-platform';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { eventually, type TestStack } from '../support/stack';
import { configureAndKickOff, enterKey, startDemoStack, type DemoStack } from '../support/onboarding';

let demo: DemoStack;
let stack: TestStack;

beforeAll(async () => {
  demo = await startDemoStack();
  stack = demo.stack;
});
afterAll(() => demo?.stop());

const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];

/** A demo tenant in `testing` with a verified key and its first test finished, and its platform on the SCIM server. */
async function readyTenant(config: object = kickoffConfig, platformSettings: object = { kind: 'demo' }) {
  const body = { ...demoTenant(), platform: platformSettings };
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  const scim = demo.platformFor(body.id);
  await configureAndKickOff(stack, body.id, { ...config, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
  await enterKey(stack, body.id, 'demo-key');
  return { id: body.id, scim };
}

/** A synced tenant allowed no deactivation, one leaver, and the run that holds for it. */
async function heldRun() {
  const { id, scim } = await readyTenant({ ...kickoffConfig, safety: { maxDeactivations: 0, maxDeactivationShare: 0.1 } });
  await runToEnd(`/api/tenants/${id}/syncs`);
  const [person] = (await stack.request('GET', `/api/tenants/${id}/demo/people`)).body.people.filter((p: { status: string; department?: string }) => p.status === 'active' && p.department === 'Sales');
  await stack.request('POST', `/api/tenants/${id}/demo/people/${person.hrisId}/terminate`, {});
  const writesBefore = writes(scim.operations).length;
  const started = await stack.request('POST', `/api/tenants/${id}/syncs`, {});
  const syncId: string = started.body.syncId;
  await eventually(async () => (await stack.request('GET', `/api/syncs/${syncId}`)).body.status === 'awaiting_approval');
  return { syncId, scim, writesBefore };
}

async function runToEnd(path: string) {
  const started = await stack.request('POST', path, {});
  expect(started.status).toBe(202);
  const syncId: string = started.body.syncId;
  return eventually(async () => {
    const run = await stack.request('GET', `/api/syncs/${syncId}`);
    return final.includes(run.body.status) && run.body;
  }, 60_000);
}

describe('a key', () => {
  it('is refused when the HR system rejects it, and nothing is stored', async () => {
    const body = demoTenant();
    await stack.request('POST', '/api/tenants', body);
    const answer = await stack.request('POST', `/api/tenants/${body.id}/credentials`, { apiKey: 'not-the-demo-key' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('credentials_rejected');
    expect(await stack.db('secrets').where({ tenant_id: body.id, kind: 'hris_key' })).toEqual([]);
    expect((await stack.request('GET', `/api/tenants/${body.id}`)).body.hris.credential.status).toBe('missing');
  });
});

describe('sync runs', () => {
  it('previews with a test run, writing nothing to the platform', async () => {
    const { id, scim } = await readyTenant();
    const run = await runToEnd(`/api/tenants/${id}/test-runs`);
    expect(run).toMatchObject({ tenantId: id, trigger: 'test', mode: 'dry_run', status: 'warning', phase: 'done' });
    expect(run.planned.created).toBeGreaterThan(200);
    expect(run.counts).toEqual(run.planned);
    expect(writes(scim.operations)).toEqual([]);
  });

  it('applies a run, reports skips in errors.csv, and a next run at once finds nothing to change', async () => {
    const { id, scim } = await readyTenant();
    const run = await runToEnd(`/api/tenants/${id}/syncs`);
    expect(run).toMatchObject({ trigger: 'manual', mode: 'apply', status: 'warning' });
    expect(run.counts.created).toBe(run.planned.created);
    expect(run.counts.failed).toBe(0);
    expect(scim.directory.snapshot().users.length).toBe(run.counts.created);

    const errors = await stack.request('GET', `/api/syncs/${run.id}/errors.csv`);
    expect(errors.text).toContain('duplicate_identity_key');

    // The summary to summaryTo, and the record errors with errors.csv to errorsTo.
    // This run's, not those of the first test, which mails its own.
    const mentions = (mail: { subject: string; text: string }) => mail.subject.includes(id) && !mail.text.includes('This was a dry run');
    const summary = await stack.mail.waitFor((m) => m.to.includes('hr@acme.example') && mentions(m));
    expect(summary.text).toContain(String(run.counts.created));
    const errorMail = await stack.mail.waitFor((m) => m.to.includes('it@acme.example') && m.attachments.length > 0 && mentions(m));
    expect(errorMail.attachments[0]!.content).toContain('duplicate_identity_key');

    const again = await runToEnd(`/api/tenants/${id}/syncs`);
    expect(again.status).toBe('warning');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, deactivated: 0, reactivated: 0, groupsCreated: 0, groupsUpdated: 0 });
    const tenant = await stack.request('GET', `/api/tenants/${id}`);
    expect(tenant.body.lastSync).toMatchObject({ id: again.id, status: 'warning' });
    expect(tenant.body.activeSyncId).toBeUndefined();
  });

  it('refuses a second run while one is open, naming it', async () => {
    const { id } = await readyTenant();
    const first = await stack.request('POST', `/api/tenants/${id}/syncs`, {});
    const second = await stack.request('POST', `/api/tenants/${id}/syncs`, {});
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'sync_in_progress', syncId: first.body.syncId });
  });

  it('holds a run over the deactivation limit until a human approves it', async () => {
    const { id } = await readyTenant();
    await runToEnd(`/api/tenants/${id}/syncs`);
    const people = (await stack.request('GET', `/api/tenants/${id}/demo/people`)).body.people.filter((p: { status: string; department?: string }) => p.status === 'active' && p.department === 'Engineering').slice(0, 30);
    for (const person of people) expect((await stack.request('POST', `/api/tenants/${id}/demo/people/${person.hrisId}/terminate`, {})).status).toBe(200);

    const started = await stack.request('POST', `/api/tenants/${id}/syncs`, {});
    const held = await eventually(async () => {
      const run = await stack.request('GET', `/api/syncs/${started.body.syncId}`);
      return run.body.status === 'awaiting_approval' && run.body;
    }, 60_000);
    expect(held.hold).toMatchObject({ deactivations: 30, limit: 25 });
    const notice = await stack.mail.waitFor((m) => m.to.includes('it@acme.example') && m.text.includes(`${held.id}/approve`));
    expect(notice.text).toContain('30');
    expect((await stack.request('POST', `/api/tenants/${id}/syncs`, {})).status).toBe(409);

    expect((await stack.request('POST', `/api/syncs/${held.id}/approve`, {})).status).toBe(200);
    const done = await eventually(async () => {
      const run = await stack.request('GET', `/api/syncs/${held.id}`);
      return final.includes(run.body.status) && run.body;
    }, 60_000);
    expect(done.counts.deactivated).toBe(30);
  });

  it('applies nothing of a held run that is rejected', async () => {
    const { syncId, scim, writesBefore } = await heldRun();
    expect((await stack.request('POST', `/api/syncs/${syncId}/reject`, {})).status).toBe(200);
    const done = await eventually(async () => {
      const run = await stack.request('GET', `/api/syncs/${syncId}`);
      return final.includes(run.body.status) && run.body;
    });
    expect(done.status).toBe('rejected');
    expect(writes(scim.operations).length).toBe(writesBefore);
  });

  it('cancels a held run on request, applying nothing, and answers the progress query meanwhile', async () => {
    const { syncId, scim, writesBefore } = await heldRun();
    const progress = await stack.client.workflow.getHandle(`sync-${syncId}`).query(progressQuery);
    expect(progress).toMatchObject({ syncId, phase: 'awaiting_approval', awaitingApproval: true });

    expect((await stack.request('POST', `/api/syncs/${syncId}/cancel`, { reason: 'restructure next week' })).status).toBe(200);
    const done = await eventually(async () => {
      const run = await stack.request('GET', `/api/syncs/${syncId}`);
      return final.includes(run.body.status) && run.body;
    });
    expect(done).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
    expect(writes(scim.operations).length).toBe(writesBefore);
    expect((await stack.request('POST', `/api/syncs/${syncId}/approve`, {})).status).toBe(409);
  });

  it('welcomes created users when invites are on, with the login URL, and never from a test run', async () => {
    const { id } = await readyTenant({ ...kickoffConfig, inviteNewUsers: true }, { kind: 'demo', loginUrl: 'https://app.platform.example/login' });
    const preview = await runToEnd(`/api/tenants/${id}/test-runs`);
    expect(preview.mode).toBe('dry_run');
    const run = await runToEnd(`/api/tenants/${id}/syncs`);
    const welcome = await stack.mail.waitFor((m) => m.to.includes('zoe.muller@acme.example'));
    expect(welcome.text).toContain('https://app.platform.example/login');
    const welcomes = await stack.db('mail_outbox').where({ tenant_id: id, kind: 'welcome' });
    expect(welcomes).toHaveLength(run.counts.created);
    expect(welcomes.every((w: { sync_id: string }) => w.sync_id === run.id)).toBe(true);
  });
});
