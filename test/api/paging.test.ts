// The lists that grow, paged with opaque cursors on the real stack: the tenants (with `q`, by id or
// name), a tenant's runs (newest first) and a tenant's history (newest first; the tenant's answer
// carries its latest entries). Runs and history entries are seeded as their activities write them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTenant } from '../support/fixtures';
import { startTestStack, uniqueTenantId, type TestStack } from '../support/stack';
import { expectInvalid } from './syncs-seed';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { startWorker: false });
});
afterAll(() => stack?.stop());

const get = (path: string) => stack.request('GET', path);
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Follows `nextCursor` from the first page to the last: every item, and how many pages. */
async function walk(path: string, list: string): Promise<{ items: { id?: string }[]; pages: number }> {
  const items: { id?: string }[] = [];
  let pages = 0;
  for (let cursor = ''; ; ) {
    const answer = await get(`${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`);
    expect(answer.status, answer.text).toBe(200);
    items.push(...answer.body[list]);
    pages += 1;
    if (answer.body.nextCursor === null) return { items, pages };
    cursor = answer.body.nextCursor;
  }
}

async function createTenant(body = demoTenant()): Promise<string> {
  const created = await stack.request('POST', '/api/tenants', body);
  expect(created.status, created.text).toBe(201);
  return body.id;
}

describe('GET /api/tenants', () => {
  // Other test files share the database: these tenants share a prefix of their own.
  const prefix = uniqueTenantId('pg');
  const ids = Array.from({ length: 8 }, (_, n) => `${prefix}-${n}`);

  beforeAll(async () => {
    for (const [n, id] of ids.entries()) await createTenant({ ...demoTenant(id), name: n === 5 ? `Zephyr Holdings ${prefix}` : `Company ${id}` });
  });

  it('walks every tenant a search finds exactly once, by id, with a small limit', async () => {
    const { items, pages } = await walk(`/api/tenants?q=${prefix}&limit=3`, 'tenants');
    expect(items.map((t) => t.id)).toEqual(ids);
    expect(pages).toBe(3);
    const first = await get(`/api/tenants?q=${prefix}&limit=3`);
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect((await get(`/api/tenants?q=${prefix}`)).body).toMatchObject({ tenants: ids.map((id) => ({ id, stage: 'kickoff' })), nextCursor: null });
  });

  it('finds a tenant by part of its id or of its name, case-insensitively, wildcards taken literally', async () => {
    expect((await get(`/api/tenants?q=${ids[3]!.toUpperCase()}`)).body.tenants.map((t: { id: string }) => t.id)).toEqual([ids[3]]);
    expect((await get(`/api/tenants?q=zEPHYR%20holdings%20${prefix}`)).body.tenants.map((t: { id: string }) => t.id)).toEqual([ids[5]]);
    expect((await get(`/api/tenants?q=${prefix}-_`)).body.tenants).toEqual([]);
    expect((await get(`/api/tenants?q=${prefix}&stage=live`)).body.tenants).toEqual([]);
  });

  it('answers 400 naming a bad limit, cursor or search', async () => {
    const bad: [string, ...string[]][] = [
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=two', 'limit'],
      ['?cursor=!!!', 'cursor'],
      [`?cursor=${cursorOf({ after: 5 })}`, 'cursor'],
      [`?cursor=${cursorOf({ after: 'Not An Id' })}`, 'cursor'],
      ['?q=%00', 'q'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      ['?limit=0&cursor=zz&stage=gone', 'limit', 'cursor', 'stage'],
    ];
    for (const [query, ...paths] of bad) expectInvalid(await get(`/api/tenants${query}`), ...paths);
  });
});

describe("GET /api/tenants/:id/syncs", () => {
  let tenantId: string;
  let otherTenantRun: string;
  const runs: string[] = [];

  beforeAll(async () => {
    tenantId = await createTenant();
    const other = await createTenant();
    // Seven runs, two of them started at the same moment: the id breaks the tie.
    const base = Date.now() - 3_600_000;
    const starts = [0, 1, 2, 2, 3, 4, 5].map((minutes) => new Date(base + minutes * 60_000));
    for (const startedAt of starts) {
      const id = randomUUID();
      runs.push(id);
      await stack.db('sync_runs').insert({ id, tenant_id: tenantId, trigger: 'schedule', mode: 'apply', status: 'success', phase: 'done', requested_by: 'schedule', started_at: startedAt });
    }
    otherTenantRun = randomUUID();
    await stack.db('sync_runs').insert({ id: otherTenantRun, tenant_id: other, trigger: 'manual', mode: 'apply', status: 'running', phase: 'fetching', requested_by: 'support', started_at: new Date() });
  });

  it('walks every run exactly once, newest first, with a small limit', async () => {
    const all = (await get(`/api/tenants/${tenantId}/syncs?limit=200`)).body;
    expect(all.nextCursor).toBeNull();
    expect(all.syncs).toHaveLength(7);
    expect(new Set(all.syncs.map((s: { id: string }) => s.id))).toEqual(new Set(runs));
    const { items, pages } = await walk(`/api/tenants/${tenantId}/syncs?limit=2`, 'syncs');
    expect(items.map((s) => s.id)).toEqual(all.syncs.map((s: { id: string }) => s.id));
    expect(pages).toBe(4);
  });

  it("answers 400 naming a bad cursor, including another tenant's run, or limit", async () => {
    const bad: [string, ...string[]][] = [
      [`?cursor=${cursorOf({ after: otherTenantRun })}`, 'cursor'],
      [`?cursor=${cursorOf({ after: randomUUID() })}`, 'cursor'],
      [`?cursor=${cursorOf({ after: 7 })}`, 'cursor'],
      ['?cursor=bm90LWpzb24', 'cursor'],
      ['?limit=201', 'limit'],
    ];
    for (const [query, ...paths] of bad) expectInvalid(await get(`/api/tenants/${tenantId}/syncs${query}`), ...paths);
  });
});

describe('GET /api/tenants/:id/history', () => {
  let tenantId: string;
  let otherEntry: string;

  beforeAll(async () => {
    tenantId = await createTenant();
    // 120 entries after `created`, a few sharing their moment, as the recording activities write them.
    const base = Date.now() + 60_000;
    const rows = Array.from({ length: 120 }, (_, n) => ({ id: randomUUID(), tenant_id: tenantId, at: new Date(base + Math.floor(n / 3) * 1000), actor: 'support-anna', action: 'config_changed', reason: `change ${n}` }));
    await stack.db('tenant_history').insert(rows);
    const other = await createTenant();
    otherEntry = (await stack.db('tenant_history').where({ tenant_id: other }).first('id')).id;
  });

  it('walks every entry exactly once, newest first, with a small limit', async () => {
    const whole = (await get(`/api/tenants/${tenantId}/history?limit=200`)).body;
    expect(whole.nextCursor).toBeNull();
    const { items, pages } = await walk(`/api/tenants/${tenantId}/history?limit=7`, 'history');
    expect(pages).toBe(18);
    expect(items).toEqual(whole.history);
    const reasons = items.map((entry) => (entry as { reason?: string }).reason);
    expect(new Set(reasons)).toEqual(new Set([undefined, ...Array.from({ length: 120 }, (_, n) => `change ${n}`)]));
    const times = items.map((entry) => Date.parse((entry as { at: string }).at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(items.at(-1)).toMatchObject({ action: 'created', to: 'kickoff' });
  });

  it("shows the latest 100 entries in the tenant's answer, oldest first, with the cursor of the older ones", async () => {
    const tenant = (await get(`/api/tenants/${tenantId}`)).body;
    const whole = (await get(`/api/tenants/${tenantId}/history?limit=200`)).body.history;
    expect(tenant.history).toEqual(whole.slice(0, 100).reverse());
    const older = (await get(`/api/tenants/${tenantId}/history?cursor=${tenant.olderHistoryCursor}&limit=200`)).body;
    expect(older).toEqual({ history: whole.slice(100), nextCursor: null });

    const fresh = (await get(`/api/tenants/${await createTenant()}`)).body;
    expect(fresh.history).toEqual([expect.objectContaining({ action: 'created' })]);
    expect(fresh).not.toHaveProperty('olderHistoryCursor');
  });

  it("answers 400 naming a bad cursor, including another tenant's entry, or limit, and 404 for an unknown tenant", async () => {
    const bad: [string, ...string[]][] = [
      [`?cursor=${cursorOf({ after: otherEntry })}`, 'cursor'],
      [`?cursor=${cursorOf({ after: 'not-a-uuid' })}`, 'cursor'],
      ['?limit=0', 'limit'],
      ['?limit=1&limit=2', 'limit'],
    ];
    for (const [query, ...paths] of bad) expectInvalid(await get(`/api/tenants/${tenantId}/history${query}`), ...paths);
    const unknown = await get(`/api/tenants/${uniqueTenantId()}/history`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('tenant_not_found');
  });
});
