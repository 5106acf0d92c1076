// Offboarding a live tenant on the real stack: what Roster kept about its people and links goes
// (the mail outbox, account and group links, the demo directory, the link tries, the secrets),
// while the platform's accounts, on a real SCIM server, stay exactly as they were.
import { afterAll, expect, inject, it } from 'vitest';
import { countRows, createDb } from '../../common/db';
import { tenantWorkflowId } from '../../common/workflow-ids';
import { writes } from '../activities/platform/scim-platform';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, takeLive, useDemoStack, useTinyDirectory } from '../support/onboarding';

const demo = useDemoStack();
const db = createDb(inject('databaseUrl'));
afterAll(() => db.destroy());

const purgedTables = ['mail_outbox', 'account_links', 'group_links', 'demo_people', 'authorization_attempts', 'secrets'] as const;
const countsOf = async (tenantId: string) => Object.fromEntries(await Promise.all(purgedTables.map(async (table) => [table, await countRows(db(table).where({ tenant_id: tenantId }))])));

it('purges the outbox, the links, the demo directory, the link tries and the secrets, and never touches the platform', async () => {
  const { stack } = demo;
  const body = demoTenant();
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  const scim = demo.platformFor(body.id);
  await useTinyDirectory(stack, body.id);
  await configureAndKickOff(stack, body.id, kickoffConfig);
  // A link tried once with a wrong key, then the key entered: a tenant with every kind of row.
  const link = await stack.request('POST', `/api/tenants/${body.id}/authorization-links`, {});
  expect(link.status, link.text).toBe(201);
  expect((await stack.request('POST', `/api/authorize/${link.body.url.split('/').at(-1)}`, { apiKey: 'not-the-key' }, null)).status).toBe(400);
  await enterKey(stack, body.id, 'demo-key');
  await takeLive(stack, body.id);
  const before = await countsOf(body.id);
  for (const table of purgedTables) expect(before[table], table).toBeGreaterThan(0);

  const accounts = structuredClone(scim.directory.users());
  const operations = scim.operations.length;
  const offboarded = await stack.request('DELETE', `/api/tenants/${body.id}`, { reason: 'contract ended' });
  expect(offboarded.status, offboarded.text).toBe(200);
  // Purging is the tenant workflow's last step.
  await stack.client.workflow.getHandle(tenantWorkflowId(body.id)).result();

  expect(await countsOf(body.id)).toEqual(Object.fromEntries(purgedTables.map((table) => [table, 0])));
  expect(scim.directory.users()).toEqual(accounts);
  expect(accounts.length).toBeGreaterThan(0);
  expect(writes(scim.operations.slice(operations))).toEqual([]);
  // Its demo directory is not seeded afresh by a read.
  const people = await stack.request('GET', `/api/tenants/${body.id}/demo/people`);
  expect(people.status, people.text).toBe(409);
  expect(people.body.error.code).toBe('invalid_transition');
  expect(await countRows(db('demo_people').where({ tenant_id: body.id }))).toBe(0);
  // The tenant is still answered, read-only, with its runs' summaries.
  const tenant = (await stack.request('GET', `/api/tenants/${body.id}`)).body;
  expect(tenant).toMatchObject({ stage: 'offboarded', lastSync: { status: expect.stringMatching(/^(success|warning)$/) } });
});
