// The sync runs that syncs.test.ts and syncs-items.test.ts read back through the API on the real
// stack: runs and items inserted as the run's activities write them, for a tenant with runs of
// every kind and one with more runs than a person's history shows; and how those tests read them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { GroupPlanItem, PlanItem } from '../../activities/sync/core';
import { demoTenant } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

/** The test file's stack, started and seeded by useSeededRuns. */
const stack = {} as TestStack;
/** What POST /api/tenants is given for the tenant with runs of every kind, and for the busy one. */
const tenantBody = demoTenant();
const busyBody = demoTenant();
export const tenantId = tenantBody.id;
export const busyTenantId = busyBody.id;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
// Run ids are UUIDs, as the tenant workflow makes them: one per tenant and name.
const runIds = new Map<string, string>();
export const runId = (tenant: string, name: string) => {
  const key = `${tenant}/${name}`;
  if (!runIds.has(key)) runIds.set(key, randomUUID());
  return runIds.get(key)!;
};
export const ids = {
  apply: () => runId(tenantId, 'apply'),
  dry: () => runId(tenantId, 'dry'),
  failed: () => runId(tenantId, 'error'),
  held: () => runId(tenantId, 'held'),
  big: () => runId(tenantId, 'big'),
};

async function insertRun(id: string, tenant: string, fields: Record<string, unknown> = {}) {
  const json = (key: string) => (fields[key] === undefined ? null : JSON.stringify(fields[key]));
  await stack.db('sync_runs').insert({
    id,
    tenant_id: tenant,
    trigger: 'schedule',
    mode: 'apply',
    status: 'success',
    phase: 'done',
    requested_by: 'system',
    started_at: minutesAgo(60),
    ...fields,
    ...Object.fromEntries(['counts', 'planned', 'hold', 'warnings', 'error'].map((key) => [key, json(key)])),
  });
}

interface Outcome {
  result?: 'pending' | 'done' | 'failed';
  result_code?: string;
  result_message?: string;
}

/** A plan_items row as the plan activity writes it. */
const personRow = (run: string, tenant: string, seq: number, item: PlanItem, outcome: Outcome = {}, kind: 'account' | 'manager' = 'account') => ({
  run_id: run,
  seq,
  tenant_id: tenant,
  kind,
  hris_id: item.hrisId,
  account_id: item.accountId ?? null,
  identity_key: item.identityKey ?? null,
  name: item.name,
  action: kind === 'manager' ? 'update' : item.action,
  item: JSON.stringify(item),
  result: 'done',
  ...outcome,
});

const groupRow = (run: string, tenant: string, seq: number, item: GroupPlanItem) => ({
  run_id: run,
  seq,
  tenant_id: tenant,
  kind: 'group',
  hris_id: null,
  account_id: item.groupId ?? null,
  identity_key: item.externalId,
  name: item.displayName,
  action: item.action,
  item: JSON.stringify(item),
  result: 'done',
});

async function insertItems(rows: object[]) {
  for (let i = 0; i < rows.length; i += 1000) await stack.db('plan_items').insert(rows.slice(i, i + 1000));
}

export const jane: PlanItem = {
  hrisId: 'hr-jane',
  accountId: 'acc-jane',
  identityKey: 'jane.smith@acme.example',
  name: 'Jane Smith',
  action: 'update',
  changes: { attributes: { title: { from: 'Engineer', to: 'Senior Engineer' } } },
};
export const quotedName = 'Jane "JJ" Doe, Jr.\nNight shift';
export const formulaName = '=HYPERLINK("http://evil.example","click")';
export const newhire: PlanItem = {
  hrisId: 'hr-new',
  identityKey: 'nina@acme.example',
  name: 'Nina Newhire',
  action: 'create',
  fields: { userName: 'nina@acme.example', externalId: 'hr-new', active: true, givenName: 'Nina', familyName: 'Newhire', email: 'nina@acme.example', attributes: { title: 'Analyst' } },
  link: 'new',
  managerHrisId: 'hr-jane',
  warnings: [{ code: 'manager_not_found', message: 'Their manager hr-ghost is not in the directory.' }],
};
export const fillers = Array.from({ length: 30 }, (_, i): PlanItem => {
  const n = String(i + 1).padStart(3, '0');
  return { hrisId: `hr-f${n}`, accountId: `acc-f${n}`, identityKey: `filler${n}@acme.example`, name: `Filler ${n}`, action: 'unchanged' };
});

/** The applied run's person items, in seq order, with what each should look like. */
export function appliedItems(run: string): { row: ReturnType<typeof personRow>; item: PlanItem }[] {
  const people: [PlanItem, Outcome?][] = [
    [jane],
    [{ hrisId: 'hr-left', accountId: 'acc-left', identityKey: 'zoe@acme.example', name: 'Zoë Ångström', action: 'deactivate', changes: { active: { from: true, to: false } }, reasonCode: 'left', reason: 'Their end date has passed.' }],
    [{ hrisId: 'hr-back', accountId: 'acc-back', identityKey: 'li@acme.example', name: '李小龙', action: 'reactivate', changes: { active: { from: false, to: true } } }],
    [{ hrisId: 'hr-same', accountId: 'acc-same', identityKey: 'MARY.major@acme.example', name: 'Mary Major', action: 'unchanged' }],
    [{ hrisId: 'hr-nokey', name: quotedName, action: 'skip', reasonCode: 'missing_identity_key', reason: 'They have no work e-mail, the identity key.' }],
    [{ hrisId: 'hr-contractor', name: 'Pat Contractor', action: 'exclude', reasonCode: 'out_of_scope', reason: 'Their department is Contractors.' }],
    [{ hrisId: 'hr_formula', accountId: 'acc-formula', identityKey: 'formula@acme.example', name: formulaName, action: 'update', changes: { displayName: { from: 'F', to: formulaName } } }, { result: 'failed', result_code: 'invalid_value', result_message: 'The platform refused the display name.' }],
    [{ hrisId: 'hr-gone', accountId: 'acc-gone', identityKey: 'gone@acme.example', name: 'Gone Person', action: 'deactivate', changes: { active: { from: true, to: false } }, reasonCode: 'missing_from_directory', reason: 'No longer in the directory.' }, { result: 'failed', result_code: 'not_found', result_message: 'The account no longer exists.' }],
    [newhire],
    ...fillers.map((item): [PlanItem] => [item]),
  ];
  return people.map(([item, outcome], seq) => ({ row: personRow(run, tenantId, seq, item, outcome), item }));
}

export const engineering: GroupPlanItem = { action: 'create', externalId: 'department:engineering', displayName: 'Engineering', add: [{ hrisId: 'hr-new' }, { hrisId: 'hr-jane', accountId: 'acc-jane' }], remove: [], link: 'new' };
export const counts = { created: 0, updated: 0, deactivated: 0, reactivated: 0, anonymised: 0, unchanged: 0, skipped: 0, excluded: 0, failed: 0, groupsCreated: 0, groupsUpdated: 0, groupsRemoved: 0 };

/** Starts the test file's stack and seeds the runs before its tests; stops it after them. */
export function useSeededRuns(): TestStack {
  beforeAll(async () => {
    Object.assign(stack, await startTestStack());
    expect((await stack.request('POST', '/api/tenants', tenantBody)).status).toBe(201);
    expect((await stack.request('POST', '/api/tenants', busyBody)).status).toBe(201);

    await insertRun(ids.big(), tenantId, { started_at: minutesAgo(300), finished_at: minutesAgo(290) });
    await insertRun(ids.apply(), tenantId, {
      started_at: minutesAgo(180),
      finished_at: minutesAgo(170),
      status: 'warning',
      progress_done: 41,
      progress_total: 41,
      counts: { created: 1, updated: 1, deactivated: 1, reactivated: 1, unchanged: 31, skipped: 1, excluded: 1, failed: 2, groupsCreated: 1 },
      planned: { created: 1, updated: 2, deactivated: 2, reactivated: 1, unchanged: 31, skipped: 1, excluded: 1, groupsCreated: 1 },
      warnings: [{ code: 'attribute_not_supported', attribute: 'custom.startDate', message: 'The platform has no custom.startDate.' }],
    });
    await insertRun(ids.dry(), tenantId, { started_at: minutesAgo(120), finished_at: minutesAgo(119), trigger: 'test', mode: 'dry_run', requested_by: 'support-anna', planned: { created: 3, excluded: 2 } });
    await insertRun(ids.failed(), tenantId, { started_at: minutesAgo(60), finished_at: minutesAgo(59), status: 'error', error: { code: 'empty_directory', message: 'The HRIS returned nobody; nothing was applied.' } });
    await insertRun(ids.held(), tenantId, { started_at: minutesAgo(10), status: 'awaiting_approval', phase: 'awaiting_approval', planned: { deactivated: 30, unchanged: 200 }, hold: { reason: 'deactivations over the limit', deactivations: 30, limit: 25 } });

    const applied = appliedItems(ids.apply());
    await insertItems([
      ...applied.map((a) => a.row),
      personRow(ids.apply(), tenantId, applied.length, newhire, {}, 'manager'),
      groupRow(ids.apply(), tenantId, applied.length + 1, engineering),
    ]);
    await insertItems([
      personRow(ids.dry(), tenantId, 0, jane),
      personRow(ids.dry(), tenantId, 1, { hrisId: 'hr-dup', identityKey: 'dup@acme.example', name: 'Dee Duplicate', action: 'skip', reasonCode: 'duplicate_identity_key', reason: 'Another person has the same work e-mail.' }),
      personRow(ids.held(), tenantId, 0, { ...jane, action: 'deactivate', changes: { active: { from: true, to: false } }, reasonCode: 'terminated', reason: 'Their status is terminated.' }, { result: 'pending' }),
    ]);
    // Over two of the download's 2,000-row pages, with record errors on both sides of a page edge.
    await insertItems(
      Array.from({ length: 4500 }, (_, seq) => {
        const n = String(seq).padStart(5, '0');
        const item: PlanItem = seq === 2500 ? { hrisId: `big-${n}`, name: `Big ${n}`, action: 'skip', reasonCode: 'missing_identity_key', reason: 'No work e-mail.' } : { hrisId: `big-${n}`, accountId: `acc-${n}`, identityKey: `big${n}@acme.example`, name: `Big ${n}`, action: 'unchanged' };
        return personRow(ids.big(), tenantId, seq, item, seq === 4499 ? { result: 'failed', result_code: 'platform_refused', result_message: 'Refused.' } : {});
      }),
    );
    await stack.db('account_links').insert({ tenant_id: tenantId, hris_id: 'hr-jane', account_id: 'acc-jane', created_at: minutesAgo(1000), updated_at: minutesAgo(900) });

    // A tenant with more runs than a person's history shows, one of them without the person.
    for (let i = 0; i < 23; i++) {
      const id = runId(busyTenantId, `r${String(i).padStart(2, '0')}`);
      await insertRun(id, busyTenantId, { started_at: minutesAgo(1000 - i * 10), finished_at: minutesAgo(999 - i * 10) });
      if (i !== 22) await insertItems([personRow(id, busyTenantId, 0, { hrisId: 'hr-often', name: 'Otto Often', identityKey: 'otto@acme.example', action: 'unchanged' }), personRow(id, busyTenantId, 1, { ...jane, action: 'unchanged', changes: undefined })]);
    }
  });
  afterAll(() => stack.stop?.());
  return stack;
}

export const get = (path: string, token?: string) => stack.request('GET', path, undefined, token);

export async function download(path: string, token = stack.adminToken) {
  const response = await fetch(stack.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
}

export function expectInvalid(answer: { status: number; body: any }, ...paths: string[]) {
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('validation_failed');
  expect(answer.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(paths.sort());
}
