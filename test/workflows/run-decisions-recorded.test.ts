// Decisions on held runs are recorded by the run's workflow (docs/API.md "Sync runs"): who
// approved, rejected or cancelled a run, when, and their note, in the run's answer and in its
// tenant's history, whether the decision came through the API or straight to Temporal (as from
// the Temporal UI). On the real stack: a live demo tenant allowed no deactivation, whose runs hold
// for one leaver.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { beforeAll, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { syncWorkflowId } from '../../common/workflow-ids';
import { rejectUpdate } from '../../workflows/sync-messages';
import { liveTenantThatHolds, useDemoStack } from '../support/onboarding';
import { eventually, uniqueTenantId } from '../support/stack';

const demo = useDemoStack();
let tenantId: string;
const agent = uniqueTenantId('support-anna');
let agentToken: string;

beforeAll(async () => {
  agentToken = await createToken(demo.stack.db, agent, 'support');
  tenantId = await liveTenantThatHolds(demo);
});

/** A run that holds for the leaver not yet deactivated (made one first, when named). */
async function heldRun(leaver?: string): Promise<string> {
  if (leaver) expect((await demo.stack.request('POST', `/api/tenants/${tenantId}/demo/people/${leaver}/terminate`, {})).status).toBe(200);
  const started = await demo.stack.request('POST', `/api/tenants/${tenantId}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  await eventually(async () => (await demo.stack.request('GET', `/api/syncs/${started.body.syncId}`)).body.status === 'awaiting_approval', 60_000);
  return started.body.syncId;
}

const finished = (syncId: string) => eventually(async () => (await demo.stack.db('sync_runs').where({ id: syncId }).first('finished_at', 'status')).finished_at !== null && (await demo.stack.request('GET', `/api/syncs/${syncId}`)).body, 60_000);

/** Decides through the API as the support agent; checks the answer's decision and the history entry, and answers the run once it has ended. */
async function decide(syncId: string, decision: 'approve' | 'reject' | 'cancel', body: { note?: string; reason?: string }, recorded: { action: string; note: string }) {
  const before = Date.now();
  const answer = await demo.stack.request('POST', `/api/syncs/${syncId}/${decision}`, body, agentToken);
  expect(answer.status, answer.text).toBe(200);
  expect(answer.body.decision).toEqual({ action: decision, actor: agent, at: expect.stringMatching(/Z$/), note: recorded.note });
  const at = Date.parse(answer.body.decision.at);
  expect(at).toBeGreaterThanOrEqual(before - 1000);
  expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  const history = (await demo.stack.request('GET', `/api/tenants/${tenantId}/history`)).body.history;
  expect(history.filter((entry: { syncId?: string }) => entry.syncId === syncId)).toEqual([{ at: answer.body.decision.at, actor: agent, action: recorded.action, reason: recorded.note, syncId }]);
  const run = await finished(syncId);
  expect(run.decision).toEqual(answer.body.decision);
  return run;
}

it('records who rejected a held run, when and their note, on the run and in the history', async () => {
  const syncId = await heldRun('p0');
  const run = await decide(syncId, 'reject', { note: 'HR confirms Ada stays' }, { action: 'run_rejected', note: 'HR confirms Ada stays' });
  expect(run.status).toBe('rejected');
});

it('records who cancelled a held run, when and their reason', async () => {
  const syncId = await heldRun();
  const run = await decide(syncId, 'cancel', { reason: 'restructure next week' }, { action: 'run_cancelled', note: 'restructure next week' });
  expect(run).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
});

it('records who approved a held run, when and their note, and the run applies', async () => {
  const syncId = await heldRun();
  const run = await decide(syncId, 'approve', { note: 'leaver confirmed by HR' }, { action: 'run_approved', note: 'leaver confirmed by HR' });
  expect(run).toMatchObject({ status: 'success', counts: { deactivated: 1 } });
  // The tenant's own answer shows the entry among its latest.
  expect((await demo.stack.request('GET', `/api/tenants/${tenantId}`)).body.history).toContainEqual(expect.objectContaining({ action: 'run_approved', syncId, actor: agent }));
});

it('records a decision sent straight to the run workflow, as the Temporal UI sends it; one that cannot be recorded is not taken', async () => {
  const syncId = await heldRun('p1');
  const handle = demo.stack.client.workflow.getHandle(syncWorkflowId(syncId));
  // An actor longer than PostgreSQL stores (SQLSTATE 22001): the decision fails cleanly and the run stays held.
  const unrecorded = await handle.executeUpdate(rejectUpdate, { args: [{ actor: 'a'.repeat(300) }] }).then(() => undefined, (error: unknown) => error);
  expect(unrecorded).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((unrecorded as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'not_recorded', message: expect.stringContaining('SQLSTATE 22001') });
  expect((await demo.stack.request('GET', `/api/syncs/${syncId}`)).body).toMatchObject({ status: 'awaiting_approval' });
  expect((await demo.stack.request('GET', `/api/syncs/${syncId}`)).body).not.toHaveProperty('decision');

  await handle.executeUpdate(rejectUpdate, { args: [{ actor: 'ops@temporal-ui', reason: 'checked in the UI' }] });
  const run = await finished(syncId);
  expect(run).toMatchObject({ status: 'rejected', decision: { action: 'reject', actor: 'ops@temporal-ui', note: 'checked in the UI' } });
  const history = (await demo.stack.request('GET', `/api/tenants/${tenantId}/history?limit=5`)).body.history;
  expect(history).toContainEqual({ at: run.decision.at, actor: 'ops@temporal-ui', action: 'run_rejected', reason: 'checked in the UI', syncId });
});

it('shows no decision on a run nobody decided about', async () => {
  const runs = (await demo.stack.request('GET', `/api/tenants/${tenantId}/syncs`)).body.syncs;
  const initialLoad = runs.find((run: { trigger: string }) => run.trigger === 'initial_load');
  expect(initialLoad).toBeDefined();
  expect(initialLoad).not.toHaveProperty('decision');
});
