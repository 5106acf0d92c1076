// What the fuzzer finds on the stack before it starts: demo tenants in every stage (one live tenant
// with a run held for approval), a CSV tenant, issued authorization links, and sync runs of each
// kind, all made through the API as support would. Their ids become the fuzzer's dictionaries, so
// that a generated request reaches a real tenant, run, person or link often enough to get past 404.
import { setTimeout as sleep } from 'node:timers/promises';

export interface FuzzData {
  /** Tenants in every stage, for every operation on /api/tenants/{id} but offboarding. */
  tenants: string[];
  /** Tenants kept for offboarding, which ends a tenant's life: the other tenants keep theirs. */
  leaving: string[];
  syncIds: string[];
  hrisIds: string[];
  linkTokens: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
type Json = any;

const config = (maxDeactivations = 25) => ({
  identityKey: 'workEmail',
  include: { statuses: ['active', 'onboarding'] },
  fieldMappings: { title: 'position', department: 'department' },
  groups: { from: 'department' },
  notifications: { summaryTo: ['hr@fuzz.example'], errorsTo: ['it@fuzz.example'] },
  schedule: { cron: '30 3 * * 1-5', timezone: 'Australia/Sydney' },
  safety: { maxDeactivations },
});

const users = ['id,email,firstName,lastName,department', 'u1,ada@fuzz.example,Ada,Lovelace,Engineering', 'u2,alan@fuzz.example,Alan,Turing,Research', ''].join('\n');

export async function seedTenants(url: string, token: string, say: (line: string) => void): Promise<FuzzData> {
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Json> => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`Seeding: ${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const tenant = (id: string): Promise<Json> => call('GET', `/api/tenants/${id}`);
  const until = async (what: string, check: () => Promise<Json>): Promise<Json> => {
    for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(250)) {
      const found = await check();
      if (found) return found;
    }
    throw new Error(`Seeding: gave up waiting for ${what}`);
  };
  const settled = (id: string, after?: string) =>
    until(`a run of ${id} to finish`, async () => {
      const now = await tenant(id);
      return !now.activeSyncId && now.lastSync && now.lastSync.id !== after && now;
    });

  const create = (id: string, provider = 'demo') =>
    call('POST', '/api/tenants', { id, name: `Fuzz ${id}`, hris: { provider }, platform: { kind: 'demo' }, contacts: { hrisAdminEmail: 'hr-admin@fuzz.example', supportEmail: 'support@fuzz.example' } });
  const kickOff = async (id: string, maxDeactivations?: number) => {
    await call('PUT', `/api/tenants/${id}/config`, config(maxDeactivations));
    await call('POST', `/api/tenants/${id}/kickoff/complete`, { reason: 'fuzz seed' });
  };
  const tested = async (id: string, maxDeactivations?: number) => {
    await kickOff(id, maxDeactivations);
    await call('POST', `/api/tenants/${id}/credentials`, { apiKey: 'demo-key' });
    return settled(id);
  };
  const live = async (id: string, maxDeactivations?: number) => {
    await tested(id, maxDeactivations);
    await call('POST', `/api/tenants/${id}/test/approve`, { note: 'fuzz seed' });
    await call('POST', `/api/tenants/${id}/go-live`, {});
    return until(`${id} to go live`, async () => {
      const now = await tenant(id);
      if (now.goLive?.status === 'failed') throw new Error(`Seeding: the go-live of ${id} failed: ${now.goLive.reason}`);
      return now.stage === 'live' && !now.activeSyncId && now;
    });
  };
  const onDemandRun = async (id: string) => {
    const before = (await tenant(id)).lastSync?.id;
    await call('POST', `/api/tenants/${id}/syncs`, {});
    return settled(id, before);
  };

  say('seeding tenants in every stage (a few sync runs included)');
  const leaving = ['fz-leaving-1', 'fz-leaving-2', 'fz-leaving-3'];
  const stages = ['kickoff', 'authorization', 'testing', 'ready', 'live', 'held', 'paused', 'reauth', 'offboarded'].map((stage) => `fz-${stage}`);
  await Promise.all([...stages, ...leaving].map((id) => create(id)));
  await create('fz-csv', 'csv');

  const [links] = await Promise.all([
    kickOff('fz-authorization').then(async () => {
      // A second link replaces the first: one token that takes a key, one that answers 410.
      const first = await call('POST', '/api/tenants/fz-authorization/authorization-links', {});
      const second = await call('POST', '/api/tenants/fz-authorization/authorization-links', {});
      return [first.url, second.url].map((link: string) => new URL(link).pathname.split('/').pop()!);
    }),
    kickOff('fz-csv').then(() => call('PUT', '/api/tenants/fz-csv/files/users', users, 'text/csv')),
    tested('fz-testing'),
    tested('fz-ready').then(() => call('POST', '/api/tenants/fz-ready/test/approve', {})),
    live('fz-live').then(() => onDemandRun('fz-live')),
    // No deactivation allowed: terminating one person makes the next run wait for approval.
    live('fz-held', 0).then(async () => {
      await call('POST', '/api/tenants/fz-held/demo/people/demo-0007/terminate', {});
      const { syncId } = await call('POST', '/api/tenants/fz-held/syncs', {});
      await until('a run held for approval', async () => (await call('GET', `/api/syncs/${syncId}`)).status === 'awaiting_approval');
    }),
    live('fz-paused').then(() => call('POST', '/api/tenants/fz-paused/pause', { reason: 'fuzz seed' })),
    live('fz-reauth').then(() => call('DELETE', '/api/tenants/fz-reauth/credentials', { reason: 'fuzz seed' })),
    call('DELETE', '/api/tenants/fz-offboarded', { reason: 'fuzz seed' }),
  ]);

  const runs = await Promise.all([...stages, 'fz-csv'].map((id) => call('GET', `/api/tenants/${id}/syncs`)));
  const syncIds = runs.flatMap((answer: Json) => answer.syncs.map((run: Json) => run.id as string));
  const hrisIds = ['demo-0001', 'demo-0007', 'demo-0042', 'demo-0287', 'u1'];
  say(`seeded ${stages.length + leaving.length + 1} tenants, ${syncIds.length} sync runs and ${links.length} links`);
  return { tenants: [...stages, 'fz-csv'], leaving, syncIds, hrisIds, linkTokens: links };
}
