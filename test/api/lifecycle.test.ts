import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RosterStage } from '../../common/search-attributes';
import { stateQuery } from '../../workflows/tenant-messages';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { eventually, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

async function createTenant() {
  const body = demoTenant();
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  return body.id;
}

describe('config and kick-off', () => {
  it('refuses to complete kick-off without a config (409 invalid_transition)', async () => {
    const id = await createTenant();
    const answer = await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {});
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('invalid_transition');
    expect(answer.body.error.message).toContain("'kickoff'");
    expect(answer.body.error.message).toContain('config');
    expect((await stack.request('GET', `/api/tenants/${id}`)).body.stage).toBe('kickoff');
  });

  it('records the config with actor and changes, then moves to authorization', async () => {
    const id = await createTenant();
    const configured = await stack.request('PUT', `/api/tenants/${id}/config`, kickoffConfig);
    expect(configured.status).toBe(200);
    expect(configured.body.config).toMatchObject({ identityKey: 'workEmail', schedule: { cron: '0 7-19/3 * * 1-5' } });
    expect(configured.body.history.at(-1)).toMatchObject({ actor: 'admin-env', action: 'config_changed' });
    expect(configured.body.history.at(-1).changes).toContain('identityKey');

    const changed = await stack.request('PUT', `/api/tenants/${id}/config`, { ...kickoffConfig, hypercareDays: 30 });
    expect(changed.body.history.at(-1).changes).toEqual(['hypercareDays']);

    const moved = await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, { reason: 'kick-off call on Monday' });
    expect(moved.status).toBe(200);
    expect(moved.body.stage).toBe('authorization');
    expect(moved.body.history.at(-1)).toMatchObject({ action: 'kickoff_completed', from: 'kickoff', to: 'authorization', reason: 'kick-off call on Monday', actor: 'admin-env' });

    const versions = await stack.db('tenant_config_versions').where({ tenant_id: id });
    expect(versions).toHaveLength(2);
  });

  it('refuses a second kick-off completion, naming the stage and what it allows', async () => {
    const id = await createTenant();
    await stack.request('PUT', `/api/tenants/${id}/config`, kickoffConfig);
    await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {});
    const again = await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
    expect(again.body.error.message).toContain("stage 'authorization'");
    expect(again.body.error.message).toContain('issue a link or enter a key');
  });

  it('answers a bad config with 400 and a detail per field, and keeps the previous config', async () => {
    const id = await createTenant();
    await stack.request('PUT', `/api/tenants/${id}/config`, kickoffConfig);
    const bad = await stack.request('PUT', `/api/tenants/${id}/config`, { ...kickoffConfig, schedule: { cron: '*/5 * * * *', timezone: 'Mars/Olympus' }, identityKey: 'nickname' });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['schedule.cron', 'schedule.timezone', 'identityKey']));
    expect((await stack.request('GET', `/api/tenants/${id}`)).body.config.schedule.timezone).toBe('Australia/Sydney');
  });

  it('returns daylight-saving warnings with the accepted config', async () => {
    const id = await createTenant();
    const answer = await stack.request('PUT', `/api/tenants/${id}/config`, { ...kickoffConfig, schedule: { cron: '30 2 * * *', timezone: 'Australia/Sydney' } });
    expect(answer.status).toBe(200);
    expect(answer.body.warnings).toEqual([
      { path: 'schedule.cron', message: expect.stringMatching(/02:30 happens twice in Australia\/Sydney/) },
      { path: 'schedule.cron', message: expect.stringMatching(/02:30 does not exist in Australia\/Sydney/) },
    ]);
  });
});

describe('the workflow, the search attribute and the projection', () => {
  it('agree on the stage', async () => {
    const id = await createTenant();
    await stack.request('PUT', `/api/tenants/${id}/config`, kickoffConfig);
    await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {});
    const handle = stack.client.workflow.getHandle(`tenant-${id}`);
    expect((await handle.query(stateQuery)).stage).toBe('authorization');
    expect((await handle.describe()).typedSearchAttributes.get(RosterStage)).toBe('authorization');
    const listed = await stack.request('GET', `/api/tenants?stage=authorization&q=${id}`);
    expect(listed.body.tenants.map((t: { id: string }) => t.id)).toContain(id);
    await eventually(async () => {
      for await (const run of stack.client.workflow.list({ query: `RosterTenantId = "${id}" AND RosterStage = "authorization"` })) return run;
      return undefined;
    });
  });

  it('survives a worker restart, including an update sent while no worker runs', async () => {
    const id = await createTenant();
    await stack.request('PUT', `/api/tenants/${id}/config`, kickoffConfig);
    await stack.stopWorker();
    const pending = stack.request('POST', `/api/tenants/${id}/kickoff/complete`, { reason: 'sent during a deploy' });
    await stack.startWorker();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.body.stage).toBe('authorization');
    expect(answer.body.config.identityKey).toBe('workEmail');
    const state = await stack.client.workflow.getHandle(`tenant-${id}`).query(stateQuery);
    expect(state).toMatchObject({ stage: 'authorization', configVersionId: answer.body.configVersionId });
  });
});

describe('a tenant that lives for years', () => {
  it('continues as new before its history grows large, keeping its stage and config', async () => {
    const id = await createTenant();
    const handle = stack.client.workflow.getHandle(`tenant-${id}`);
    const firstRunId = (await handle.describe()).runId;
    let last;
    // Each config change adds several events; the test server suggests continue-as-new at 40.
    for (let day = 1; day <= 12; day++) {
      last = await stack.request('PUT', `/api/tenants/${id}/config`, { ...kickoffConfig, hypercareDays: day });
      expect(last.status).toBe(200);
    }
    await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {});
    const current = await handle.describe();
    expect(current.runId).not.toBe(firstRunId);
    // Past the suggestion (40 events) a run only finishes the update in hand before handing over.
    expect(current.historyLength).toBeLessThan(48);
    expect(await handle.query(stateQuery)).toMatchObject({ stage: 'authorization', configVersionId: last!.body.configVersionId });
    const tenant = await stack.request('GET', `/api/tenants/${id}`);
    expect(tenant.body).toMatchObject({ stage: 'authorization', config: { hypercareDays: 12 } });
    expect(tenant.body.history.filter((h: { action: string }) => h.action === 'config_changed')).toHaveLength(12);
  });
});
