// The demo directory's routes on the real API (auth included) over HTTP and Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../activities/hris/dates';
import { createToken } from '../../api/tokens';
import { insertTenant } from '../activities/hris/demo-tenant';
import { startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

let stack: TestStack;
let db: TestStack['db'];
beforeAll(async () => {
  stack = await startTestStack();
  db = stack.db;
});
afterAll(() => stack?.stop());

const call = (method: string, path: string, body?: unknown) => stack.request(method, path, body);

describe('demo people routes', () => {
  it('lists the seeded directory', async () => {
    const id = await insertTenant(db);
    const answer = await call('GET', `/api/tenants/${id}/demo/people`);
    expect(answer.status).toBe(200);
    expect(answer.body.people.length).toBeGreaterThan(250);
    expect(answer.body.people[0]).toMatchObject({ hrisId: 'demo-0001', status: 'active' });
  });

  it('hires, changes and terminates, as of the tenant’s own day', async () => {
    const timezone = 'Pacific/Kiritimati';
    const id = await insertTenant(db, { provider: 'demo' }, { schedule: { cron: '0 2 * * *', timezone } });
    const today = localDate(timezone);

    const hired = await call('POST', `/api/tenants/${id}/demo/people`, { firstName: 'Nina', lastName: 'Newhire', workEmail: 'nina@acme.example', startDate: addDays(today, 3), groups: [{ name: 'Team Aurora' }] });
    expect(hired.status).toBe(201);
    expect(hired.body).toMatchObject({ firstName: 'Nina', status: 'onboarding', groups: [{ name: 'Team Aurora' }] });
    const hrisId = hired.body.hrisId as string;

    const started = await call('POST', `/api/tenants/${id}/demo/people`, { hrisId: 'demo-today', firstName: 'Tia', lastName: 'Today' });
    expect(started.body).toMatchObject({ hrisId: 'demo-today', status: 'active', startDate: today });

    const changed = await call('PATCH', `/api/tenants/${id}/demo/people/${hrisId}`, { workEmail: 'nina.new@acme.example', groups: null, department: 'Sales' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ hrisId, workEmail: 'nina.new@acme.example', department: 'Sales' });
    expect(changed.body).not.toHaveProperty('groups');

    const ended = await call('POST', `/api/tenants/${id}/demo/people/demo-today/terminate`, {});
    expect(ended.body).toMatchObject({ status: 'terminated', endDate: today });
    const dated = await call('POST', `/api/tenants/${id}/demo/people/${hrisId}/terminate`, { endDate: addDays(today, 30) });
    expect(dated.body).toMatchObject({ status: 'terminated', endDate: addDays(today, 30) });

    const listed = (await call('GET', `/api/tenants/${id}/demo/people`)).body.people as { hrisId: string }[];
    expect(listed.filter((p) => [hrisId, 'demo-today'].includes(p.hrisId))).toHaveLength(2);
  });

  it('refuses bad bodies field by field', async () => {
    const id = await insertTenant(db);
    const hire = await call('POST', `/api/tenants/${id}/demo/people`, { lastName: 'Nofirst', workEmail: 'not-an-email', startDate: '2030-02-30', shoeSize: 44 });
    expect(hire.status).toBe(400);
    expect(hire.body.error.code).toBe('validation_failed');
    expect(hire.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['firstName', 'shoeSize', 'startDate', 'workEmail']);

    const change = await call('PATCH', `/api/tenants/${id}/demo/people/demo-0001`, { status: 'retired', hrisId: 'x' });
    expect(change.status).toBe(400);
    expect(change.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['hrisId', 'status']);

    const terminate = await call('POST', `/api/tenants/${id}/demo/people/demo-0001/terminate`, { endDate: 'tomorrow' });
    expect(terminate.body.error.details).toEqual([{ path: 'endDate', message: 'must be a date as YYYY-MM-DD' }]);

    expect((await call('POST', `/api/tenants/${id}/demo/people`, '{"firstName": ')).body.error.code).toBe('invalid_json');
  });

  it('answers 404 for an unknown person and 409 for a taken id', async () => {
    const id = await insertTenant(db);
    const missing = await call('PATCH', `/api/tenants/${id}/demo/people/nobody`, { firstName: 'Z' });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'person_not_found' } } });
    expect((await call('POST', `/api/tenants/${id}/demo/people/nobody/terminate`, {})).status).toBe(404);
    const taken = await call('POST', `/api/tenants/${id}/demo/people`, { hrisId: 'demo-0001', firstName: 'A', lastName: 'B' });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'person_exists' } } });
  });

  it('serves demo tenants only', async () => {
    const humaans = await insertTenant(db, { provider: 'humaans' });
    const refused = await call('GET', `/api/tenants/${humaans}/demo/people`);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'not_a_demo_tenant' } } });
    expect((await call('POST', `/api/tenants/${humaans}/demo/people`, { firstName: 'A', lastName: 'B' })).status).toBe(409);
    const unknown = await call('GET', '/api/tenants/no-such-tenant/demo/people');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'tenant_not_found' } } });
    expect(await db('demo_people').where({ tenant_id: humaans }).count({ n: '*' })).toEqual([{ n: '0' }]);
  });

  it('lets a viewer read the directory but not change it', async () => {
    const id = await insertTenant(db);
    const viewer = await createToken(db, `viewer-${uniqueTenantId()}`, 'viewer');
    expect((await stack.request('GET', `/api/tenants/${id}/demo/people`, undefined, viewer)).status).toBe(200);
    expect((await stack.request('POST', `/api/tenants/${id}/demo/people`, { firstName: 'A', lastName: 'B' }, viewer)).status).toBe(403);
  });
});
