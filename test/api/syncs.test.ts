// The read side of sync runs over HTTP on the real stack, from the runs seeded as the run's
// activities write them (syncs-seed.ts): the tenant's runs, one run, a person's history across runs,
// and who may read them. A run's items, paged and as CSV files, are in syncs-items.test.ts.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { uniqueTenantId } from '../support/stack';
import { busyTenantId, counts, download, expectInvalid, get, ids, jane, runId, tenantId, useSeededRuns } from './syncs-seed';

const stack = useSeededRuns();
let viewer: string;

beforeAll(async () => {
  viewer = await createToken(stack.db, `viewer-${uniqueTenantId()}`, 'viewer');
});

describe('GET /api/tenants/:id/syncs', () => {
  it('lists the tenant’s runs newest first, every count key filled', async () => {
    const answer = await get(`/api/tenants/${tenantId}/syncs`);
    expect(answer.status).toBe(200);
    expect(answer.body.syncs.map((s: { id: string }) => s.id)).toEqual([ids.held(), ids.failed(), ids.dry(), ids.apply(), ids.big()]);
    expect(answer.body.syncs[4]).toMatchObject({ counts, planned: counts });
  });

  it('takes a limit from 1 to 200, 50 by default', async () => {
    expect((await get(`/api/tenants/${busyTenantId}/syncs`)).body.syncs).toHaveLength(23);
    const five = await get(`/api/tenants/${busyTenantId}/syncs?limit=5`);
    expect(five.body.syncs.map((s: { id: string }) => s.id)).toEqual(['r22', 'r21', 'r20', 'r19', 'r18'].map((r) => runId(busyTenantId, r)));
    expect((await get(`/api/tenants/${busyTenantId}/syncs?limit=200`)).status).toBe(200);
    expect((await get(`/api/tenants/${busyTenantId}/syncs?limit=`)).body.syncs).toHaveLength(23);
    for (const bad of ['0', '201', 'ten', '2.5', '5&limit=6']) expectInvalid(await get(`/api/tenants/${busyTenantId}/syncs?limit=${bad}`), 'limit');
  });

  it('answers 404 tenant_not_found for an unknown tenant', async () => {
    for (const id of [uniqueTenantId(), 'Not_A_Tenant', '%00']) {
      const answer = await get(`/api/tenants/${id}/syncs`);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('tenant_not_found');
    }
  });
});

describe('GET /api/syncs/:syncId', () => {
  it('shows a finished run with its counts zero-filled, its warnings and who asked', async () => {
    const answer = await get(`/api/syncs/${ids.apply()}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: ids.apply(),
      tenantId,
      trigger: 'schedule',
      mode: 'apply',
      read: 'full',
      target: 'production',
      status: 'warning',
      phase: 'done',
      progress: { done: 41, total: 41 },
      counts: { ...counts, created: 1, updated: 1, deactivated: 1, reactivated: 1, unchanged: 31, skipped: 1, excluded: 1, failed: 2, groupsCreated: 1 },
      planned: { ...counts, created: 1, updated: 2, deactivated: 2, reactivated: 1, unchanged: 31, skipped: 1, excluded: 1, groupsCreated: 1 },
      requestedBy: 'system',
      startedAt: expect.stringMatching(/Z$/),
      finishedAt: expect.stringMatching(/Z$/),
      warnings: [{ code: 'attribute_not_supported', attribute: 'custom.startDate', message: 'The platform has no custom.startDate.' }],
    });
    expect(Date.parse(answer.body.finishedAt)).toBeGreaterThan(Date.parse(answer.body.startedAt));
  });

  it('gives a dry run the counts it planned', async () => {
    const { body } = await get(`/api/syncs/${ids.dry()}`);
    expect(body).toMatchObject({ trigger: 'test', mode: 'dry_run', requestedBy: 'support-anna' });
    expect(body.counts).toEqual({ ...counts, created: 3, excluded: 2 });
    expect(body.planned).toEqual(body.counts);
  });

  it('shows a held run’s hold and a failed run’s error, and no finish while a run is open', async () => {
    const held = (await get(`/api/syncs/${ids.held()}`)).body;
    expect(held).toMatchObject({ status: 'awaiting_approval', phase: 'awaiting_approval', hold: { reason: 'deactivations over the limit', deactivations: 30, limit: 25 }, counts });
    expect(held).not.toHaveProperty('finishedAt');
    expect(held).not.toHaveProperty('error');
    const failed = (await get(`/api/syncs/${ids.failed()}`)).body;
    expect(failed).toMatchObject({ status: 'error', error: { code: 'empty_directory', message: 'The HRIS returned nobody; nothing was applied.' } });
    expect(failed).not.toHaveProperty('hold');
  });

  it('answers 404 sync_not_found for an unknown run, on every route', async () => {
    for (const suffix of ['', '/items', '/items.csv', '/errors.csv']) {
      for (const id of [randomUUID(), 'no-such-run', '%00']) {
        const answer = await get(`/api/syncs/${id}${suffix}`);
        expect(answer.status).toBe(404);
        expect(answer.body.error.code).toBe('sync_not_found');
      }
    }
  });
});

describe('GET /api/tenants/:id/people/:hrisId', () => {
  const person = (hrisId: string, tenant = tenantId) => get(`/api/tenants/${tenant}/people/${encodeURIComponent(hrisId)}`);

  it('shows the person’s link and their items across runs, newest first', async () => {
    const answer = await person('hr-jane');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      tenantId,
      hrisId: 'hr-jane',
      link: { accountId: 'acc-jane', linkedAt: expect.stringMatching(/Z$/) },
      items: [
        { syncId: ids.held(), trigger: 'schedule', mode: 'apply', startedAt: expect.any(String), status: 'awaiting_approval', kind: 'account', action: 'deactivate', changes: { active: { from: true, to: false } }, result: 'pending', reasonCode: 'terminated', reason: 'Their status is terminated.' },
        { syncId: ids.dry(), trigger: 'test', mode: 'dry_run', startedAt: expect.any(String), status: 'success', kind: 'account', action: 'update', changes: jane.changes, result: 'done' },
        { syncId: ids.apply(), trigger: 'schedule', mode: 'apply', startedAt: expect.any(String), status: 'warning', kind: 'account', action: 'update', changes: jane.changes, result: 'done' },
      ],
    });
    const link = await stack.db('account_links').where({ tenant_id: tenantId, hris_id: 'hr-jane' }).first();
    expect(answer.body.link.linkedAt).toBe(link.updated_at.toISOString());
  });

  it('answers with the failure and both passes of a run', async () => {
    expect((await person('hr-gone')).body.items).toEqual([expect.objectContaining({ syncId: ids.apply(), result: 'failed', reasonCode: 'missing_from_directory' })]);
    expect((await person('hr_formula')).body.items[0]).toMatchObject({ result: 'failed', reasonCode: 'invalid_value' });
    expect((await person('hr-new')).body.items.map((i: { kind: string }) => i.kind)).toEqual(['account', 'manager']);
  });

  it('looks through the tenant’s 20 latest runs with an item for the person, and no other tenant’s', async () => {
    const { body } = await person('hr-often', busyTenantId);
    expect(body.link).toBeNull();
    expect(body.items.map((i: { syncId: string }) => i.syncId)).toEqual(Array.from({ length: 20 }, (_, i) => runId(busyTenantId, `r${String(21 - i).padStart(2, '0')}`)));
    expect((await person('hr-jane', busyTenantId)).body.items).toHaveLength(20);
    expect((await person('hr-often')).body).toEqual({ tenantId, hrisId: 'hr-often', link: null, items: [] });
  });

  it('answers 404 for an unknown tenant and for an id no person can have', async () => {
    const unknown = await person('hr-jane', uniqueTenantId());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('tenant_not_found');
    expect((await person('\0')).body.error.code).toBe('person_not_found');
  });
});

describe('who may read', () => {
  it('lets a viewer token read every route, and nobody without a token', async () => {
    const paths = [`/api/tenants/${tenantId}/syncs`, `/api/syncs/${ids.apply()}`, `/api/syncs/${ids.apply()}/items`, `/api/tenants/${tenantId}/people/hr-jane`];
    for (const path of paths) {
      expect((await get(path, viewer)).status).toBe(200);
      expect((await stack.request('GET', path, undefined, null)).status).toBe(401);
    }
    for (const file of ['items.csv', 'errors.csv']) expect((await download(`/api/syncs/${ids.apply()}/${file}`, viewer)).status).toBe(200);
  });
});
