// Runs that must end however their reads fare (issue 12): a cancel or a newer key stops a run
// whose read is waiting to retry, a run whose key was destroyed ends at once instead of retrying,
// and the tenant takes new tests afterwards. The platform is the real SCIM server, made to answer
// 503 for as long as a test wants; the HRIS is the demo directory.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { syncWorkflowId, tenantWorkflowId } from '../../common/workflow-ids';
import { syncRunWorkflow } from '../../workflows/sync-run';
import { stateQuery } from '../../workflows/tenant-messages';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { recordHistory } from '../replay/record-history';
import { eventually } from '../support/stack';
import { configureAndKickOff, enterKey, settled, useDemoStack, useTinyDirectory } from '../support/onboarding';

const demo = useDemoStack();
const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];
const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
const unavailable = { status: 503 };
/** What useTinyDirectory puts in the directory, which a recorded history must not hold. */
const tinyDirectoryPeople = ['Lovelace', 'Turing', 'Hopper', '@acme.example'];

/** A demo tenant in `authorization` with a three-person directory and its own SCIM directory. */
async function authorizingTenant() {
  const body = demoTenant();
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  const scim = demo.platformFor(body.id);
  await useTinyDirectory(demo.stack, body.id);
  await configureAndKickOff(demo.stack, body.id, config);
  return { id: body.id, scim };
}

const view = async (id: string) => (await demo.stack.request('GET', `/api/tenants/${id}`)).body;

function finalRun(syncId: string) {
  return eventually(async () => {
    const run = await demo.stack.request('GET', `/api/syncs/${syncId}`);
    return final.includes(run.body.status) && run.body;
  }, 30_000);
}

/** Waits until one of the run's activities has failed and waits for its next attempt. */
function retrying(syncId: string) {
  return eventually(async () => {
    // The run's row is written a moment before its workflow starts.
    const described = await demo.stack.client.workflow.getHandle(syncWorkflowId(syncId)).describe().catch((error: unknown) => {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    });
    return (described?.raw.pendingActivities ?? []).some((activity) => (activity.attempt ?? 0) >= 2);
  });
}

/** The automatic test of a key entered now, held in its platform read by a platform answering 503. */
async function heldAutomaticTest() {
  const tenant = await authorizingTenant();
  tenant.scim.failNext(100_000, unavailable);
  const keyed = await demo.stack.request('POST', `/api/tenants/${tenant.id}/credentials`, { apiKey: 'demo-key' });
  expect(keyed.status, keyed.text).toBe(200);
  const testId: string = await eventually(async () => (await view(tenant.id)).activeSyncId);
  await retrying(testId);
  return { ...tenant, testId };
}

describe('runs that must end', () => {
  it('ends a run whose platform read is waiting to retry as soon as it is cancelled', async () => {
    const { id, scim } = await authorizingTenant();
    await enterKey(demo.stack, id, 'demo-key');
    scim.failNext(100_000, unavailable);
    const started = await demo.stack.request('POST', `/api/tenants/${id}/test-runs`, {});
    expect(started.status, started.text).toBe(202);
    await retrying(started.body.syncId);

    const cancelled = await demo.stack.request('POST', `/api/syncs/${started.body.syncId}/cancel`, { reason: 'the platform is down' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(await finalRun(started.body.syncId)).toMatchObject({ status: 'cancelled', error: { code: 'cancelled', message: expect.stringContaining('the platform is down') } });
    await recordHistory(demo.stack.client, 'sync-run-cancelled-while-retrying', syncWorkflowId(started.body.syncId), undefined, tinyDirectoryPeople);

    scim.recover();
    const next = await demo.stack.request('POST', `/api/tenants/${id}/test-runs`, {});
    expect(next.status, next.text).toBe(202);
    expect(await finalRun(next.body.syncId)).toMatchObject({ status: 'success' });
  });

  it('ends the automatic test at once when a second key replaces the first, and tests the new key', async () => {
    const { id, scim, testId } = await heldAutomaticTest();
    const again = await demo.stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: 'demo-key' });
    expect(again.status, again.text).toBe(200);
    expect((await finalRun(testId)).status).toMatch(/^(cancelled|error)$/);

    scim.recover();
    const tenant = await settled(demo.stack, id, testId);
    expect(tenant).toMatchObject({ stage: 'testing', lastSync: { status: 'success' } });
    const approved = await demo.stack.request('POST', `/api/tenants/${id}/test/approve`, {});
    expect(approved.status, approved.text).toBe(200);
  });

  it('ends the automatic test at once when its key is revoked, and takes a new key afterwards', async () => {
    const { id, scim, testId } = await heldAutomaticTest();
    const revoked = await demo.stack.request('DELETE', `/api/tenants/${id}/credentials`, { reason: 'wrong account' });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.stage).toBe('authorization');
    expect((await finalRun(testId)).status).toMatch(/^(cancelled|error)$/);
    expect(await demo.stack.db('secrets').where({ tenant_id: id, kind: 'hris_key' })).toEqual([]);

    scim.recover();
    const keyed = await demo.stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: 'demo-key' });
    expect(keyed.status, keyed.text).toBe(200);
    expect(await settled(demo.stack, id, testId)).toMatchObject({ stage: 'testing', lastSync: { status: 'success' } });
  });

  it('ends a run whose key no longer exists at once, with a clear error, instead of retrying its read', async () => {
    const { id } = await authorizingTenant();
    await enterKey(demo.stack, id, 'demo-key');
    const { configVersionId } = await demo.stack.client.workflow.getHandle(tenantWorkflowId(id)).query(stateQuery);
    const syncId = randomUUID();
    await demo.stack.db('sync_runs').insert({ id: syncId, tenant_id: id, trigger: 'test', mode: 'dry_run', status: 'running', phase: 'fetching', config_version_id: configVersionId, requested_by: 'test', started_at: new Date().toISOString() });

    const run = await demo.stack.client.workflow.start(syncRunWorkflow, {
      taskQueue: demo.stack.taskQueue,
      workflowId: syncWorkflowId(syncId),
      args: [{ syncId, tenantId: id, trigger: 'test', mode: 'dry_run', configVersionId: configVersionId!, credentialRef: randomUUID() }],
    });
    expect(await run.result()).toMatchObject({ status: 'error', error: { code: 'credentials_missing' } });
    const { raw } = await run.describe();
    expect(raw.pendingActivities ?? []).toEqual([]);
  });
});
