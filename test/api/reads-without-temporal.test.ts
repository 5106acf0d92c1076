// The reads support lives on — the tenant list, a tenant, its history, its runs, a run and its
// items pages — answer from Postgres alone. The API's Temporal client points at a server that
// accepts connections and never answers: any gRPC call would be seen there (and would stall).
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../api/paging';
import { clientConnectionOptions } from '../../common/temporal';
import { parseCron } from '../../common/tenant-config/cron';
import { nextFireTime } from '../../common/tenant-config/next-fire';
import { validateTenantConfig } from '../../common/tenant-config';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

/** A "Temporal" that takes connections and counts what arrives on them, answering nothing. */
function silentTemporal() {
  const seen = { connections: 0, bytes: 0 };
  const server: Server = createServer((socket) => {
    seen.connections += 1;
    socket.on('data', (chunk) => (seen.bytes += chunk.length));
  });
  return { seen, server, listening: new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)) };
}

const silent = silentTemporal();
let stack: TestStack;
const tenant = demoTenant();
const runIds = [randomUUID(), randomUUID(), randomUUID()];
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  await silent.listening;
  const { port } = silent.server.address() as AddressInfo;
  const client = new Client({ connection: Connection.lazy(clientConnectionOptions({ address: `127.0.0.1:${port}` })) });
  stack = await startTestStack({ client }, { startWorker: false });
  const validation = validateTenantConfig(kickoffConfig, { minScheduleMinutes: 15, now: new Date() });
  if (!validation.ok) throw new Error('the fixture config is invalid');
  const now = new Date();
  // The rows a live tenant's workflow and runs leave behind, written directly: nothing here may need Temporal.
  await stack.db('tenants').insert({ id: tenant.id, name: tenant.name, stage: 'live', hris: JSON.stringify(tenant.hris), platform: JSON.stringify(tenant.platform), contacts: '{}', config: JSON.stringify(validation.config), live_since: now, workflow_started: true, created_by: 'test', created_at: now, updated_at: now });
  await stack.db('tenant_history').insert([0, 1, 2].map((i) => ({ id: randomUUID(), tenant_id: tenant.id, at: minutesAgo(100 - i), actor: 'support-anna', action: 'config_changed' })));
  await stack.db('tenant_problems').insert({ id: randomUUID(), tenant_id: tenant.id, type: 'empty_directory', opened_at: minutesAgo(5), detail: JSON.stringify({ syncId: runIds[2] }) });
  await stack.db('sync_runs').insert(runIds.map((id, i) => ({ id, tenant_id: tenant.id, trigger: 'schedule', mode: 'apply', status: 'success', phase: 'done', requested_by: 'system', started_at: minutesAgo(60 - i * 10), finished_at: minutesAgo(59 - i * 10) })));
  await stack.db('plan_items').insert(
    Array.from({ length: 5 }, (_, seq) => {
      const person = { hrisId: `hr-${seq}`, accountId: `acc-${seq}`, identityKey: `p${seq}@acme.example`, name: `Person ${seq}`, action: seq === 0 ? 'update' : 'unchanged' };
      return { run_id: runIds[2], seq, tenant_id: tenant.id, kind: 'account', hris_id: person.hrisId, account_id: person.accountId, identity_key: person.identityKey, name: person.name, action: person.action, item: JSON.stringify(person), result: 'done' };
    }),
  );
});

afterAll(async () => {
  await stack?.stop();
  silent.server.close();
});

/** GET `path` through the contract-checked client: 200, and its body. */
async function read(path: string) {
  const answer = await stack.request('GET', path);
  expect(answer.status, path).toBe(200);
  return answer.body;
}

describe('reads while Temporal answers nothing', () => {
  it('answers the tenant list, its filters and its next page from Postgres', async () => {
    expect((await read(`/api/tenants?q=${tenant.id}`)).tenants).toEqual([expect.objectContaining({ id: tenant.id, stage: 'live', openProblems: 1 })]);
    expect((await read('/api/tenants?stage=live&hasProblems=true&limit=1')).tenants).toHaveLength(1);
    // The page after the one that ends just before this tenant holds it.
    const before = tenant.id.slice(0, -1);
    expect((await read(`/api/tenants?limit=1&cursor=${encodeCursor(before)}`)).tenants[0].id).toBe(tenant.id);
    expect(silent.seen).toEqual({ connections: 0, bytes: 0 });
  });

  it("answers a live tenant with its schedule's next due time, computed from its config", async () => {
    const before = new Date();
    const body = await read(`/api/tenants/${tenant.id}`);
    const parsed = parseCron(kickoffConfig.schedule.cron);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(body.schedule).toEqual({ cron: kickoffConfig.schedule.cron, timezone: kickoffConfig.schedule.timezone, paused: false, nextRunAt: nextFireTime(parsed.cron, kickoffConfig.schedule.timezone, before)!.toISOString() });
    expect(body.lastSync.id).toBe(runIds[2]);
    expect(body.problems.open).toHaveLength(1);
    await read(`/api/tenants/${tenant.id}/history?limit=1`);
    expect(silent.seen).toEqual({ connections: 0, bytes: 0 });
  });

  it('answers the run list, a run and its items pages from Postgres', async () => {
    const runs = await read(`/api/tenants/${tenant.id}/syncs?limit=2`);
    expect(runs.syncs.map((run: { id: string }) => run.id)).toEqual([runIds[2], runIds[1]]);
    expect((await read(`/api/tenants/${tenant.id}/syncs?limit=2&cursor=${runs.nextCursor}`)).syncs.map((run: { id: string }) => run.id)).toEqual([runIds[0]]);
    await read(`/api/syncs/${runIds[2]}`);
    const page = await read(`/api/syncs/${runIds[2]}/items?limit=2`);
    expect(page.items.map((item: { hrisId: string }) => item.hrisId)).toEqual(['hr-0', 'hr-1']);
    await read(`/api/syncs/${runIds[2]}/items?limit=2&cursor=${page.nextCursor}`);
    expect((await read(`/api/syncs/${runIds[2]}/items?action=update`)).items).toHaveLength(1);
    expect((await read(`/api/syncs/${runIds[2]}/items?q=Person%203`)).items).toHaveLength(1);
    await read(`/api/tenants/${tenant.id}/people/hr-0`);
    expect(silent.seen).toEqual({ connections: 0, bytes: 0 });
  });
});
