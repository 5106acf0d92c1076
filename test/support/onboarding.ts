// Walking a tenant through onboarding in tests: the steps every sync and lifecycle test needs
// before its own, through the API as support would take them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { seedDirectory } from '../../bench/sync-run/seed';
import type { AppDeps } from '../../api/app';
import { demoCustomSchema } from '../../dev/scim-server';
import { startScimPlatform, type ScimPlatform } from '../activities/platform/scim-platform';
import { demoTenant, kickoffConfig } from './fixtures';
import { eventually, startTestStack, uniqueTenantId, type TestStack, type TestStackOptions } from './stack';

export interface DemoStack {
  stack: TestStack;
  platform: ScimPlatform;
  /** Opens the tenant's directory on the SCIM server, where its demo platform answers. */
  platformFor(tenantId: string): ReturnType<ScimPlatform['server']['addTenant']>;
  stop(): Promise<void>;
}

/** `platformSharedLimit`: the demo platform's requests a second for all tenants together. */
export type DemoStackOptions = Omit<TestStackOptions, 'demoPlatform' | 'sharedRateLimits'> & { platformSharedLimit?: number };

/** A demo stack for the whole test file: started before its tests, stopped after them. */
export function useDemoStack(options: DemoStackOptions = {}): DemoStack {
  const demo = {} as DemoStack;
  beforeAll(async () => {
    Object.assign(demo, await startDemoStack(options));
  });
  afterAll(() => demo.stop?.());
  return demo;
}

/** A test stack whose demo platform is a real SCIM server (scimmy), one directory per tenant. */
export async function startDemoStack({ platformSharedLimit, ...options }: DemoStackOptions = {}, overrides: Partial<AppDeps> = {}): Promise<DemoStack> {
  const platform = await startScimPlatform();
  const token = randomBytes(16).toString('hex');
  const endpoint = (tenantId: string) => ({ baseUrl: `${platform.url}/scim/${tenantId}/v2`, customSchema: demoCustomSchema, maxRequestsPerSecond: 1000, concurrency: 8 });
  const sharedRateLimits = platformSharedLimit ? { [new URL(platform.url).host]: platformSharedLimit } : undefined;
  const stack = await startTestStack(overrides, { ...options, sharedRateLimits, demoPlatform: { token, endpoint } });
  return {
    stack,
    platform,
    platformFor: (tenantId) => platform.server.addTenant(tenantId, token),
    async stop() {
      await stack.stop();
      await platform.stop();
    },
  };
}

/**
 * Three people in a demo tenant's directory instead of its ~300-person seed, for tests about the
 * lifecycle rather than the data: every run then takes a fraction of the time. Call it before
 * anything reads the tenant's directory.
 */
export async function useTinyDirectory(stack: TestStack, tenantId: string): Promise<void> {
  const people = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'].map((name, n) => {
    const [firstName, lastName] = name.split(' ') as [string, string];
    return { hrisId: `p${n}`, status: 'active' as const, firstName, lastName, workEmail: `${firstName.toLowerCase()}@acme.example`, department: 'Engineering' };
  });
  await seedDirectory(stack.db, tenantId, people);
}

/** PUT config and complete kick-off: the tenant waits in `authorization`. */
export async function configureAndKickOff(stack: TestStack, id: string, config: object): Promise<void> {
  const configured = await stack.request('PUT', `/api/tenants/${id}/config`, config);
  expect(configured.status, configured.text).toBe(200);
  const kickedOff = await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {});
  expect(kickedOff.status, kickedOff.text).toBe(200);
}

/** The tenant once no run is open and the latest one has finished. */
export function settled(stack: TestStack, id: string, afterSyncId?: string) {
  return eventually(async () => {
    const tenant = (await stack.request('GET', `/api/tenants/${id}`)).body;
    return !tenant.activeSyncId && tenant.lastSync && tenant.lastSync.id !== afterSyncId && tenant;
  }, 60_000);
}

/** Enters a key in `authorization`: the tenant moves to `testing`, and its first test runs by itself; resolves once it has finished. */
export async function enterKey(stack: TestStack, id: string, apiKey: string) {
  const keyed = await stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey });
  expect(keyed.status, keyed.text).toBe(200);
  expect(keyed.body).toMatchObject({ stage: 'testing', hris: { credential: { status: 'verified' } } });
  return settled(stack, id);
}

/** Approves the finished test in `testing`: the tenant is `ready`. */
export async function approveTest(stack: TestStack, id: string): Promise<void> {
  const approved = await stack.request('POST', `/api/tenants/${id}/test/approve`, {});
  expect(approved.status, approved.text).toBe(200);
  expect(approved.body.stage).toBe('ready');
}

/**
 * Go-live now in `ready` (`body`: the go-live's own options, e.g. `inviteNewUsers` for the initial
 * load). Resolves with the tenant view once the initial load has finished, the tenant is `live`
 * and no run is open: its `lastSync` is the initial load. A failed go-live fails at once.
 */
export async function goLiveNow(stack: TestStack, id: string, body: { inviteNewUsers?: boolean } = {}) {
  const before = (await stack.request('GET', `/api/tenants/${id}`)).body.lastSync?.id;
  const answer = await stack.request('POST', `/api/tenants/${id}/go-live`, body);
  expect(answer.status, answer.text).toBe(200);
  // The answer reads the tenant after the request: the initial load may have started already.
  expect(answer.body).toMatchObject({ stage: 'ready', goLive: { status: expect.stringMatching(/^(scheduled|loading)$/) } });
  return eventually(async () => {
    const tenant = (await stack.request('GET', `/api/tenants/${id}`)).body;
    if (tenant.goLive?.status === 'failed') throw new Error(`The go-live of ${id} failed: ${tenant.goLive.reason}`);
    return tenant.stage === 'live' && !tenant.activeSyncId && tenant.lastSync && tenant.lastSync.id !== before && tenant;
  }, 60_000);
}

/**
 * From `testing` with a finished test (after enterKey) to `live`: approves the test and goes live
 * now. Resolves with the tenant view once the initial load has finished and no run is open.
 */
export async function takeLive(stack: TestStack, id: string, goLive: { inviteNewUsers?: boolean } = {}) {
  await approveTest(stack, id);
  return goLiveNow(stack, id, goLive);
}

/** A live demo tenant of three people under `config`. Resolves with its id. */
export async function liveDemoTenant(demo: DemoStack, config: object, id = uniqueTenantId()): Promise<string> {
  const body = demoTenant(id);
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  demo.platformFor(body.id);
  await useTinyDirectory(demo.stack, body.id);
  await configureAndKickOff(demo.stack, body.id, config);
  await enterKey(demo.stack, body.id, 'demo-key');
  await takeLive(demo.stack, body.id);
  return body.id;
}

/**
 * A live demo tenant of three people, scheduled daily, that may deactivate no one: its next run
 * with a leaver holds for approval. Resolves with its id.
 */
export async function liveTenantThatHolds(demo: DemoStack): Promise<string> {
  return liveDemoTenant(demo, { ...kickoffConfig, safety: { maxDeactivations: 0, maxDeactivationShare: 0.1 }, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
}
