// Bad input at the edge (issue 12) on the real stack: control characters, over-long strings,
// over-large lists and malformed path parameters answer a 4xx that names what is wrong, never a
// 5xx, and never reach Postgres or a workflow, so the tenant carries on afterwards.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createKeyring, SecretStore } from '../../common/secrets';
import { isConsoleRouter } from '../../console/app';
import { csvTenant, uploadFile } from '../support/csv-upload';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { encryptionKey, startTestStack, type ApiAnswer, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
const long = (length: number) => 'x'.repeat(length);

async function createTenant(): Promise<string> {
  const body = demoTenant();
  const created = await stack.request('POST', '/api/tenants', body);
  expect(created.status, created.text).toBe(201);
  return body.id;
}

/** A 400 validation_failed whose details name `path` (and nothing but bad fields). */
function expectRefused(answer: ApiAnswer, path: string) {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.error.code).toBe('validation_failed');
  expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
}

describe('reasons and notes', () => {
  const tenantRoutes: [string, string, 'reason' | 'note'][] = [
    ['POST', 'kickoff/complete', 'reason'],
    ['POST', 'test/approve', 'note'],
    ['POST', 'pause', 'reason'],
    ['POST', 'resume', 'reason'],
    ['DELETE', 'credentials', 'reason'],
    ['DELETE', '', 'reason'],
  ];
  const runRoutes = ['cancel', 'approve', 'reject'];

  it('refuses control characters and over-long text on every route, and the tenant carries on', async () => {
    const id = await createTenant();
    expect((await stack.request('PUT', `/api/tenants/${id}/config`, config)).status).toBe(200);
    for (const bad of ['kick-off\0call', 'bell\u0007', 'delete\u007f', long(1001)]) {
      for (const [method, route, field] of tenantRoutes) expectRefused(await stack.request(method, `/api/tenants/${id}${route && `/${route}`}`, { [field]: bad }), field);
      // The body is checked before the run is looked up: any well-formed run id will do.
      for (const route of runRoutes) {
        for (const field of ['reason', 'note']) expectRefused(await stack.request('POST', `/api/syncs/${randomUUID()}/${route}`, { [field]: bad }), field);
      }
    }
    // Tab and line breaks are fine in free text.
    const reason = 'kick-off call\n\twith Acme HR\r\n';
    const kickedOff = await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, { reason });
    expect(kickedOff.status, kickedOff.text).toBe(200);
    expect(kickedOff.body.stage).toBe('authorization');
    expect(kickedOff.body.history.at(-1)).toMatchObject({ action: 'kickoff_completed', reason });
  });
});

describe('POST /api/tenants', () => {
  it('refuses control characters and over-long strings in every field, and the id stays free', async () => {
    const body = demoTenant();
    const scim = { kind: 'scim', baseUrl: 'http://127.0.0.1:9/scim/v2', token: 'secret' };
    const cases: [string, object, string][] = [
      ['NUL in the name', { name: 'Acme\0' }, 'name'],
      ['a line break in the name', { name: 'Acme\nPty' }, 'name'],
      ['an over-long name', { name: long(201) }, 'name'],
      ['NUL in the HRIS admin e-mail', { contacts: { hrisAdminEmail: 'hr\0@acme.example' } }, 'contacts.hrisAdminEmail'],
      ['NUL in the support e-mail', { contacts: { supportEmail: 'support@acme.example\0' } }, 'contacts.supportEmail'],
      ['an over-long e-mail', { contacts: { supportEmail: `${long(320)}@acme.example` } }, 'contacts.supportEmail'],
      ['NUL in the id', { id: `${body.id}\0` }, 'id'],
      ['NUL in a URL', { hris: { provider: 'humaans', baseUrl: 'http://127.0.0.1:9/api\0' } }, 'hris.baseUrl'],
      ['NUL in the platform token', { platform: { ...scim, token: 'sec\0ret' } }, 'platform.token'],
      ['an over-long platform token', { platform: { ...scim, token: long(4097) } }, 'platform.token'],
      ['NUL in the custom schema', { platform: { ...scim, customSchema: 'urn:acme:\0' } }, 'platform.customSchema'],
      ['a lone surrogate in the name', { name: 'Acme \ud800' }, 'name'],
    ];
    for (const [what, change, path] of cases) {
      const answer = await stack.request('POST', '/api/tenants', { ...body, ...change });
      expect(answer.status, what).toBe(400);
      expectRefused(answer, path);
    }
    expect(await stack.db('tenants').where({ id: body.id })).toEqual([]);
    expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  });
});

describe('PUT /api/tenants/:id/config', () => {
  const many = <T>(count: number, make: (n: number) => T) => Array.from({ length: count }, (_, n) => make(n));
  const cases: [string, object, string][] = [
    ['NUL in an exclusion value', { include: { statuses: ['active'], exclude: [{ field: 'department', equals: 'Sales\0' }] } }, 'include.exclude.0.equals'],
    ['NUL in a value of "in"', { include: { statuses: ['active'], exclude: [{ field: 'department', in: ['ok', '\0'] }] } }, 'include.exclude.0.in.1'],
    ['a tab in an exclusion field', { include: { statuses: ['active'], exclude: [{ field: 'department\t', equals: 'Sales' }] } }, 'include.exclude.0.field'],
    ['NUL in a mapped field', { fieldMappings: { title: 'position\0' } }, 'fieldMappings.title'],
    ['NUL in a custom attribute name', { fieldMappings: { 'custom.a\0': 'position' } }, 'fieldMappings.custom.a\0'],
    ['NUL in the cron', { schedule: { cron: '0 2 * * *\0', timezone: 'UTC' } }, 'schedule.cron'],
    ['NUL in the timezone', { schedule: { cron: '0 2 * * *', timezone: 'UTC\0' } }, 'schedule.timezone'],
    ['NUL in an address', { notifications: { errorsTo: ['it@acme.example\0'] } }, 'notifications.errorsTo.0'],
    ['an over-long exclusion value', { include: { statuses: ['active'], exclude: [{ field: 'department', equals: long(1001) }] } }, 'include.exclude.0.equals'],
    ['an over-long custom field name', { fieldMappings: { title: `custom.${long(200)}` } }, 'fieldMappings.title'],
    ['too many exclusion rules', { include: { statuses: ['active'], exclude: many(101, (n) => ({ field: 'department', equals: `d${n}` })) } }, 'include.exclude'],
    ['too many values in "in"', { include: { statuses: ['active'], exclude: [{ field: 'department', in: many(101, (n) => `d${n}`) }] } }, 'include.exclude.0.in'],
    ['too many conditions in "all"', { include: { statuses: ['active'], exclude: [{ all: many(101, (n) => ({ field: 'department', equals: `d${n}` })) }] } }, 'include.exclude.0.all'],
    ['too many mappings', { fieldMappings: Object.fromEntries(many(101, (n) => [`custom.a${n}`, 'position'])) }, 'fieldMappings'],
    ['too many addresses', { notifications: { errorsTo: many(51, (n) => `it${n}@acme.example`) } }, 'notifications.errorsTo'],
    ['too many statuses', { include: { statuses: many(5, () => 'active') } }, 'include.statuses'],
  ];

  it('refuses control characters, over-long strings and over-large lists, and takes a good config afterwards', async () => {
    const id = await createTenant();
    for (const [what, change, path] of cases) {
      const answer = await stack.request('PUT', `/api/tenants/${id}/config`, { ...config, ...change });
      expect(answer.status, what).toBe(400);
      expectRefused(answer, path);
    }
    expect((await stack.request('GET', `/api/tenants/${id}`)).body.config).toBeNull();
    expect((await stack.request('PUT', `/api/tenants/${id}/config`, config)).status).toBe(200);
  });
});

describe('the demo directory', () => {
  it('refuses control characters and over-large lists in a hire or a change', async () => {
    const id = await createTenant();
    const people = `/api/tenants/${id}/demo/people`;
    const hire = { firstName: 'Nina', lastName: 'Newhire' };
    const hires: [object, string][] = [
      [{ firstName: 'Ni\0na' }, 'firstName'],
      [{ department: 'Sales\n' }, 'department'],
      [{ tags: ['a\0'] }, 'tags.0'],
      [{ groups: [{ name: '\0' }] }, 'groups.0.name'],
      [{ custom: { shirt: 'L\0' } }, 'custom.shirt'],
      [{ custom: { 'shirt\0': 'L' } }, 'custom.shirt\0'],
      [{ tags: Array.from({ length: 51 }, (_, n) => `t${n}`) }, 'tags'],
      [{ custom: Object.fromEntries(Array.from({ length: 51 }, (_, n) => [`c${n}`, 'v'])) }, 'custom'],
      [{ lastName: long(201) }, 'lastName'],
    ];
    for (const [change, path] of hires) expectRefused(await stack.request('POST', people, { ...hire, ...change }), path);
    const hired = await stack.request('POST', people, { ...hire, custom: { notes: 'two\nlines' } });
    expect(hired.status, hired.text).toBe(201);
    expectRefused(await stack.request('PATCH', `${people}/${hired.body.hrisId}`, { department: 'Sa\0les' }), 'department');
    expect((await stack.request('PATCH', `${people}/${hired.body.hrisId}`, { department: 'Sales' })).body.department).toBe('Sales');
  });
});

describe('PUT /api/tenants/:id/files/:kind', () => {
  it('refuses a file with a NUL character whole', async () => {
    const body = csvTenant();
    expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
    const answer = await uploadFile(stack, body.id, 'users', 'id,email,firstName,lastName\nu1,ada@acme.example,Ada\0,Lovelace\n');
    expect(answer.status, answer.text).toBe(400);
    expect(answer.body.error.code).toBe('invalid_csv');
    expect(await stack.db('csv_files').where({ tenant_id: body.id })).toEqual([]);
  });
});

describe('path parameters', () => {
  /** Every route of the app, as Express 5 keeps them: [method, path pattern]. */
  function appRoutes(): [string, string][] {
    const { app } = createApp({ db: stack.db, client: stack.client, secrets: new SecretStore(stack.db, createKeyring(encryptionKey)), taskQueue: stack.taskQueue, allowPrivateUrls: true, minScheduleMinutes: 15 });
    type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
    const walk = (layers: Layer[]): [string, string][] =>
      // The console's pages answer people with pages, not the API's contract (test/console checks them).
      layers
        .filter((layer) => !isConsoleRouter(layer.handle))
        .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method): [string, string] => [method.toUpperCase(), layer.route!.path]) : walk(layer.handle?.stack ?? [])));
    return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  }

  it('answers a 4xx, never a 5xx, for NUL in any path parameter of any route', async () => {
    const id = await createTenant();
    const good: Record<string, string> = { id, syncId: randomUUID(), hrisId: 'demo-0001', kind: 'users', linkToken: 'x'.repeat(43) };
    const routes = appRoutes();
    const withParams = routes.filter(([, path]) => path.includes('/:'));
    expect(withParams.length).toBeGreaterThan(20);
    for (const [method, pattern] of withParams) {
      const params = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      for (const param of params) {
        for (const bad of ['%00', 'a%00b', encodeURIComponent(long(300))]) {
          const path = pattern.replace(/:(\w+)/g, (_, name: string) => (name === param ? bad : good[name] ?? 'x'));
          const answer = await stack.request(method, path, method === 'GET' ? undefined : {});
          expect(answer.status, `${method} ${path}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(answer.status, `${method} ${path}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
        }
      }
    }
  });

  it('answers 404 with what was not found for an id that cannot exist', async () => {
    const id = await createTenant();
    const cases: [string, string, string][] = [
      ['GET', '/api/tenants/%00', 'tenant_not_found'],
      ['PUT', '/api/tenants/a%00b/config', 'tenant_not_found'],
      ['POST', '/api/tenants/a%00b/kickoff/complete', 'tenant_not_found'],
      ['POST', '/api/tenants/a%00b/credentials', 'tenant_not_found'],
      ['PUT', '/api/tenants/a%00b/files/users', 'tenant_not_found'],
      ['POST', '/api/tenants/a%00b/authorization-links', 'tenant_not_found'],
      ['GET', '/api/tenants/a%00b/people/p1', 'tenant_not_found'],
      ['DELETE', '/api/tenants/Not_A_Tenant', 'tenant_not_found'],
      ['GET', `/api/tenants/${id}/people/%00`, 'person_not_found'],
      ['PATCH', `/api/tenants/${id}/demo/people/a%00b`, 'person_not_found'],
      ['GET', '/api/syncs/%00', 'sync_not_found'],
      ['POST', '/api/syncs/not-a-uuid/approve', 'sync_not_found'],
      ['POST', '/api/authorize/a%00b', 'link_not_found'],
    ];
    for (const [method, path, code] of cases) {
      const answer = await stack.request(method, path, method === 'GET' ? undefined : {});
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code, `${method} ${path}`).toBe(code);
    }
  });
});

describe('media types', () => {
  const sendAs = (method: string, path: string, body: string, contentType: string) =>
    fetch(`${stack.url}${path}`, { method, headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': contentType }, body });

  it('answers 415 for a JSON body sent as another media type, and takes nothing of it', async () => {
    const tenant = demoTenant();
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await sendAs('POST', '/api/tenants', JSON.stringify(tenant), contentType);
      expect(answer.status, contentType).toBe(415);
      expect((await answer.json()).error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('application/json') });
    }
    expect((await stack.request('GET', `/api/tenants/${tenant.id}`)).status).toBe(404);
    // The same body as JSON is taken.
    expect((await stack.request('POST', '/api/tenants', tenant)).status).toBe(201);

    const config = await sendAs('PUT', `/api/tenants/${tenant.id}/config`, JSON.stringify(kickoffConfig), 'text/plain');
    expect(config.status).toBe(415);
    expect((await stack.request('GET', `/api/tenants/${tenant.id}`)).body.config).toBeNull();
  });
});
