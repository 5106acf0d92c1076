// Sync runs against misbehaving systems, on the real stack (API, tenant and run workflows on the
// Temporal dev server, Postgres), with a Humaans fake as the HRIS and the real scimmy SCIM server
// as the platform (docs/PRODUCT.md "One sync run", "Safety guards"; docs/ARCHITECTURE.md principles 1, 2, 6):
// a flaky, throttling, slow HRIS changes nothing in the outcome; rejected keys and tokens, an
// empty directory and a shrunken one stop or hold a run before anything is written; a run's
// final status, once readable, never refuses the next request. Applying runs need a live tenant:
// each is taken live with go-live now, its initial load the first applying run. The last test
// scans every history these runs left for people's data, secrets and large payloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScimRecord, type ScimTenant } from '../../dev/scim-server';
import { startScimPlatform, writes, type ScimPlatform } from '../activities/platform/scim-platform';
import { humaansDataset } from '../fakes/humaans-datasets';
import type { FakeRequest, HumaansFake } from '../fakes/humaans';
import { kickoffConfig } from '../support/fixtures';
import { humaansTenantPastKickoff, type HumaansTenant } from '../support/humaans-tenant';
import { eventually, startTestStack, type TestStack } from '../support/stack';
import { approveTest, enterKey, goLiveNow, takeLive } from '../support/onboarding';
import { recordHistory, testSecret } from '../replay/record-history';
import { PAYLOAD_LIMIT_BYTES, peopleOf, scanTenant } from './history-scan';

let stack: TestStack;
let platform: ScimPlatform;
const today = new Date().toISOString().slice(0, 10);
const fakes: HumaansFake[] = [];
/** Every tenant this file made, for the history scan at the end. */
const tenants: Tenant[] = [];

beforeAll(async () => {
  platform = await startScimPlatform();
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
  await platform?.stop();
  for (const fake of fakes) await fake.close();
});

type Tenant = HumaansTenant;

const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];

/**
 * A Humaans tenant past kick-off with a verified key, syncing to its own SCIM tenant. `fillers`
 * ordinary people join the dataset's ~40 named ones; people are paged 25 at a time.
 */
async function humaansTenant(fillers: number): Promise<Tenant> {
  const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
  const tenant = await humaansTenantPastKickoff(stack, platform, { fillers, prefix: 'faults', company: 'Umbrella', contacts: { supportEmail: 'support@roster.example' }, config, fakes });
  await enterKey(stack, tenant.id, tenant.hris.token);
  tenants.push(tenant);
  return tenant;
}

/** A Humaans tenant taken live (test approved, go-live now), and its initial load: the directory is on the platform. */
async function liveTenant(fillers: number): Promise<Tenant & { initialLoad: any }> {
  const tenant = await humaansTenant(fillers);
  const live = await takeLive(stack, tenant.id);
  return { ...tenant, initialLoad: await finalRun(live.lastSync.id) };
}

async function startRun(tenantId: string): Promise<string> {
  const started = await stack.request('POST', `/api/tenants/${tenantId}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  return started.body.syncId;
}

async function finalRun(syncId: string) {
  return eventually(async () => {
    const run = await stack.request('GET', `/api/syncs/${syncId}`);
    return final.includes(run.body.status) && run.body;
  }, 60_000);
}

const runToEnd = async (tenantId: string) => finalRun(await startRun(tenantId));

/** The platform's users and groups, with its own ids replaced by the people's HRIS ids. */
function platformState(scim: ScimTenant) {
  const { users, groups } = scim.directory.snapshot();
  const hrisIdOf = new Map(users.map((user) => [user.id, user.externalId as string]));
  const strip = ({ id: _id, meta: _meta, ...rest }: ScimRecord) => rest as Record<string, unknown>;
  const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
  return {
    users: users
      .map((user) => {
        const plain = strip(user);
        const extension = plain[enterprise] as { manager?: { value?: string } } | undefined;
        if (extension?.manager?.value) plain[enterprise] = { ...extension, manager: { value: hrisIdOf.get(extension.manager.value) } };
        return plain;
      })
      .sort((a, b) => String(a.externalId).localeCompare(String(b.externalId))),
    groups: groups
      .map((group): Record<string, unknown> => ({ ...strip(group), members: ((group.members ?? []) as { value: string }[]).map((m) => hrisIdOf.get(m.value)).sort() }))
      .sort((a, b) => String(a.externalId).localeCompare(String(b.externalId))),
  };
}

/** When each request reached the fake: stamped as the fake logs it, on arrival. */
function arrivalTimes(hris: HumaansFake): WeakMap<FakeRequest, number> {
  const times = new WeakMap<FakeRequest, number>();
  const log = hris.requests;
  const push = log.push;
  log.push = (...requests: FakeRequest[]) => {
    for (const request of requests) times.set(request, Date.now());
    return push.apply(log, requests);
  };
  return times;
}

const deactivations = (scim: ScimTenant, since: number) => writes(scim.operations.slice(since)).filter((op) => JSON.stringify(op.body ?? {}).includes('"active"'));

// Each test has its own tenants, HRIS and platform tenant: they run side by side, on one worker.
describe.concurrent('sync runs against failing systems', () => {
  // First: the longest, so it starts before vitest's limit of 5 concurrent tests is reached.
  it('accepts the next run as soon as the last one reads as final, 20 times over', async () => {
    // Test runs (dry runs): the same request, run workflow and end-of-run bookkeeping in the tenant
    // workflow as applying runs, in half the time.
    const tenant = await humaansTenant(0);
    const answers: number[] = [];
    const statuses: string[] = [];
    for (let i = 0; i < 20; i++) {
      const started = await stack.request('POST', `/api/tenants/${tenant.id}/test-runs`, {});
      answers.push(started.status);
      if (started.status !== 202) break;
      statuses.push((await finalRun(started.body.syncId)).status);
    }
    expect(answers).toEqual(Array(20).fill(202));
    expect(statuses).toEqual(Array(20).fill('warning'));
    expect((await stack.request('GET', `/api/tenants/${tenant.id}`)).body.activeSyncId).toBeUndefined();
  }, 60_000);

  it('converges to the same platform as a clean run of an HRIS that fails, throttles and crawls', async () => {
    // The runs compared are the tenants' initial loads: go-live now, once their tests are approved.
    const [clean, flaky] = [await humaansTenant(60), await humaansTenant(60)];
    await Promise.all([approveTest(stack, clean.id), approveTest(stack, flaky.id)]);
    // Faults from the first request of the run on: a fifth answered 5xx, a tenth 429 with
    // Retry-After: 1, and every answer 100 ms late.
    flaky.hris.faults = { serverErrors: { fraction: 0.2, status: 503 }, rateLimit: { fraction: 0.1, retryAfterSeconds: 1 }, delayMs: 100 };
    const arrived = arrivalTimes(flaky.hris);
    const [cleanLive, flakyLive] = await Promise.all([goLiveNow(stack, clean.id), goLiveNow(stack, flaky.id)]);
    const [cleanRun, flakyRun] = await Promise.all([finalRun(cleanLive.lastSync.id), finalRun(flakyLive.lastSync.id)]);
    expect([cleanRun.trigger, flakyRun.trigger]).toEqual(['initial_load', 'initial_load']);

    const requests = flaky.hris.requests.filter((request) => arrived.has(request));
    expect(requests.filter((request) => request.status === 503).length).toBeGreaterThan(0);
    const throttled = requests.filter((request) => request.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    // Every 429 was honoured: the same request came again no sooner than Retry-After said.
    const url = (request: FakeRequest) => `${request.path}?${new URLSearchParams(request.query)}`;
    for (const request of throttled) {
      const retry = requests.slice(requests.indexOf(request) + 1).find((later) => url(later) === url(request));
      expect(arrived.get(retry!)! - arrived.get(request)!, url(request)).toBeGreaterThanOrEqual(1000);
    }
    expect(flakyRun).toMatchObject({ status: cleanRun.status, counts: cleanRun.counts, planned: cleanRun.planned });
    expect(cleanRun.counts.created).toBeGreaterThan(60);
    expect(cleanRun.counts.failed).toBe(0);
    expect(platformState(flaky.scim)).toEqual(platformState(clean.scim));
    expect(platformState(flaky.scim).users).toHaveLength(cleanRun.counts.created);

    await recordHistory(stack.client, 'sync-run-clean-apply', `sync-${cleanRun.id}`, undefined, forbiddenIn(clean));
    // The tenant workflow's first run: config, kick-off, key, its test, then approval, go-live and
    // this initial load, as far as its first continue-as-new.
    await recordHistory(stack.client, 'tenant-config-kickoff-credential-run', `tenant-${clean.id}`, 'first', forbiddenIn(clean));
  });

  it('stops with credentials_rejected when the HRIS starts answering 401 mid-read, writing nothing', async () => {
    const tenant = await liveTenant(40);
    const before = tenant.scim.operations.length;

    tenant.hris.faults.delayMs = 500;
    const requestsBefore = tenant.hris.requests.length;
    const syncId = await startRun(tenant.id);
    // The first page of people is in; the key is revoked before the next.
    await eventually(async () => tenant.hris.requests.slice(requestsBefore).some((r) => r.path === '/api/people' && r.status === 200));
    tenant.hris.faults.status = 401;
    const run = await finalRun(syncId);

    expect(run).toMatchObject({ status: 'error', error: { code: 'credentials_rejected' } });
    expect(tenant.hris.requests.slice(requestsBefore).filter((r) => r.path === '/api/people').map((r) => r.status)).toEqual([200, 401]);
    expect(writes(tenant.scim.operations.slice(before))).toEqual([]);
    expect(tenant.scim.directory.users().every((user) => user.active !== false)).toBe(true);
  });

  it('stops with platform_credentials_rejected when the platform answers 401, writing nothing', async () => {
    const tenant = await liveTenant(20);
    const before = tenant.scim.operations.length;
    // The platform's admin rotated the token: Roster's is now refused.
    platform.server.addTenant(tenant.id, testSecret('rotated'));

    const run = await runToEnd(tenant.id);
    expect(run).toMatchObject({ status: 'error', error: { code: 'platform_credentials_rejected' } });
    const during = tenant.scim.operations.slice(before);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((op) => op.status === 401)).toBe(true);
    expect(writes(during)).toEqual([]);
  });

  it('stops with empty_directory when the HRIS returns nobody, deactivating no one', async () => {
    const { initialLoad: first, ...tenant } = await liveTenant(20);
    const before = tenant.scim.operations.length;
    tenant.hris.emptyDirectory();

    const run = await runToEnd(tenant.id);
    expect(run).toMatchObject({ status: 'error', error: { code: 'empty_directory' } });
    expect(writes(tenant.scim.operations.slice(before))).toEqual([]);
    expect(tenant.scim.directory.users().filter((user) => user.active !== false)).toHaveLength(first.counts.created);
  });

  it('holds a run whose directory shrank by 30 %, deactivating nobody until a human approves', async () => {
    const { initialLoad: first, ...tenant } = await liveTenant(40);
    const accounts = new Map(tenant.scim.directory.users().map((user) => [user.externalId as string, user.id]));
    const before = tenant.scim.operations.length;
    const everyone = tenant.hris.dataset.people.map((p) => p.id);
    tenant.hris.shrinkDirectory(0.3);
    const remaining = new Set(tenant.hris.dataset.people.map((p) => p.id));
    const gone = everyone.filter((id) => !remaining.has(id) && accounts.has(id));

    const syncId = await startRun(tenant.id);
    const held = await eventually(async () => {
      const run = await stack.request('GET', `/api/syncs/${syncId}`);
      return (run.body.status === 'awaiting_approval' || final.includes(run.body.status)) && run.body;
    }, 60_000);
    expect(held.status).toBe('awaiting_approval');
    // Over the share limit (10 % of 20 or more active accounts), under the count limit (25).
    expect(held.hold).toMatchObject({ deactivations: gone.length });
    expect(gone.length / first.counts.created).toBeGreaterThan(0.25);
    expect(writes(tenant.scim.operations.slice(before))).toEqual([]);
    expect((await stack.request('POST', `/api/tenants/${tenant.id}/syncs`, {})).status).toBe(409);

    expect((await stack.request('POST', `/api/syncs/${syncId}/approve`, {})).status).toBe(200);
    const run = await finalRun(syncId);
    expect(run.status).toMatch(/^(success|warning)$/);
    expect(run.counts.deactivated).toBe(gone.length);
    const inactive = tenant.scim.directory.users().filter((user) => user.active === false).map((user) => user.externalId);
    expect(inactive.sort()).toEqual([...gone].sort());
    expect(deactivations(tenant.scim, before).length).toBeGreaterThanOrEqual(gone.length);

    await recordHistory(stack.client, 'sync-run-held-then-approved', `sync-${syncId}`, undefined, forbiddenIn(tenant));
  });

});

/** What a tenant's histories must never hold: its people, its key and its platform token. */
function forbiddenIn(tenant: Tenant): string[] {
  return [tenant.hris.token, tenant.platformToken, ...peopleOf(tenant.hris.dataset)];
}

it('leaves no person, no secret and no large payload in any history of the runs above', async () => {
  expect(tenants.length).toBeGreaterThanOrEqual(6);
  let runs = 0;
  for (const tenant of tenants) {
    const syncIds = (await stack.db('sync_runs').where({ tenant_id: tenant.id }).select('id')).map((row) => row.id as string);
    runs += syncIds.length;
    // Every person the tenant's directory ever held, including those the tests removed.
    const forbidden = [...forbiddenIn(tenant), ...peopleOf(humaansDataset({ today, fillers: 60 }))];
    const scanned = await scanTenant(stack.client, tenant.id, syncIds, forbidden);
    expect(scanned.flatMap((run) => run.leaks)).toEqual([]);
    for (const run of scanned) expect(run.largestPayloadBytes, `${run.workflowId}/${run.runId}`).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  }
  expect(runs).toBeGreaterThanOrEqual(30);
  // The scan reads inside payloads: the tenant's own contacts, which its workflow may hold, are found.
  const control = await scanTenant(stack.client, tenants[0]!.id, [], ['support@roster.example']);
  expect(control[0]!.leaks).toHaveLength(1);
  const logs = stack.logs.join('\n');
  for (const tenant of tenants) for (const secret of [tenant.hris.token, tenant.platformToken]) expect(logs).not.toContain(secret);
});
