// Live Humaans tenants syncing to their own directories on the real scimmy SCIM server, for the
// tests that break Roster's infrastructure under runs (two-workers, temporal-restart): a directory
// without data problems, so a run that survives the break ends `success`, and the checks that the
// platform holds exactly the directory afterwards (each person once, every change applied).
import { expect } from 'vitest';
import { type ScimTenant } from '../../dev/scim-server';
import { scimPlatformFor, type ScimPlatform } from '../activities/platform/scim-platform';
import { humaansDataset, type HumaansDataset } from '../fakes/humaans-datasets';
import type { HumaansFake } from '../fakes/humaans';
import { kickoffConfig } from '../support/fixtures';
import { approveTest, configureAndKickOff, enterKey, goLiveNow } from '../support/onboarding';
import { eventually, type TestStack } from '../support/stack';

const today = new Date().toISOString().slice(0, 10);

const isFiller = (id: string) => /^p-f\d/.test(id);

/** The heads and `fillers` ordinary people of the fake's dataset: nothing a run would warn about. */
export function cleanDirectory(fillers: number): HumaansDataset {
  const all = humaansDataset({ today, fillers });
  const kept = (id: string) => isFiller(id) || ['p-ceo', 'p-eng-head', 'p-sales-head'].includes(id);
  return { ...all, people: all.people.filter((person) => kept(person.id)), jobRoles: all.jobRoles.filter((role) => kept(role.personId)) };
}

/** A day of HR work: `hires` people join, every `changeEvery`th person gets a new last name. */
export function hireAndRename(hris: HumaansFake, hires: number, changeEvery: number): void {
  const grown = cleanDirectory(hris.dataset.people.filter((person) => isFiller(person.id)).length + hires);
  let n = 0;
  for (const person of grown.people) if (isFiller(person.id) && ++n % changeEvery === 0) person.lastName = `${person.lastName}-Renamed`;
  hris.dataset = grown;
}

export interface LiveTenant {
  id: string;
  scim: ScimTenant;
}

/** A tenant on `hris`, taken live through the API (its initial load done), syncing to its own directory on `platform` at `pace`. */
export async function liveHumaansTenant(stack: TestStack, platform: ScimPlatform, hris: HumaansFake, id: string, pace: { maxRequestsPerSecond: number; concurrency: number }): Promise<LiveTenant> {
  const { scim, settings } = scimPlatformFor(platform, id, `scim-${id}`, pace);
  const tenant = { id, name: `Initech ${id}`, hris: { provider: 'humaans', baseUrl: hris.url }, platform: settings, contacts: { supportEmail: 'support@roster.example' } };
  const created = await stack.request('POST', '/api/tenants', tenant);
  expect(created.status, created.text).toBe(201);
  await configureAndKickOff(stack, id, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
  await enterKey(stack, id, hris.token);
  await approveTest(stack, id);
  const live = await goLiveNow(stack, id);
  expect(live.lastSync.status).toBe('success');
  return { id, scim };
}

/** Asks for a run as the tenant's schedule would, and returns its id. */
export async function requestRun(stack: TestStack, tenantId: string): Promise<string> {
  const answer = await stack.request('POST', `/api/tenants/${tenantId}/syncs`, {});
  expect(answer.status, answer.text).toBe(202);
  return answer.body.syncId;
}

const finished = ['success', 'warning', 'error', 'rejected', 'cancelled'];

/** The run's view once it has finished. */
export function finishedRun(stack: TestStack, syncId: string, timeoutMs = 90_000) {
  return eventually(async () => {
    const run = (await stack.request('GET', `/api/syncs/${syncId}`)).body;
    return finished.includes(run.status) && run;
  }, timeoutMs);
}

/** Accounts created on the tenant's directory so far. */
export const accountsCreated = (scim: ScimTenant) => scim.operations.filter((op) => op.method === 'POST' && op.path === '/Users' && op.status === 201).length;

/**
 * The platform holds the directory exactly: one account per person (by externalId and by userName,
 * the work e-mail), no create refused or repeated, and each person's current last name.
 */
export function expectPlatformMatches(scim: ScimTenant, directory: HumaansDataset): void {
  const users = scim.directory.users();
  const externalIds = users.map((user) => user.externalId as string);
  const userNames = users.map((user) => String(user.userName).toLowerCase());
  expect(new Set(externalIds).size, scim.tenantId).toBe(users.length);
  expect(new Set(userNames).size, scim.tenantId).toBe(users.length);
  expect([...externalIds].sort(), scim.tenantId).toEqual(directory.people.map((person) => person.id).sort());
  const creates = scim.operations.filter((op) => op.method === 'POST' && op.path === '/Users');
  expect(creates.filter((op) => op.status !== 201), scim.tenantId).toEqual([]);
  expect(creates, scim.tenantId).toHaveLength(users.length);
  const lastNames = new Map(users.map((user) => [user.externalId as string, (user.name as { familyName?: string } | undefined)?.familyName]));
  for (const person of directory.people) expect(lastNames.get(person.id), person.id).toBe(person.lastName);
}
