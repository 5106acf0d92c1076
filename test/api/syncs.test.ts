// The read side of sync runs over HTTP on the real stack: runs and items are inserted as the
// run's activities write them, and every route is read back through the API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupPlanItem, PlanItem } from '../../activities/sync/core';
import { createToken } from '../../api/tokens';
import { errorsCsvHeader, itemsCsvHeader } from '../../common/sync-files';
import { demoTenant } from '../support/fixtures';
import { startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

let stack: TestStack;
let tenantId: string;
let busyTenantId: string;
let viewer: string;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
// Run ids are UUIDs, as the tenant workflow makes them: one per tenant and name.
const runIds = new Map<string, string>();
const runId = (tenant: string, name: string) => {
  const key = `${tenant}/${name}`;
  if (!runIds.has(key)) runIds.set(key, randomUUID());
  return runIds.get(key)!;
};
const ids = {
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

const jane: PlanItem = {
  hrisId: 'hr-jane',
  accountId: 'acc-jane',
  identityKey: 'jane.smith@acme.example',
  name: 'Jane Smith',
  action: 'update',
  changes: { attributes: { title: { from: 'Engineer', to: 'Senior Engineer' } } },
};
const quotedName = 'Jane "JJ" Doe, Jr.\nNight shift';
const formulaName = '=HYPERLINK("http://evil.example","click")';
const newhire: PlanItem = {
  hrisId: 'hr-new',
  identityKey: 'nina@acme.example',
  name: 'Nina Newhire',
  action: 'create',
  fields: { userName: 'nina@acme.example', externalId: 'hr-new', active: true, givenName: 'Nina', familyName: 'Newhire', email: 'nina@acme.example', attributes: { title: 'Analyst' } },
  link: 'new',
  managerHrisId: 'hr-jane',
  warnings: [{ code: 'manager_not_found', message: 'Their manager hr-ghost is not in the directory.' }],
};
const fillers = Array.from({ length: 30 }, (_, i): PlanItem => {
  const n = String(i + 1).padStart(3, '0');
  return { hrisId: `hr-f${n}`, accountId: `acc-f${n}`, identityKey: `filler${n}@acme.example`, name: `Filler ${n}`, action: 'unchanged' };
});

/** The applied run's person items, in seq order, with what each should look like. */
function appliedItems(run: string): { row: ReturnType<typeof personRow>; item: PlanItem }[] {
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

const engineering: GroupPlanItem = { action: 'create', externalId: 'department:engineering', displayName: 'Engineering', add: [{ hrisId: 'hr-new' }, { hrisId: 'hr-jane', accountId: 'acc-jane' }], remove: [], link: 'new' };
const counts = { created: 0, updated: 0, deactivated: 0, reactivated: 0, unchanged: 0, skipped: 0, excluded: 0, failed: 0, groupsCreated: 0, groupsUpdated: 0, groupsRemoved: 0 };

beforeAll(async () => {
  stack = await startTestStack();

  const tenant = demoTenant();
  const busy = demoTenant();
  expect((await stack.request('POST', '/api/tenants', tenant)).status).toBe(201);
  expect((await stack.request('POST', '/api/tenants', busy)).status).toBe(201);
  tenantId = tenant.id;
  busyTenantId = busy.id;
  viewer = await createToken(stack.db, `viewer-${uniqueTenantId()}`, 'viewer');

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
afterAll(() => stack?.stop());

const get = (path: string, token?: string) => stack.request('GET', path, undefined, token);

async function download(path: string, token = stack.adminToken) {
  const response = await fetch(stack.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
}

/** RFC 4180, enough for the files under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\r')) cell += c;
    else {
      row.push(cell);
      cell = '';
      // A record ends at CRLF.
      if (c === '\r') {
        rows.push(row);
        row = [];
        i++;
      }
    }
  }
  return rows;
}

async function allPages(path: string) {
  const seen: any[] = [];
  let cursor = '';
  let pages = 0;
  do {
    const answer = await get(`${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`);
    expect(answer.status).toBe(200);
    seen.push(...answer.body.items);
    cursor = answer.body.nextCursor ?? '';
    pages += 1;
  } while (cursor);
  return { items: seen, pages };
}

function expectInvalid(answer: { status: number; body: any }, ...paths: string[]) {
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('validation_failed');
  expect(answer.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(paths.sort());
}

describe('GET /api/tenants/:id/syncs', () => {
  it('lists the tenant’s runs newest first, every count key filled', async () => {
    const answer = await get(`/api/tenants/${tenantId}/syncs`);
    expect(answer.status).toBe(200);
    expect(answer.body.syncs.map((s: { id: string }) => s.id)).toEqual([ids.held(), ids.failed(), ids.dry(), ids.apply(), ids.big()]);
    expect(answer.body.syncs[4]).toMatchObject({ counts, planned: counts });
  });

  it('takes a limit from 1 to 200, 50 by default', async () => {
    expect((await get(`/api/tenants/${busyTenantId}/syncs`)).body.syncs).toHaveLength(23);
    const five = await get(`/api/tenants/${busyTenantId}/syncs?limit=5`);
    expect(five.body.syncs.map((s: { id: string }) => s.id)).toEqual(['r22', 'r21', 'r20', 'r19', 'r18'].map((r) => runId(busyTenantId, r)));
    expect((await get(`/api/tenants/${busyTenantId}/syncs?limit=200`)).status).toBe(200);
    expect((await get(`/api/tenants/${busyTenantId}/syncs?limit=`)).body.syncs).toHaveLength(23);
    for (const bad of ['0', '201', 'ten', '2.5', '5&limit=6']) expectInvalid(await get(`/api/tenants/${busyTenantId}/syncs?limit=${bad}`), 'limit');
  });

  it('answers 404 tenant_not_found for an unknown tenant', async () => {
    for (const id of [uniqueTenantId(), 'Not_A_Tenant', '%00']) {
      const answer = await get(`/api/tenants/${id}/syncs`);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('tenant_not_found');
    }
  });
});

describe('GET /api/syncs/:syncId', () => {
  it('shows a finished run with its counts zero-filled, its warnings and who asked', async () => {
    const answer = await get(`/api/syncs/${ids.apply()}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: ids.apply(),
      tenantId,
      trigger: 'schedule',
      mode: 'apply',
      read: 'full',
      status: 'warning',
      phase: 'done',
      progress: { done: 41, total: 41 },
      counts: { ...counts, created: 1, updated: 1, deactivated: 1, reactivated: 1, unchanged: 31, skipped: 1, excluded: 1, failed: 2, groupsCreated: 1 },
      planned: { ...counts, created: 1, updated: 2, deactivated: 2, reactivated: 1, unchanged: 31, skipped: 1, excluded: 1, groupsCreated: 1 },
      requestedBy: 'system',
      startedAt: expect.stringMatching(/Z$/),
      finishedAt: expect.stringMatching(/Z$/),
      warnings: [{ code: 'attribute_not_supported', attribute: 'custom.startDate', message: 'The platform has no custom.startDate.' }],
    });
    expect(Date.parse(answer.body.finishedAt)).toBeGreaterThan(Date.parse(answer.body.startedAt));
  });

  it('gives a dry run the counts it planned', async () => {
    const { body } = await get(`/api/syncs/${ids.dry()}`);
    expect(body).toMatchObject({ trigger: 'test', mode: 'dry_run', requestedBy: 'support-anna' });
    expect(body.counts).toEqual({ ...counts, created: 3, excluded: 2 });
    expect(body.planned).toEqual(body.counts);
  });

  it('shows a held run’s hold and a failed run’s error, and no finish while a run is open', async () => {
    const held = (await get(`/api/syncs/${ids.held()}`)).body;
    expect(held).toMatchObject({ status: 'awaiting_approval', phase: 'awaiting_approval', hold: { reason: 'deactivations over the limit', deactivations: 30, limit: 25 }, counts });
    expect(held).not.toHaveProperty('finishedAt');
    expect(held).not.toHaveProperty('error');
    const failed = (await get(`/api/syncs/${ids.failed()}`)).body;
    expect(failed).toMatchObject({ status: 'error', error: { code: 'empty_directory', message: 'The HRIS returned nobody; nothing was applied.' } });
    expect(failed).not.toHaveProperty('hold');
  });

  it('answers 404 sync_not_found for an unknown run, on every route', async () => {
    for (const suffix of ['', '/items', '/items.csv', '/errors.csv']) {
      for (const id of [randomUUID(), 'no-such-run', '%00']) {
        const answer = await get(`/api/syncs/${id}${suffix}`);
        expect(answer.status).toBe(404);
        expect(answer.body.error.code).toBe('sync_not_found');
      }
    }
  });
});

describe('GET /api/syncs/:syncId/items', () => {
  const items = (query = '') => get(`/api/syncs/${ids.apply()}/items${query}`);
  const hrisIds = (answer: { body: { items: { hrisId: string }[] } }) => answer.body.items.map((i) => i.hrisId);

  it('lists the person items in seq order, with their outcome', async () => {
    const answer = await items();
    expect(answer.status).toBe(200);
    expect(answer.body.nextCursor).toBeNull();
    expect(hrisIds(answer)).toEqual(appliedItems(ids.apply()).map((a) => a.item.hrisId));
    const byId = new Map(answer.body.items.map((i: { hrisId: string }) => [i.hrisId, i]));
    expect(byId.get('hr-jane')).toEqual({ hrisId: 'hr-jane', name: 'Jane Smith', identityKey: 'jane.smith@acme.example', kind: 'account', action: 'update', changes: jane.changes, result: 'done' });
    expect(byId.get('hr-nokey')).toEqual({ hrisId: 'hr-nokey', name: quotedName, identityKey: null, kind: 'account', action: 'skip', changes: null, result: 'done', reasonCode: 'missing_identity_key', reason: 'They have no work e-mail, the identity key.' });
    expect(byId.get('hr_formula')).toMatchObject({ result: 'failed', reasonCode: 'invalid_value', reason: 'The platform refused the display name.' });
    // A failed item keeps the reason it was planned for.
    expect(byId.get('hr-gone')).toMatchObject({ result: 'failed', reasonCode: 'missing_from_directory', reason: 'No longer in the directory.' });
    expect(byId.get('hr-new')).toMatchObject({ action: 'create', changes: null, fields: newhire.fields, warnings: newhire.warnings });
    expect(byId.get('hr-back')).toMatchObject({ name: '李小龙', changes: { active: { from: false, to: true } } });
  });

  it('filters by action, and shows the manager pass and groups by kind', async () => {
    expect(hrisIds(await items('?action=deactivate'))).toEqual(['hr-left', 'hr-gone']);
    expect(hrisIds(await items('?action=skip'))).toEqual(['hr-nokey']);
    expect((await items('?action=unchanged')).body.items).toHaveLength(31);
    expect((await items('?kind=manager')).body.items).toEqual([expect.objectContaining({ hrisId: 'hr-new', kind: 'manager', action: 'update', changes: { managerHrisId: 'hr-jane' } })]);
    const groups = await items('?kind=group&action=create');
    expect(groups.body.items).toEqual([{ hrisId: null, name: 'Engineering', identityKey: 'department:engineering', kind: 'group', action: 'create', changes: { add: engineering.add, remove: [] }, result: 'done' }]);
    expect((await items('?kind=group&action=delete')).body.items).toEqual([]);
  });

  it('searches name, identity key and HRIS id case-insensitively, wildcards taken literally', async () => {
    expect(hrisIds(await items('?q=jane'))).toEqual(['hr-jane', 'hr-nokey']);
    expect(hrisIds(await items('?q=mary.MAJOR'))).toEqual(['hr-same']);
    expect(hrisIds(await items('?q=HR-BAC'))).toEqual(['hr-back']);
    expect(hrisIds(await items(`?q=${encodeURIComponent('李小')}`))).toEqual(['hr-back']);
    expect(hrisIds(await items(`?q=${encodeURIComponent('ÅNGSTRÖM')}`))).toEqual(['hr-left']);
    expect(hrisIds(await items('?q=_'))).toEqual(['hr_formula']);
    expect(hrisIds(await items('?q=%25'))).toEqual([]);
    expect(hrisIds(await items('?q=filler&action=unchanged&limit=3'))).toEqual(['hr-f001', 'hr-f002', 'hr-f003']);
    expect(hrisIds(await items('?q=jane&action=skip'))).toEqual(['hr-nokey']);
  });

  it('pages with an opaque cursor, with no duplicates or gaps', async () => {
    const all = hrisIds(await items('?limit=500'));
    const paged = await allPages(`/api/syncs/${ids.apply()}/items?limit=7`);
    expect(paged.pages).toBe(6);
    expect(paged.items.map((i) => i.hrisId)).toEqual(all);

    const first = await items('?limit=7');
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const filtered = await allPages(`/api/syncs/${ids.apply()}/items?action=unchanged&q=filler&limit=4`);
    expect(filtered.items.map((i) => i.hrisId)).toEqual(fillers.map((f) => f.hrisId));
    expect(filtered.pages).toBe(8);

    const big = await allPages(`/api/syncs/${ids.big()}/items?limit=500`);
    expect(big.pages).toBe(9);
    expect(new Set(big.items.map((i) => i.hrisId)).size).toBe(4500);
    expect(big.items.at(-1).hrisId).toBe('big-04499');
  });

  it('answers 400 naming each bad parameter', async () => {
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const bad: [string, ...string[]][] = [
      ['?action=bogus', 'action'],
      ['?action=empty', 'action'],
      ['?kind=group&action=skip', 'action'],
      ['?kind=person', 'kind'],
      ['?action=create&action=update', 'action'],
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=lots', 'limit'],
      ['?cursor=!!!', 'cursor'],
      ['?cursor=bm90LWpzb24', 'cursor'],
      [`?cursor=${cursorOf({ after: -5 })}`, 'cursor'],
      [`?cursor=${cursorOf({ after: 2 ** 40 })}`, 'cursor'],
      [`?cursor=${cursorOf({ after: '3' })}`, 'cursor'],
      ['?q=%00', 'q'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      ['?action=bogus&limit=0&cursor=zz', 'action', 'limit', 'cursor'],
    ];
    for (const [query, ...paths] of bad) expectInvalid(await items(query), ...paths);
    const message = (await items('?action=bogus')).body.error.details[0].message;
    expect(message).toBe('must be one of: create, update, deactivate, reactivate, unchanged, skip, exclude');
  });
});

describe('the CSV files', () => {
  it('items.csv: every item of the run in seq order, quoted and safe to open in a spreadsheet', async () => {
    const file = await download(`/api/syncs/${ids.apply()}/items.csv`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe(`attachment; filename="${ids.apply()}-items.csv"`);
    const [header, ...rows] = parseCsv(file.text);
    expect(header).toEqual(itemsCsvHeader);
    const applied = appliedItems(ids.apply());
    expect(rows.map((r) => r[0])).toEqual([...applied.map((a) => a.item.hrisId), 'hr-new', '']);
    expect(rows.map((r) => r[3])).toEqual([...applied.map(() => 'account'), 'manager', 'group']);
    const row = (hrisId: string) => rows.find((r) => r[0] === hrisId)!;
    expect(row('hr-nokey')[2]).toBe(quotedName);
    expect(file.text).toContain('"Jane ""JJ"" Doe, Jr.\nNight shift"');
    expect(row('hr_formula')[2]).toBe(`'${formulaName}`);
    expect(row('hr_formula')[6]).toBe('failed: invalid_value');
    expect(row('hr-back')[2]).toBe('李小龙');
    expect(JSON.parse(row('hr-jane')[5]!)).toEqual(jane.changes);
    expect(row('hr-new')[9]).toBe('manager_not_found');
  });

  it('errors.csv: only the skipped and failed records, with the reason for each', async () => {
    const file = await download(`/api/syncs/${ids.apply()}/errors.csv`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe(`attachment; filename="${ids.apply()}-errors.csv"`);
    expect(parseCsv(file.text)).toEqual([
      errorsCsvHeader,
      ['hr-nokey', '', quotedName, 'skip', 'skipped', 'missing_identity_key', 'They have no work e-mail, the identity key.', ''],
      ['hr_formula', 'formula@acme.example', `'${formulaName}`, 'update', 'failed', 'invalid_value', 'The platform refused the display name.', ''],
      ['hr-gone', 'gone@acme.example', 'Gone Person', 'deactivate', 'failed', 'not_found', 'The account no longer exists.', ''],
    ]);
  });

  it('gives a dry run both files, and a run without items just the header', async () => {
    const errors = parseCsv((await download(`/api/syncs/${ids.dry()}/errors.csv`)).text);
    expect(errors.map((r) => r[0])).toEqual(['hrisId', 'hr-dup']);
    expect(parseCsv((await download(`/api/syncs/${ids.dry()}/items.csv`)).text)).toHaveLength(3);
    expect((await download(`/api/syncs/${ids.failed()}/items.csv`)).text).toBe(`${itemsCsvHeader.join(',')}\r\n`);
  });

  it('streams a large run across pages, complete and in order', async () => {
    const items = parseCsv((await download(`/api/syncs/${ids.big()}/items.csv`)).text);
    expect(items).toHaveLength(4501);
    expect(items.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 4500 }, (_, seq) => `big-${String(seq).padStart(5, '0')}`));
    const errors = parseCsv((await download(`/api/syncs/${ids.big()}/errors.csv`)).text);
    expect(errors.slice(1).map((r) => [r[0], r[4]])).toEqual([
      ['big-02500', 'skipped'],
      ['big-04499', 'failed'],
    ]);
  });
});

describe('GET /api/tenants/:id/people/:hrisId', () => {
  const person = (hrisId: string, tenant = tenantId) => get(`/api/tenants/${tenant}/people/${encodeURIComponent(hrisId)}`);

  it('shows the person’s link and their items across runs, newest first', async () => {
    const answer = await person('hr-jane');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      tenantId,
      hrisId: 'hr-jane',
      link: { accountId: 'acc-jane', linkedAt: expect.stringMatching(/Z$/) },
      items: [
        { syncId: ids.held(), trigger: 'schedule', mode: 'apply', startedAt: expect.any(String), status: 'awaiting_approval', kind: 'account', action: 'deactivate', changes: { active: { from: true, to: false } }, result: 'pending', reasonCode: 'terminated', reason: 'Their status is terminated.' },
        { syncId: ids.dry(), trigger: 'test', mode: 'dry_run', startedAt: expect.any(String), status: 'success', kind: 'account', action: 'update', changes: jane.changes, result: 'done' },
        { syncId: ids.apply(), trigger: 'schedule', mode: 'apply', startedAt: expect.any(String), status: 'warning', kind: 'account', action: 'update', changes: jane.changes, result: 'done' },
      ],
    });
    const link = await stack.db('account_links').where({ tenant_id: tenantId, hris_id: 'hr-jane' }).first();
    expect(answer.body.link.linkedAt).toBe(link.updated_at.toISOString());
  });

  it('answers with the failure and both passes of a run', async () => {
    expect((await person('hr-gone')).body.items).toEqual([expect.objectContaining({ syncId: ids.apply(), result: 'failed', reasonCode: 'missing_from_directory' })]);
    expect((await person('hr_formula')).body.items[0]).toMatchObject({ result: 'failed', reasonCode: 'invalid_value' });
    expect((await person('hr-new')).body.items.map((i: { kind: string }) => i.kind)).toEqual(['account', 'manager']);
  });

  it('looks through the tenant’s 20 latest runs with an item for the person, and no other tenant’s', async () => {
    const { body } = await person('hr-often', busyTenantId);
    expect(body.link).toBeNull();
    expect(body.items.map((i: { syncId: string }) => i.syncId)).toEqual(Array.from({ length: 20 }, (_, i) => runId(busyTenantId, `r${String(21 - i).padStart(2, '0')}`)));
    expect((await person('hr-jane', busyTenantId)).body.items).toHaveLength(20);
    expect((await person('hr-often')).body).toEqual({ tenantId, hrisId: 'hr-often', link: null, items: [] });
  });

  it('answers 404 for an unknown tenant and for an id no person can have', async () => {
    const unknown = await person('hr-jane', uniqueTenantId());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('tenant_not_found');
    expect((await person('\0')).body.error.code).toBe('person_not_found');
  });
});

describe('who may read', () => {
  it('lets a viewer token read every route, and nobody without a token', async () => {
    const paths = [`/api/tenants/${tenantId}/syncs`, `/api/syncs/${ids.apply()}`, `/api/syncs/${ids.apply()}/items`, `/api/tenants/${tenantId}/people/hr-jane`];
    for (const path of paths) {
      expect((await get(path, viewer)).status).toBe(200);
      expect((await stack.request('GET', path, undefined, null)).status).toBe(401);
    }
    for (const file of ['items.csv', 'errors.csv']) expect((await download(`/api/syncs/${ids.apply()}/${file}`, viewer)).status).toBe(200);
  });
});
