import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DELETE_BATCH } from '../../../activities/sync/retention';
import { createRunRecordActivities } from '../../../activities/sync/run-records';
import { countRows, createDb } from '../../../common/db';
import { insertTenant } from '../hris/demo-tenant';

const db = createDb(inject('databaseUrl'));
afterAll(() => db.destroy());

const now = new Date('2026-11-22T00:00:00Z');
const longAgo = new Date('2026-10-01T00:00:00Z');
const lately = new Date('2026-11-15T00:00:00Z');
const { purgeRunData } = createRunRecordActivities(db, { approvalTimeoutHours: 72, webhookWindowSeconds: 30, retentionDays: 30 });
const purge = (tenantId: string) => purgeRunData({ tenantId, now: now.toISOString() });

async function finishedRun(tenantId: string, finishedAt: Date | null, accounts = ['a1']) {
  const id = randomUUID();
  const startedAt = finishedAt ?? lately;
  await db('sync_runs').insert({ id, tenant_id: tenantId, trigger: 'manual', mode: 'apply', status: 'success', phase: 'done', requested_by: 'test', started_at: startedAt, finished_at: finishedAt, planned: '{}' });
  await db('directory_snapshots').insert({ run_id: id, hris_id: 'p1', scan: 0, data: '{}' });
  await db('platform_snapshots').insert(accounts.map((account) => ({ run_id: id, kind: 'account', platform_id: account, data: '{}' })));
  await db('plan_items').insert({ run_id: id, seq: 0, tenant_id: tenantId, kind: 'account', hris_id: 'p1', action: 'unchanged', item: '{}', result: 'done' });
  return id;
}

it('purges snapshots and plan items of runs finished before the retention period, and keeps the runs', async () => {
  const tenantId = await insertTenant(db);
  const old = await finishedRun(tenantId, longAgo);
  const recent = await finishedRun(tenantId, lately);

  expect(await purge(tenantId)).toMatchObject({ items: 1 });
  for (const table of ['directory_snapshots', 'platform_snapshots', 'plan_items']) {
    expect(await countRows(db(table).where({ run_id: old })), table).toBe(0);
    expect(await countRows(db(table).where({ run_id: recent })), table).toBe(1);
  }
  expect(await countRows(db('sync_runs').whereIn('id', [old, recent]))).toBe(2);
});

it('deletes a run past the period whose rows exceed one batch, a batch at a time, and nothing of a newer run; a purged run is not looked at again', async () => {
  const tenantId = await insertTenant(db);
  const old = await finishedRun(tenantId, longAgo);
  const recent = await finishedRun(tenantId, lately);
  const many = DELETE_BATCH * 2 + 7;
  for (const run of [old, recent]) {
    await db.raw(`insert into plan_items (run_id, seq, tenant_id, kind, hris_id, action, item, result) select ?, n, ?, 'account', 'p' || n, 'unchanged', '{}', 'done' from generate_series(1, ?) n`, [run, tenantId, many]);
    await db.raw(`insert into directory_snapshots (run_id, hris_id, scan, data) select ?, 'q' || n, 0, '{}' from generate_series(1, ?) n`, [run, many]);
  }

  expect(await purge(tenantId)).toMatchObject({ items: many + 1 });
  for (const table of ['directory_snapshots', 'platform_snapshots', 'plan_items']) expect(await countRows(db(table).where({ run_id: old })), table).toBe(0);
  expect(await countRows(db('plan_items').where({ run_id: recent }))).toBe(many + 1);
  expect(await countRows(db('directory_snapshots').where({ run_id: recent }))).toBe(many + 1);
  expect(await db('sync_runs').where({ id: old }).first('data_purged_at')).toMatchObject({ data_purged_at: expect.any(Date) });
  expect(await db('sync_runs').where({ id: recent }).first('data_purged_at')).toEqual({ data_purged_at: null });
  // A row of a purged run (none is written after its end) is no longer looked for.
  await db('plan_items').insert({ run_id: old, seq: 0, tenant_id: tenantId, kind: 'account', hris_id: 'p1', action: 'unchanged', item: '{}', result: 'done' });
  expect(await purge(tenantId)).toMatchObject({ items: 0 });
});

describe('the rows kept about people and links', () => {
  async function mail(tenantId: string, createdAt: Date, status: string, linkTokenRef: string | null = null) {
    await db('mail_outbox').insert({ id: randomUUID(), tenant_id: tenantId, kind: linkTokenRef ? 'authorization_link' : 'welcome', to: '["x@acme.example"]', subject: 's', text: 't', status, created_at: createdAt, link_token_ref: linkTokenRef });
  }

  async function linkToken(tenantId: string, createdAt: Date): Promise<string> {
    const id = randomUUID();
    await db('secrets').insert({ id, tenant_id: tenantId, kind: 'link_token', key_id: 'k', sealed: 'v2.k.x.y.z', created_at: createdAt });
    return id;
  }

  async function attempt(tenantId: string, linkId: string, at: Date) {
    await db('authorization_attempts').insert({ id: randomUUID(), link_id: linkId, tenant_id: tenantId, at, outcome: 'rejected', source_address: '203.0.113.9' });
  }

  const accountLink = (tenantId: string, hrisId: string, accountId: string, updatedAt: Date) =>
    db('account_links').insert({ tenant_id: tenantId, hris_id: hrisId, account_id: accountId, created_at: updatedAt, updated_at: updatedAt });

  const demoPerson = (tenantId: string, hrisId: string, updatedAt: Date, data: Record<string, string>) =>
    db('demo_people').insert({ tenant_id: tenantId, hris_id: hrisId, data: JSON.stringify({ firstName: hrisId, status: 'active', ...data }), updated_at: updatedAt });

  it('purges mail, link tokens and link tries older than the period, whatever their status, and keeps newer ones', async () => {
    const tenantId = await insertTenant(db);
    const oldToken = await linkToken(tenantId, longAgo);
    const newToken = await linkToken(tenantId, lately);
    await mail(tenantId, longAgo, 'sent');
    await mail(tenantId, longAgo, 'failed');
    await mail(tenantId, longAgo, 'pending', oldToken);
    await mail(tenantId, lately, 'pending', newToken);
    const linkId = randomUUID();
    await db('authorization_links').insert({ id: linkId, tenant_id: tenantId, token_hash: randomUUID(), created_by: 'test', created_at: longAgo, expires_at: lately });
    await attempt(tenantId, linkId, longAgo);
    await attempt(tenantId, linkId, longAgo);
    await attempt(tenantId, linkId, lately);

    expect(await purge(tenantId)).toMatchObject({ mail: 3, attempts: 2 });
    expect(await db('mail_outbox').where({ tenant_id: tenantId }).pluck('link_token_ref')).toEqual([newToken]);
    expect(await db('secrets').where({ tenant_id: tenantId }).pluck('id')).toEqual([newToken]);
    expect(await countRows(db('authorization_attempts').where({ tenant_id: tenantId }))).toBe(1);
  });

  it('purges old links to accounts the newest complete platform read no longer saw, and keeps every other link', async () => {
    const tenantId = await insertTenant(db);
    // The run being finished: its read saw a1 and a2 only; an older, still-kept run saw a3 too.
    await finishedRun(tenantId, new Date('2026-11-01T00:00:00Z'), ['a1', 'a2', 'a3']);
    await finishedRun(tenantId, null, ['a1', 'a2']);
    await accountLink(tenantId, 'p1', 'a1', longAgo);
    await accountLink(tenantId, 'p3', 'a3', longAgo);
    await accountLink(tenantId, 'p4', 'a4', longAgo);
    // Linked within the period: an account the read may not have seen yet.
    await accountLink(tenantId, 'p5', 'a5', lately);

    expect(await purge(tenantId)).toMatchObject({ accountLinks: 2 });
    expect(await db('account_links').where({ tenant_id: tenantId }).orderBy('hris_id').pluck('hris_id')).toEqual(['p1', 'p5']);
  });

  it('keeps every account link while no complete platform read is kept to judge them by', async () => {
    const tenantId = await insertTenant(db);
    await finishedRun(tenantId, longAgo, ['a1']);
    await accountLink(tenantId, 'p9', 'a9', longAgo);

    expect(await purge(tenantId)).toMatchObject({ accountLinks: 0 });
    expect(await countRows(db('account_links').where({ tenant_id: tenantId }))).toBe(1);
  });

  it('purges demo people who left before the period, untouched since, whom no manager line or account link needs', async () => {
    const tenantId = await insertTenant(db);
    await demoPerson(tenantId, 'stays', longAgo, {});
    await demoPerson(tenantId, 'gone-1', longAgo, { status: 'terminated', endDate: '2025-01-31' });
    await demoPerson(tenantId, 'gone-2', longAgo, { status: 'terminated', endDate: '2026-10-20' });
    await demoPerson(tenantId, 'left-lately', longAgo, { status: 'terminated', endDate: '2026-11-01' });
    await demoPerson(tenantId, 'changed-lately', lately, { status: 'terminated', endDate: '2025-01-31' });
    await demoPerson(tenantId, 'a-manager', longAgo, { status: 'terminated', endDate: '2025-01-31' });
    await demoPerson(tenantId, 'reports', longAgo, { managerHrisId: 'a-manager' });
    await demoPerson(tenantId, 'linked', longAgo, { status: 'terminated', endDate: '2025-01-31' });
    await accountLink(tenantId, 'linked', 'acc-linked', lately);

    expect(await purge(tenantId)).toMatchObject({ demoPeople: 2 });
    const left = await db('demo_people').where({ tenant_id: tenantId }).orderBy('hris_id').pluck('hris_id');
    expect(left).toEqual(['a-manager', 'changed-lately', 'left-lately', 'linked', 'reports', 'stays']);
  });

  it('purges webhook events received before the period, and keeps the recent ones', async () => {
    const tenantId = await insertTenant(db);
    const event = (eventId: string, receivedAt: Date) => ({ tenant_id: tenantId, source: 'standard', event_id: eventId, received_at: receivedAt, hris_ids: JSON.stringify(['p1']) });
    await db('webhook_events').insert([event('old', longAgo), event('recent', lately)]);

    expect(await purge(tenantId)).toMatchObject({ webhookEvents: 1 });
    expect(await db('webhook_events').where({ tenant_id: tenantId }).pluck('event_id')).toEqual(['recent']);
  });

  it('never empties a demo directory, which would be seeded afresh', async () => {
    const tenantId = await insertTenant(db);
    await demoPerson(tenantId, 'gone-1', longAgo, { status: 'terminated', endDate: '2025-01-31' });
    await demoPerson(tenantId, 'gone-2', longAgo, { status: 'terminated', endDate: '2025-02-28' });

    expect(await purge(tenantId)).toMatchObject({ demoPeople: 0 });
    expect(await countRows(db('demo_people').where({ tenant_id: tenantId }))).toBe(2);
  });
});
