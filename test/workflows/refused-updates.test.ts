// The tenant workflow's Updates with input Postgres cannot store, sent straight to Temporal as the
// Temporal UI or CLI could (the API refuses them earlier): each is refused by its validator, the
// tenant is left as it was, and it still answers and moves afterwards (issue 12). An Update whose
// record Postgres refuses in its handler fails cleanly and puts the tenant back as it was.
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { tenantWorkflowId } from '../../common/workflow-ids';
import {
  approveTestUpdate,
  changeConfigUpdate,
  changeSettingsUpdate,
  completeKickoffUpdate,
  goLiveUpdate,
  issueLinkUpdate,
  offboardUpdate,
  pauseUpdate,
  requestSyncUpdate,
  resumeUpdate,
  revokeCredentialUpdate,
  setCredentialUpdate,
  stateQuery,
} from '../../workflows/tenant-messages';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, goLiveNow, approveTest, useDemoStack, useTinyDirectory } from '../support/onboarding';

const demo = useDemoStack();
const NUL = '\u0000';

const bad = <A>(definition: UpdateDefinition<unknown, [A]>, input: A) => ({ name: definition.name, send: (handle: WorkflowHandle) => handle.executeUpdate(definition, { args: [input] }) });

/** One Update of every kind, each with a NUL somewhere in its input. */
const badUpdates = [
  bad(changeConfigUpdate, { actor: 'support', config: { ...kickoffConfig, groups: { from: `depart${NUL}ment` } } as never, warnings: [] }),
  bad(changeSettingsUpdate, { actor: 'support', name: `Acme${NUL}` }),
  bad(completeKickoffUpdate, { actor: 'support', reason: `call${NUL}` }),
  bad(issueLinkUpdate, { actor: 'support', linkId: 'l1', tokenHash: `hash${NUL}`, expiresAt: new Date().toISOString() }),
  bad(setCredentialUpdate, { actor: 'support', credentialRef: `ref${NUL}` }),
  bad(revokeCredentialUpdate, { actor: 'support', reason: NUL }),
  bad(approveTestUpdate, { actor: `sup${NUL}port` }),
  bad(goLiveUpdate, { actor: 'support', reason: NUL }),
  bad(pauseUpdate, { actor: 'support', reason: NUL }),
  bad(resumeUpdate, { actor: 'support', reason: NUL }),
  bad(offboardUpdate, { actor: 'support', reason: NUL }),
  bad(requestSyncUpdate, { actor: 'support', trigger: 'manual', mode: 'apply', reason: NUL }),
];

const failureOf = (promise: Promise<unknown>) => promise.then(
  () => undefined,
  (error: unknown) => error,
);

/** Sends every bad Update: each refused as `validation_failed`, and the tenant's state unchanged. */
async function refusesEveryBadUpdate(tenantId: string) {
  const handle = demo.stack.client.workflow.getHandle(tenantWorkflowId(tenantId));
  const before = await handle.query(stateQuery);
  for (const update of badUpdates) {
    const error = await failureOf(update.send(handle));
    expect(error, update.name).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause, update.name).toMatchObject({ type: 'validation_failed', message: expect.stringContaining('NUL') });
  }
  expect(await handle.query(stateQuery)).toEqual(before);
}

describe('Updates with input Postgres cannot store', () => {
  it('refuses every Update with a NUL in every stage, and the tenant still moves from kick-off to offboarded', async () => {
    const body = demoTenant();
    expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
    demo.platformFor(body.id);
    await useTinyDirectory(demo.stack, body.id);
    const stageOf = async () => (await demo.stack.request('GET', `/api/tenants/${body.id}`)).body.stage;

    await refusesEveryBadUpdate(body.id);
    await configureAndKickOff(demo.stack, body.id, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
    await refusesEveryBadUpdate(body.id);
    await enterKey(demo.stack, body.id, 'demo-key');
    await refusesEveryBadUpdate(body.id);
    await approveTest(demo.stack, body.id);
    await refusesEveryBadUpdate(body.id);
    await goLiveNow(demo.stack, body.id);
    await refusesEveryBadUpdate(body.id);
    expect((await demo.stack.request('POST', `/api/tenants/${body.id}/pause`, { reason: 'holiday' })).status).toBe(200);
    await refusesEveryBadUpdate(body.id);
    expect(await stageOf()).toBe('paused');
    expect((await demo.stack.request('POST', `/api/tenants/${body.id}/resume`, {})).status).toBe(200);
    expect((await demo.stack.request('DELETE', `/api/tenants/${body.id}`, { reason: 'contract ended' })).status).toBe(200);
    await demo.stack.client.workflow.getHandle(tenantWorkflowId(body.id)).result();
    expect(await stageOf()).toBe('offboarded');
  });

  it('fails an Update whose record Postgres refuses, leaves the tenant as it was, and moves on the next good one', async () => {
    const body = demoTenant();
    expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
    expect((await demo.stack.request('PUT', `/api/tenants/${body.id}/config`, kickoffConfig)).status).toBe(200);
    const handle = demo.stack.client.workflow.getHandle(tenantWorkflowId(body.id));
    const before = await handle.query(stateQuery);

    // The history's actor column holds 255 characters: the validator lets this through, Postgres does not.
    const error = await failureOf(handle.executeUpdate(completeKickoffUpdate, { args: [{ actor: 'a'.repeat(300) }] }));
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'not_recorded', message: expect.stringContaining('SQLSTATE 22001') });
    expect(await handle.query(stateQuery)).toMatchObject({ stage: 'kickoff', configVersionId: before.configVersionId });
    expect((await demo.stack.request('GET', `/api/tenants/${body.id}`)).body.stage).toBe('kickoff');

    const moved = await demo.stack.request('POST', `/api/tenants/${body.id}/kickoff/complete`, { reason: 'kick-off call' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.stage).toBe('authorization');
    const { pendingActivities } = (await handle.describe()).raw;
    expect(pendingActivities ?? []).toEqual([]);
  });
});
