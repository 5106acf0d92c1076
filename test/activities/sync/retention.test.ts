import { randomUUID } from 'node:crypto';
import { afterAll, expect, inject, it } from 'vitest';
import { createRunRecordActivities } from '../../../activities/sync/run-records';
import { countRows, createDb } from '../../../common/db';
import { insertTenant } from '../hris/demo-tenant';

const db = createDb(inject('databaseUrl'));
afterAll(() => db.destroy());

async function finishedRun(tenantId: string, finishedAt: Date) {
  const id = randomUUID();
  await db('sync_runs').insert({ id, tenant_id: tenantId, trigger: 'manual', mode: 'apply', status: 'success', phase: 'done', requested_by: 'test', started_at: finishedAt, finished_at: finishedAt });
  await db('directory_snapshots').insert({ run_id: id, hris_id: 'p1', scan: 0, data: '{}' });
  await db('platform_snapshots').insert({ run_id: id, kind: 'account', platform_id: 'a1', data: '{}' });
  await db('plan_items').insert({ run_id: id, seq: 0, tenant_id: tenantId, kind: 'account', hris_id: 'p1', action: 'unchanged', item: '{}', result: 'done' });
  return id;
}

it('purges snapshots and plan items of runs finished before the retention period, and keeps the runs', async () => {
  const tenantId = await insertTenant(db);
  const now = new Date('2026-11-22T00:00:00Z');
  const old = await finishedRun(tenantId, new Date('2026-10-01T00:00:00Z'));
  const recent = await finishedRun(tenantId, new Date('2026-11-15T00:00:00Z'));
  const { purgeRunData } = createRunRecordActivities(db, { approvalTimeoutHours: 72, retentionDays: 30 });

  expect(await purgeRunData({ tenantId, now: now.toISOString() })).toEqual({ items: 1 });
  for (const table of ['directory_snapshots', 'platform_snapshots', 'plan_items']) {
    expect(await countRows(db(table).where({ run_id: old })), table).toBe(0);
    expect(await countRows(db(table).where({ run_id: recent })), table).toBe(1);
  }
  expect(await countRows(db('sync_runs').whereIn('id', [old, recent]))).toBe(2);
});
