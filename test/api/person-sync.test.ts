// One person now (issue 17): POST /api/tenants/:id/people/:hrisId/sync runs a run for that person
// alone and answers with their trace — read, scope, match, plan, write — on the real stack: a demo
// HR directory, a real SCIM platform, Temporal and Postgres.
import { describe, expect, it } from 'vitest';
import { writes } from '../activities/platform/scim-platform';
import { liveTinyDemoTenant, testingTinyDemoTenant } from '../support/console-pages';
import { liveTenantThatHolds, settled, useDemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';

const demo = useDemoStack();

type Step = { step: string; outcome: string; detail: string; [key: string]: unknown };
const stepOf = (trace: Step[], name: string) => trace.find((step) => step.step === name);
const accountOf = (tenantId: string, hrisId: string) => demo.platformFor(tenantId).directory.users().find((user) => user.externalId === hrisId);

async function syncPerson(tenantId: string, hrisId: string, body: object = {}) {
  const answer = await demo.stack.request('POST', `/api/tenants/${tenantId}/people/${hrisId}/sync`, body);
  expect(answer.status, answer.text).toBe(200);
  return answer.body as { syncId: string; status: string; mode: string; trace: Step[] };
}

describe('a live tenant', () => {
  it('applies one changed person and traces read, scope, match by link, the field before → after, and the write', async () => {
    const { tenantId, tenant } = await liveTinyDemoTenant(demo);
    const before = demo.platformFor(tenantId).operations.length;
    expect((await demo.stack.request('PATCH', `/api/tenants/${tenantId}/demo/people/p1`, { position: 'Staff Engineer' })).status).toBe(200);

    const { syncId, status, mode, trace } = await syncPerson(tenantId, 'p1');
    expect({ status, mode }).toEqual({ status: 'success', mode: 'apply' });
    expect(trace.map((step) => step.step)).toEqual(['read', 'scope', 'match', 'plan', 'write']);
    expect(stepOf(trace, 'read')).toMatchObject({ outcome: 'found', person: { status: 'active' }, today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(stepOf(trace, 'scope')).toMatchObject({ outcome: 'in_scope' });
    const account = accountOf(tenantId, 'p1')!;
    expect(stepOf(trace, 'match')).toMatchObject({ outcome: 'matched', matchedBy: 'link', account: { id: account.id, userName: 'alan@acme.example' } });
    expect(stepOf(trace, 'plan')).toMatchObject({ outcome: 'planned', action: 'update', changes: { attributes: { title: { from: null, to: 'Staff Engineer' } } } });
    expect(stepOf(trace, 'write')).toMatchObject({ outcome: 'done', writes: [{ kind: 'account', result: 'done' }] });

    // The platform has the new value, and nobody else was written.
    expect(accountOf(tenantId, 'p1')).toMatchObject({ title: 'Staff Engineer' });
    expect(writes(demo.platformFor(tenantId).operations.slice(before)).map((operation) => operation.path)).toEqual([`/Users/${account.id}`]);
    expect((await demo.stack.db('sync_runs').where({ id: syncId }).first('scope', 'trigger')) ?? {}).toEqual({ scope: 'person', trigger: 'manual' });

    // The same trace, read later.
    await settled(demo.stack, tenantId);
    const read = await demo.stack.request('GET', `/api/syncs/${syncId}/people/p1/trace`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.trace).toEqual(trace);
    expect((await demo.stack.request('GET', `/api/syncs/${syncId}/people/p2/trace`)).body.error.code).toBe('person_not_found');

    // A full run's trace: the initial load made the account.
    const initial = await demo.stack.request('GET', `/api/syncs/${tenant.lastSync.id}/people/p1/trace`);
    expect(initial.body.trace.map((step: Step) => [step.step, step.outcome])).toEqual([
      ['read', 'found'],
      ['scope', 'in_scope'],
      ['match', 'new_account'],
      ['plan', 'planned'],
      ['write', 'done'],
    ]);
    expect(stepOf(initial.body.trace, 'plan')).toMatchObject({ action: 'create', fields: { userName: 'alan@acme.example', externalId: 'p1' } });
  });

  it('says the HR system does not have a person, and deactivates nobody', async () => {
    const { tenantId } = await liveTinyDemoTenant(demo);
    const before = demo.platformFor(tenantId).operations.length;
    const { status, trace } = await syncPerson(tenantId, 'nobody-here');
    expect(status).toBe('success');
    expect(trace).toEqual([expect.objectContaining({ step: 'read', outcome: 'not_found', detail: expect.stringContaining('never deactivates by absence') })]);
    expect(writes(demo.platformFor(tenantId).operations.slice(before))).toEqual([]);
    expect(demo.platformFor(tenantId).directory.users().every((user) => user.active !== false)).toBe(true);
  });

  it('says why a person is out of scope, and deactivates their account', async () => {
    const { tenantId } = await liveTinyDemoTenant(demo);
    expect((await demo.stack.request('PATCH', `/api/tenants/${tenantId}/demo/people/p2`, { department: 'Contractors' })).status).toBe(200);
    const { trace } = await syncPerson(tenantId, 'p2');
    expect(stepOf(trace, 'scope')).toMatchObject({ outcome: 'out_of_scope', reasonCode: 'out_of_scope', detail: expect.stringContaining('Contractors') });
    expect(stepOf(trace, 'plan')).toMatchObject({ action: 'deactivate', changes: { active: { from: true, to: false } } });
    expect(stepOf(trace, 'write')).toMatchObject({ outcome: 'done' });
    expect(accountOf(tenantId, 'p2')?.active).toBe(false);
  });

  it('refuses a viewer, and a second person while a run is open (409 sync_in_progress)', async () => {
    const tenantId = await liveTenantThatHolds(demo);
    const viewer = (await demo.stack.request('POST', '/api/tokens', { name: `person-sync-viewer-${tenantId}`, role: 'viewer' })).body.token;
    const refused = await demo.stack.request('POST', `/api/tenants/${tenantId}/people/p1/sync`, {}, viewer);
    expect(refused.status).toBe(403);

    // A leaver the tenant may not deactivate without approval: the full run holds, open.
    expect((await demo.stack.request('POST', `/api/tenants/${tenantId}/demo/people/p0/terminate`, {})).status).toBe(200);
    const held = (await demo.stack.request('POST', `/api/tenants/${tenantId}/syncs`, {})).body.syncId;
    await eventually(async () => (await demo.stack.request('GET', `/api/syncs/${held}`)).body.status === 'awaiting_approval');
    const busy = await demo.stack.request('POST', `/api/tenants/${tenantId}/people/p1/sync`, {});
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'sync_in_progress', syncId: held });
  });
});

describe('before go-live', () => {
  it('previews one person as a dry run in testing, writes nothing and says so', async () => {
    const tenantId = await testingTinyDemoTenant(demo);
    const before = demo.platformFor(tenantId).operations.length;

    const { mode, trace } = await syncPerson(tenantId, 'p0');
    expect(mode).toBe('dry_run');
    expect(stepOf(trace, 'match')).toMatchObject({ outcome: 'new_account' });
    expect(stepOf(trace, 'plan')).toMatchObject({ action: 'create', fields: { userName: 'ada@acme.example', externalId: 'p0' } });
    expect(stepOf(trace, 'write')).toMatchObject({ outcome: 'not_applied', detail: 'A dry run: nothing was written.' });
    expect(writes(demo.platformFor(tenantId).operations.slice(before))).toEqual([]);

    const applied = await demo.stack.request('POST', `/api/tenants/${tenantId}/people/p0/sync`, { mode: 'apply' });
    expect(applied.status).toBe(409);
    expect(applied.body.error.code).toBe('invalid_transition');
  });
});
