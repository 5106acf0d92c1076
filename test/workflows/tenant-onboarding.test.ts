// Testing, as docs/PRODUCT.md's lifecycle describes it, on the real stack with the Humaans fake: tests
// started by keys and config changes, superseded when a newer one is due, approved only when the
// latest finished well with the current config, and a rejected key sending the tenant back to
// `authorization`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantScheduleId } from '../../common/workflow-ids';
import { startScimPlatform, writes, type ScimPlatform } from '../activities/platform/scim-platform';
import type { HumaansFake } from '../fakes/humaans';
import { kickoffConfig } from '../support/fixtures';
import { humaansTenantPastKickoff } from '../support/humaans-tenant';
import { enterKey, settled, takeLive } from '../support/onboarding';
import { eventually, startTestStack, type TestStack } from '../support/stack';
import { testSecret } from '../replay/record-history';

let stack: TestStack;
let platform: ScimPlatform;
const fakes: HumaansFake[] = [];
const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };

beforeAll(async () => {
  platform = await startScimPlatform();
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
  await platform?.stop();
  for (const fake of fakes) await fake.close();
});

/** A Humaans tenant in `authorization`, its platform on the SCIM server; people are paged 25 at a time. */
const humaansTenant = () =>
  humaansTenantPastKickoff(stack, platform, { fillers: 60, prefix: 'onboard', company: 'Hooli', contacts: { supportEmail: 'support@roster.example', hrisAdminEmail: 'hr-admin@hooli.example' }, config, fakes });

const tenant = async (id: string) => (await stack.request('GET', `/api/tenants/${id}`)).body;
const syncsOf = async (id: string) => (await stack.request('GET', `/api/tenants/${id}/syncs`)).body.syncs as { id: string; trigger: string; status: string; error?: { code: string; message: string } }[];

describe('testing', () => {
  it('runs the first test by itself once a key is verified, writing nothing to the platform', async () => {
    const { id, hris, scim } = await humaansTenant();
    const tested = await enterKey(stack, id, hris.token);
    expect(tested).toMatchObject({ stage: 'testing', lastSync: { status: expect.stringMatching(/^(success|warning)$/) } });
    const [test] = await syncsOf(id);
    expect(test).toMatchObject({ trigger: 'test', status: tested.lastSync.status });
    expect(tested.history.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toContainEqual(['credential_verified', 'admin-env']);
    expect(writes(scim.operations)).toEqual([]);
  });

  it('supersedes an open test when the config changes, and starts a new one with the new config', async () => {
    const { id, hris } = await humaansTenant();
    await enterKey(stack, id, hris.token);
    hris.faults.delayMs = 150;
    const started = await stack.request('POST', `/api/tenants/${id}/test-runs`, {});
    expect(started.status).toBe(202);
    const changed = await stack.request('PUT', `/api/tenants/${id}/config`, { ...config, hypercareDays: 21 });
    expect(changed.status, changed.text).toBe(200);
    hris.faults.delayMs = 0;

    const superseded = await eventually(async () => {
      const run = (await stack.request('GET', `/api/syncs/${started.body.syncId}`)).body;
      return run.status !== 'running' && run;
    }, 60_000);
    expect(superseded).toMatchObject({ status: 'cancelled', error: { code: 'cancelled', message: expect.stringContaining('superseded by a newer test') } });
    const after = await settled(stack, id, started.body.syncId);
    expect(after.stage).toBe('testing');
    const newest = (await syncsOf(id))[0]!;
    expect(newest).toMatchObject({ trigger: 'test', status: expect.stringMatching(/^(success|warning)$/) });
    expect(newest.id).not.toBe(started.body.syncId);
    expect((await stack.request('POST', `/api/tenants/${id}/test/approve`, {})).status).toBe(200);
  });

  it('approves a test only when the latest one finished well with the current config', async () => {
    const { id, hris } = await humaansTenant();
    await enterKey(stack, id, hris.token);

    // A config change starts a new test: until it has finished, the earlier one cannot be approved.
    expect((await stack.request('PUT', `/api/tenants/${id}/config`, { ...config, hypercareDays: 30 })).status).toBe(200);
    const pending = await stack.request('POST', `/api/tenants/${id}/test/approve`, {});
    expect(pending.status).toBe(409);
    expect(pending.body.error).toMatchObject({ code: 'test_not_approvable', message: expect.stringContaining('a newer test has not finished yet') });
    const tested = await settled(stack, id, (await tenant(id)).lastSync?.id);

    // A test that failed its guards is not approvable either.
    hris.emptyDirectory();
    const failing = await stack.request('POST', `/api/tenants/${id}/test-runs`, {});
    expect(failing.status).toBe(202);
    expect((await settled(stack, id, tested.lastSync.id)).lastSync.status).toBe('error');
    const refused = await stack.request('POST', `/api/tenants/${id}/test/approve`, { note: 'looks fine to me' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("the latest test ended 'error'");
    expect((await tenant(id)).stage).toBe('testing');
  });

  it('sends the tenant back to authorization when a test meets a rejected key, in testing and in ready', async () => {
    for (const stage of ['testing', 'ready']) {
      const { id, hris } = await humaansTenant();
      const tested = await enterKey(stack, id, hris.token);
      if (stage === 'ready') expect((await stack.request('POST', `/api/tenants/${id}/test/approve`, {})).body.stage).toBe('ready');

      hris.faults.status = 401;
      expect((await stack.request('POST', `/api/tenants/${id}/test-runs`, {})).status).toBe(202);
      const after = await settled(stack, id, tested.lastSync.id);
      expect(after.lastSync.status).toBe('error');
      expect(after.stage).toBe('authorization');
      expect(after.hris.credential).toEqual({ status: 'rejected' });
      expect(after.history.at(-1)).toMatchObject({ action: 'credential_rejected', actor: 'system', from: stage, to: 'authorization' });
      // Without a key nothing can run until a new one is verified.
      expect((await stack.request('POST', `/api/tenants/${id}/test-runs`, {})).status).toBe(409);
    }
  });

  it('keeps the verified key when a new one is rejected, and answers 503 when the HR system cannot be reached', async () => {
    const { id, hris } = await humaansTenant();
    await enterKey(stack, id, hris.token);
    const wrong = await stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: testSecret('wrong') });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('credentials_rejected');

    hris.faults.serverErrors = { fraction: 1, status: 503 };
    const unreachable = await stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: hris.token });
    expect(unreachable.status).toBe(503);
    expect(unreachable.body.error.code).toBe('hris_unavailable');
    hris.faults.serverErrors = undefined;

    expect(await tenant(id)).toMatchObject({ stage: 'testing', hris: { credential: { status: 'verified' } } });
    expect((await stack.request('POST', `/api/tenants/${id}/test-runs`, {})).status).toBe(202);
  });

  it('a live tenant whose key the HR system revokes needs reauthorization: schedule paused, a fresh link mailed, a new key brings it back', async () => {
    const { id, hris } = await humaansTenant();
    await enterKey(stack, id, hris.token);
    await takeLive(stack, id);
    const schedule = stack.client.schedule.getHandle(tenantScheduleId(id));

    hris.faults.status = 401;
    const started = await stack.request('POST', `/api/tenants/${id}/syncs`, {});
    expect(started.status).toBe(202);
    const after = await settled(stack, id, (await tenant(id)).lastSync.id);
    expect(after.lastSync).toMatchObject({ id: started.body.syncId, status: 'error' });
    expect(after).toMatchObject({ stage: 'needs_reauthorization', hris: { credential: { status: 'rejected' } } });
    await eventually(async () => (await schedule.describe()).state.paused);

    // The HRIS admin gets a fresh link by e-mail, and a new key through it brings the tenant back.
    const mail = await stack.mail.waitFor((m) => m.to.includes('hr-admin@hooli.example') && m.text.includes('/authorize/'));
    const url = /https?:\/\/\S+\/authorize\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    hris.faults.status = undefined;
    const redeemed = await stack.request('POST', `/api/authorize/${url.split('/').pop()}`, { apiKey: hris.token }, null);
    expect(redeemed.status, redeemed.text).toBe(200);
    expect(await tenant(id)).toMatchObject({ stage: 'live', hris: { credential: { status: 'verified' } } });
    await eventually(async () => !(await schedule.describe()).state.paused);
    expect((await stack.request('POST', `/api/tenants/${id}/syncs`, {})).status).toBe(202);
    await settled(stack, id, started.body.syncId);
  });

  it('revokes the key: back to authorization, and the sealed key is destroyed', async () => {
    const { id, hris } = await humaansTenant();
    await enterKey(stack, id, hris.token);
    const before = await stack.db('secrets').where({ tenant_id: id, kind: 'hris_key' }).count({ n: '*' });
    expect(Number(before[0]!.n)).toBe(1);
    const revoked = await stack.request('DELETE', `/api/tenants/${id}/credentials`, { reason: 'the HR admin left' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ stage: 'authorization', hris: { credential: { status: 'missing' } } });
    expect(revoked.body.history.at(-1)).toMatchObject({ action: 'credential_revoked', from: 'testing', to: 'authorization', reason: 'the HR admin left' });
    const after = await stack.db('secrets').where({ tenant_id: id, kind: 'hris_key' }).count({ n: '*' });
    expect(Number(after[0]!.n)).toBe(0);
  });
});
