// Sync runs end to end on the real stack: the API, the tenant and run workflows on the Temporal
// dev server, Postgres, the demo HRIS and the real scimmy SCIM server as the platform. An
// on-demand sync is allowed only in `live` (docs/PRODUCT.md "What each stage allows"): the applying
// runs here are a live tenant's, its initial load (go-live now) the first of them.
import { describe, expect, it } from 'vitest';
import { syncWorkflowId } from '../../common/workflow-ids';
import { progressQuery } from '../../workflows/sync-messages';
import { writes } from '../activities/platform/scim-platform';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { eventually } from '../support/stack';
import { approveTest, configureAndKickOff, enterKey, goLiveNow, useDemoStack, takeLive } from '../support/onboarding';

const demo = useDemoStack();

const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];

/** A demo tenant in `testing` with a verified key and its first test finished, and its platform on the SCIM server. */
async function testingTenant(config: object = kickoffConfig, platformSettings: object = { kind: 'demo' }) {
  const body = { ...demoTenant(), platform: platformSettings };
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  const scim = demo.platformFor(body.id);
  await configureAndKickOff(demo.stack, body.id, { ...config, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
  await enterKey(demo.stack, body.id, 'demo-key');
  return { id: body.id, scim };
}

/** A demo tenant taken live (test approved, go-live now): its directory is on the platform, and `initialLoad` is the run that put it there. */
async function liveTenant(config: object = kickoffConfig) {
  const { id, scim } = await testingTenant(config);
  const live = await takeLive(demo.stack, id);
  const initialLoad = await finalRun(live.lastSync.id);
  expect(initialLoad).toMatchObject({ trigger: 'initial_load', mode: 'apply' });
  return { id, scim, initialLoad };
}

/** A live tenant allowed no deactivation, one leaver, and the run that holds for it. */
async function heldRun() {
  const { id, scim } = await liveTenant({ ...kickoffConfig, safety: { maxDeactivations: 0, maxDeactivationShare: 0.1 } });
  const [person] = (await demo.stack.request('GET', `/api/tenants/${id}/demo/people`)).body.people.filter((p: { status: string; department?: string }) => p.status === 'active' && p.department === 'Sales');
  await demo.stack.request('POST', `/api/tenants/${id}/demo/people/${person.hrisId}/terminate`, {});
  const writesBefore = writes(scim.operations).length;
  const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  const syncId: string = started.body.syncId;
  await eventually(async () => (await demo.stack.request('GET', `/api/syncs/${syncId}`)).body.status === 'awaiting_approval');
  return { syncId, scim, writesBefore };
}

function finalRun(syncId: string) {
  return eventually(async () => {
    const run = await demo.stack.request('GET', `/api/syncs/${syncId}`);
    return final.includes(run.body.status) && run.body;
  }, 60_000);
}

async function runToEnd(path: string) {
  const started = await demo.stack.request('POST', path, {});
  expect(started.status, started.text).toBe(202);
  return finalRun(started.body.syncId);
}

describe('a key', () => {
  it('is refused when the HR system rejects it, and nothing is stored', async () => {
    const body = demoTenant();
    await demo.stack.request('POST', '/api/tenants', body);
    // In `authorization`: in kick-off the stage refuses a key before the HR system is asked.
    await configureAndKickOff(demo.stack, body.id, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
    const answer = await demo.stack.request('POST', `/api/tenants/${body.id}/credentials`, { apiKey: 'not-the-demo-key' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('credentials_rejected');
    expect(await demo.stack.db('secrets').where({ tenant_id: body.id, kind: 'hris_key' })).toEqual([]);
    expect((await demo.stack.request('GET', `/api/tenants/${body.id}`)).body.hris.credential.status).toBe('missing');
  });
});

describe('sync runs', () => {
  it('previews with a test run, writing nothing to the platform', async () => {
    const { id, scim } = await testingTenant();
    const run = await runToEnd(`/api/tenants/${id}/test-runs`);
    expect(run).toMatchObject({ tenantId: id, trigger: 'test', mode: 'dry_run', status: 'warning', phase: 'done' });
    expect(run.planned.created).toBeGreaterThan(200);
    expect(run.counts).toEqual(run.planned);
    expect(writes(scim.operations)).toEqual([]);
  });

  it('refuses an on-demand sync before go-live: 409 invalid_transition in testing and in ready', async () => {
    const { id, scim } = await testingTenant();
    for (const stage of ['testing', 'ready']) {
      if (stage === 'ready') await approveTest(demo.stack, id);
      const refused = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.error.code).toBe('invalid_transition');
      expect(refused.body.error.message).toContain(`stage '${stage}'`);
      const tenant = (await demo.stack.request('GET', `/api/tenants/${id}`)).body;
      expect(tenant).toMatchObject({ stage });
      expect(tenant.activeSyncId).toBeUndefined();
    }
    // Only the automatic test ran, and nothing was written.
    expect((await demo.stack.request('GET', `/api/tenants/${id}/syncs`)).body.syncs.map((run: { trigger: string }) => run.trigger)).toEqual(['test']);
    expect(writes(scim.operations)).toEqual([]);
  });

  it('applies the initial load, reports skips in errors.csv, and an on-demand sync at once finds nothing to change', async () => {
    const { id, scim, initialLoad: run } = await liveTenant();
    expect(run).toMatchObject({ trigger: 'initial_load', mode: 'apply', status: 'warning' });
    expect(run.counts.created).toBe(run.planned.created);
    expect(run.counts.created).toBeGreaterThan(200);
    expect(run.counts.failed).toBe(0);
    expect(scim.directory.snapshot().users.length).toBe(run.counts.created);

    const errors = await demo.stack.request('GET', `/api/syncs/${run.id}/errors.csv`);
    expect(errors.text).toContain('duplicate_identity_key');

    // The summary to summaryTo, and the record errors with errors.csv to errorsTo.
    // This run's, not those of the first test, which mails its own.
    const mentions = (mail: { subject: string; text: string }) => mail.subject.includes(id) && !mail.text.includes('This was a dry run');
    const summary = await demo.stack.mail.waitFor((m) => m.to.includes('hr@acme.example') && mentions(m));
    expect(summary.subject).toContain('initial load');
    expect(summary.text).toContain(String(run.counts.created));
    const errorMail = await demo.stack.mail.waitFor((m) => m.to.includes('it@acme.example') && m.attachments.length > 0 && mentions(m));
    expect(errorMail.attachments[0]!.content).toContain('duplicate_identity_key');

    const again = await runToEnd(`/api/tenants/${id}/syncs`);
    expect(again).toMatchObject({ trigger: 'manual', mode: 'apply', status: 'warning' });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, deactivated: 0, reactivated: 0, groupsCreated: 0, groupsUpdated: 0 });
    const tenant = await demo.stack.request('GET', `/api/tenants/${id}`);
    expect(tenant.body).toMatchObject({ stage: 'live', lastSync: { id: again.id, status: 'warning' } });
    expect(tenant.body.activeSyncId).toBeUndefined();
  });

  it('applies an on-demand sync of what changed in the directory since go-live', async () => {
    const { id, scim } = await liveTenant();
    // Two engineers who manage nobody, so that no one else's account changes with them.
    const everyone: { hrisId: string; status: string; department?: string; managerHrisId?: string }[] = (await demo.stack.request('GET', `/api/tenants/${id}/demo/people`)).body.people;
    const managers = new Set(everyone.map((p) => p.managerHrisId));
    const [leaver, mover] = everyone.filter((p) => p.status === 'active' && p.department === 'Engineering' && !managers.has(p.hrisId));
    expect((await demo.stack.request('POST', `/api/tenants/${id}/demo/people`, { firstName: 'Nina', lastName: 'Newhire', workEmail: 'nina.newhire@acme.example', department: 'Sales' })).status).toBe(201);
    expect((await demo.stack.request('POST', `/api/tenants/${id}/demo/people/${leaver!.hrisId}/terminate`, {})).status).toBe(200);
    expect((await demo.stack.request('PATCH', `/api/tenants/${id}/demo/people/${mover!.hrisId}`, { position: 'Head of Platform' })).status).toBe(200);

    const run = await runToEnd(`/api/tenants/${id}/syncs`);
    expect(run).toMatchObject({ trigger: 'manual', mode: 'apply', status: 'warning' });
    expect(run.counts).toMatchObject({ created: 1, updated: 1, deactivated: 1, reactivated: 0, failed: 0 });
    const users = scim.directory.users();
    expect(users.find((user) => user.userName === 'nina.newhire@acme.example')).toMatchObject({ active: true });
    expect(users.find((user) => user.externalId === leaver!.hrisId)).toMatchObject({ active: false });
    expect(users.find((user) => user.externalId === mover!.hrisId)).toMatchObject({ title: 'Head of Platform' });
  });

  it('refuses a second run while one is open, naming it', async () => {
    const { id } = await liveTenant();
    const first = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
    expect(first.status, first.text).toBe(202);
    const second = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'sync_in_progress', syncId: first.body.syncId });
    await finalRun(first.body.syncId);
  });

  it('holds a run over the deactivation limit until a human approves it', async () => {
    const { id } = await liveTenant();
    const people = (await demo.stack.request('GET', `/api/tenants/${id}/demo/people`)).body.people.filter((p: { status: string; department?: string }) => p.status === 'active' && p.department === 'Engineering').slice(0, 30);
    for (const person of people) expect((await demo.stack.request('POST', `/api/tenants/${id}/demo/people/${person.hrisId}/terminate`, {})).status).toBe(200);

    const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
    const held = await eventually(async () => {
      const run = await demo.stack.request('GET', `/api/syncs/${started.body.syncId}`);
      return run.body.status === 'awaiting_approval' && run.body;
    }, 60_000);
    expect(held.hold).toMatchObject({ deactivations: 30, limit: 25 });
    const notice = await demo.stack.mail.waitFor((m) => m.to.includes('it@acme.example') && m.text.includes(`/runs/${held.id}`));
    expect(notice.text).toContain('30');
    expect((await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {})).status).toBe(409);

    expect((await demo.stack.request('POST', `/api/syncs/${held.id}/approve`, {})).status).toBe(200);
    const done = await finalRun(held.id);
    expect(done.counts.deactivated).toBe(30);
  });

  it('applies nothing of a held run that is rejected', async () => {
    const { syncId, scim, writesBefore } = await heldRun();
    expect((await demo.stack.request('POST', `/api/syncs/${syncId}/reject`, {})).status).toBe(200);
    const done = await finalRun(syncId);
    expect(done.status).toBe('rejected');
    expect(writes(scim.operations).length).toBe(writesBefore);
  });

  it('cancels a held run on request, applying nothing, and answers the progress query meanwhile', async () => {
    const { syncId, scim, writesBefore } = await heldRun();
    const progress = await demo.stack.client.workflow.getHandle(syncWorkflowId(syncId)).query(progressQuery);
    expect(progress).toMatchObject({ syncId, phase: 'awaiting_approval', awaitingApproval: true });

    expect((await demo.stack.request('POST', `/api/syncs/${syncId}/cancel`, { reason: 'restructure next week' })).status).toBe(200);
    const done = await finalRun(syncId);
    expect(done).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
    expect(writes(scim.operations).length).toBe(writesBefore);
    expect((await demo.stack.request('POST', `/api/syncs/${syncId}/approve`, {})).status).toBe(409);
  });

  it('welcomes created users when invites are on, with the login URL, and never from a test run', async () => {
    const { id } = await testingTenant({ ...kickoffConfig, inviteNewUsers: true }, { kind: 'demo', loginUrl: 'https://app.platform.example/login' });
    const preview = await runToEnd(`/api/tenants/${id}/test-runs`);
    expect(preview.mode).toBe('dry_run');
    // Tests and the initial load welcome nobody here (go-live's own choice: inviteNewUsers false)...
    await approveTest(demo.stack, id);
    const live = await goLiveNow(demo.stack, id, { inviteNewUsers: false });
    expect(live.lastSync.counts.created).toBeGreaterThan(200);
    // ...the people hired since, created by the next sync, are welcomed (the config's choice).
    expect((await demo.stack.request('POST', `/api/tenants/${id}/demo/people`, { firstName: 'Nina', lastName: 'Newhire', workEmail: 'nina.newhire@acme.example', department: 'Sales' })).status).toBe(201);
    const run = await runToEnd(`/api/tenants/${id}/syncs`);
    expect(run).toMatchObject({ trigger: 'manual', mode: 'apply', counts: { created: 1 } });
    const welcome = await demo.stack.mail.waitFor((m) => m.to.includes('nina.newhire@acme.example'));
    expect(welcome.text).toContain('https://app.platform.example/login');
    const welcomes = await demo.stack.db('mail_outbox').where({ tenant_id: id, kind: 'welcome' });
    expect(welcomes).toHaveLength(run.counts.created);
    expect(welcomes.every((w: { sync_id: string }) => w.sync_id === run.id)).toBe(true);
  });
});
