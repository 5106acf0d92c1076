// The whole chain on real components: the demo HRIS read from Postgres, the pure plan, applied
// to the real scimmy SCIM server over HTTP, then planned again — which must find nothing to do —
// and an account Roster did not create stays untouched throughout.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createHrisConnector, DEMO_API_KEY, localDate, resolveManagerEmails } from '../../../activities/hris';
import { listGroupLinks, listLinks, type PlatformConnector } from '../../../activities/platform';
import { applyGroup, applyItem, applyManager, type ApplyDeps } from '../../../activities/sync/apply';
import { plan, type Plan, type PlanInput } from '../../../activities/sync/core';
import { createDb, type Db } from '../../../common/db';
import type { Employee, PlatformAccount } from '../../../common/directory';
import { validateTenantConfig, type TenantConfig } from '../../../common/tenant-config';
import { startScimPlatform, writes, type ScimPlatform } from '../platform/scim-platform';
import { insertTenant } from '../hris/demo-tenant';
import { kickoffConfig } from '../../support/fixtures';

let db: Db;
let platform: ScimPlatform;
beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  platform = await startScimPlatform();
});
afterAll(async () => {
  await platform?.stop();
  await db?.destroy();
});

const validated = validateTenantConfig({ ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } }, { minScheduleMinutes: 15, now: new Date() });
if (!validated.ok) throw new Error('the fixture config is valid');
const config: TenantConfig = validated.config;

async function readDirectory(tenantId: string): Promise<Employee[]> {
  const connector = createHrisConnector({ provider: 'demo' }, DEMO_API_KEY, { db, tenantId });
  let employees: Employee[] = [];
  let scan = -1;
  for await (const page of connector.readDirectory({ today: localDate('UTC') })) {
    if (page.scan !== scan) [employees, scan] = [[], page.scan];
    employees.push(...page.employees);
  }
  return resolveManagerEmails(employees);
}

async function planInput(tenantId: string, client: PlatformConnector): Promise<PlanInput> {
  const accounts: PlatformAccount[] = [];
  for await (const page of client.listAccounts()) accounts.push(...page.accounts);
  return {
    employees: await readDirectory(tenantId),
    accounts,
    links: await listLinks(db, { tenantId, target: 'production' }),
    groups: await client.listGroups(),
    groupLinks: await listGroupLinks(db, { tenantId, target: 'production' }),
    config,
    supportedAttributes: await client.supportedAttributes(),
    adoptExistingAccounts: false,
    adoptExistingGroups: false,
    readMode: 'full',
    today: localDate('UTC'),
  };
}

async function apply(planned: Plan, deps: ApplyDeps) {
  const failures: string[] = [];
  const note = (hrisId: string, result: Awaited<ReturnType<typeof applyItem>>) => result.result === 'failed' && failures.push(`${hrisId}: ${result.code}`);
  const firstPass = [...planned.items.filter((i) => i.action !== 'create'), ...planned.items.filter((i) => i.action === 'create')];
  for (const item of firstPass) note(item.hrisId, await applyItem(item, deps));
  const links = new Map((await listLinks(db, deps.links)).map((l) => [l.hrisId, l.accountId]));
  for (const item of planned.items.filter((i) => i.managerHrisId)) note(item.hrisId, await applyManager(item, (id) => links.get(id), deps));
  for (const group of planned.groups) note(group.externalId, await applyGroup(group, (id) => links.get(id), deps));
  return failures;
}

const acting = (planned: Plan) => planned.items.filter((i) => ['create', 'update', 'reactivate', 'deactivate'].includes(i.action));

it('plans the demo directory, applies it over SCIM, and finds nothing left to do on the next plan', async () => {
  const tenantId = await insertTenant(db);
  const { client, tenant } = platform.tenant();
  const admin = tenant.seedUser({ userName: 'admin@platform.example', active: true, name: { givenName: 'Platform', familyName: 'Admin' } });
  const sso = tenant.seedUser({ userName: 'olivia.chen@acme.example', active: true, externalId: 'sso-olivia' });

  const first = plan(await planInput(tenantId, client));
  expect(first.planned.created).toBeGreaterThan(200);
  expect(first.items.find((i) => i.identityKey === 'olivia.chen@acme.example')).toMatchObject({ action: 'skip', reasonCode: 'unmanaged_account_conflict' });
  expect(first.items.filter((i) => i.reasonCode === 'duplicate_identity_key')).toHaveLength(2);
  expect(first.groups.filter((g) => g.action === 'create').length).toBeGreaterThan(3);

  expect(await apply(first, { platform: client, db, tenantId, links: { tenantId, target: 'production' }, syncId: 'round-trip' })).toEqual([]);
  const second = plan(await planInput(tenantId, client));
  expect(acting(second)).toEqual([]);
  expect(second.groups).toEqual([]);
  expect(second.planned).toMatchObject({ created: 0, updated: 0, deactivated: 0, reactivated: 0, unchanged: first.planned.created + first.planned.unchanged });

  // The accounts Roster did not create were never written to, and still look as they did.
  const untouched = new Set([admin.id, sso.id]);
  expect(writes(tenant.operations).filter((op) => op.resourceId !== undefined && untouched.has(op.resourceId))).toEqual([]);
  expect(await client.findByUserName('admin@platform.example')).toMatchObject({ id: admin.id, active: true });
  expect((await listLinks(db, { tenantId, target: 'production' })).some((l) => untouched.has(l.accountId))).toBe(false);

  // Managers are the platform ids of their accounts, including managers created in the same run.
  const links = new Map((await listLinks(db, { tenantId, target: 'production' })).map((l) => [l.hrisId, l.accountId]));
  const withManager = first.items.find((i) => i.action === 'create' && i.managerHrisId);
  expect(withManager).toBeDefined();
  const account = await client.findByExternalId(withManager!.hrisId);
  expect(account?.attributes.manager).toBe(links.get(withManager!.managerHrisId!));
});
