// The BambooHR fake keeps the vendor's rules the connector is tested against (docs/CONNECTORS.md).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addDays } from '../../../activities/hris/dates';
import { bambooDataset, CUSTOM_FIELD, FILLER_COUNT, ID } from '../../fakes/bamboohr-datasets';
import { REASON_HEADER, startBambooHrFake, type BambooFake } from '../../fakes/bamboohr';

const today = '2030-06-15';

let fake: BambooFake;
beforeEach(async () => {
  fake = await startBambooHrFake({ dataset: bambooDataset({ today }) });
});
afterEach(() => fake.close());

const basic = (user: string, password = 'x') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${fake.url}${path}`, { headers: { authorization: basic(fake.apiKey), accept: 'application/json', ...headers } });
const report = (fields: string[], accept = 'application/json') =>
  fetch(`${fake.url}/reports/custom?format=JSON`, { method: 'POST', headers: { authorization: basic(fake.apiKey), accept, 'content-type': 'application/json' }, body: JSON.stringify({ title: 't', fields }) });

it('answers 404 without ?format unless Accept is exactly application/json', async () => {
  for (const accept of ['application/json, text/plain', '*/*', 'application/xml']) expect((await get('/employees/0', { accept })).status, accept).toBe(404);
  expect((await get('/employees/0')).status).toBe(200);
  expect((await report(['firstName'], 'text/html')).status).toBe(200);
});

it('takes the key as the Basic username, whatever the password', async () => {
  expect((await get('/employees/0', { authorization: basic(fake.apiKey, 'anything') })).status).toBe(200);
  const refused = await get('/employees/0', { authorization: basic('x', fake.apiKey) });
  expect(refused.status).toBe(401);
  expect(refused.headers.get(REASON_HEADER)).toBe('Invalid API key');
});

it('serves the report as strings or null, dropping unknown fields without a word', async () => {
  const body: any = await (await report(['firstName', 'favouriteColour', 'hireDate', 'supervisorId', 'terminationDate'])).json();
  expect(body.fields.map((f: { id: string }) => f.id)).toEqual(['firstName', 'hireDate', 'supervisorId', 'terminationDate']);
  expect(body.employees).toHaveLength(fake.employees.length);
  for (const employee of body.employees) {
    expect(Object.keys(employee)).toEqual(['id', 'firstName', 'hireDate', 'supervisorId', 'terminationDate']);
    expect(Object.values(employee).every((v) => v === null || typeof v === 'string')).toBe(true);
  }
  // The trap: supervisorId is the supervisor's employee number, which is another person's id.
  expect(body.employees.find((e: { id: string }) => e.id === ID.managerChange).supervisorId).toBe(ID.futureHire);
});

it('lists its fields, BambooHR’s with an alias and the company’s own without, and serves the own ones by id as strings', async () => {
  const listed: any[] = await (await get('/meta/fields')).json();
  expect(listed.find((f) => f.alias === 'firstName')).toMatchObject({ id: expect.any(Number), type: 'text' });
  expect(listed.filter((f) => f.alias === undefined).map((f) => String(f.id))).toEqual(Object.values(CUSTOM_FIELD));
  const body: any = await (await report(['firstName', CUSTOM_FIELD.shirtSize, CUSTOM_FIELD.costCentre])).json();
  expect(body.employees.find((e: { id: string }) => e.id === ID.active)).toEqual({ id: ID.active, firstName: 'Ana', [CUSTOM_FIELD.shirtSize]: 'M', [CUSTOM_FIELD.costCentre]: ' CC-100 ' });
  expect(body.employees.find((e: { id: string }) => e.id === ID.ceo)).toEqual({ id: ID.ceo, firstName: 'Olivia', [CUSTOM_FIELD.shirtSize]: null, [CUSTOM_FIELD.costCentre]: null });
});

it('serves both URL forms for its own company only, and dates answers on its own clock', async () => {
  const gateway = await fetch(`${fake.gatewayUrl}/employees/0`, { headers: { authorization: basic(fake.apiKey), accept: 'application/json' } });
  expect(gateway.status).toBe(200);
  expect(gateway.headers.get('date')).toBe(new Date(fake.now()).toUTCString());
  expect((await fetch(`${fake.gatewayUrl.replace('/acme/', '/globex/')}/employees/0`)).status).toBe(404);
  expect((await fake.fetch('https://acme.bamboohr.com/api/v1/employees/0', { headers: { authorization: basic(fake.apiKey), accept: 'application/json' } })).status).toBe(200);
  expect((await fake.fetch('https://globex.bamboohr.com/api/v1/employees/0', { headers: { authorization: basic(fake.apiKey), accept: 'application/json' } })).status).toBe(404);
});

it('lists changes at or after `since` as Inserted, Updated or Deleted, with the newest as `latest`', async () => {
  const since = fake.now();
  fake.change(ID.active, { jobTitle: 'Lead' });
  const hired = fake.hire({ firstName: 'Nia', lastName: 'Newhire' });
  fake.remove(ID.preferred);
  const body: any = await (await get(`/employees/changed?since=${encodeURIComponent(since)}`)).json();
  expect(body.employees).toEqual({
    [ID.active]: { id: ID.active, action: 'Updated', lastChanged: '2030-06-15T09:00:01+00:00' },
    [hired.id]: { id: hired.id, action: 'Inserted', lastChanged: '2030-06-15T09:00:02+00:00' },
    [ID.preferred]: { id: ID.preferred, action: 'Deleted', lastChanged: '2030-06-15T09:00:03+00:00' },
  });
  expect(body.latest).toBe('2030-06-15T09:00:03+00:00');
  const sinceTheHire: any = await (await get(`/employees/changed?since=${encodeURIComponent(hired.lastChanged)}`)).json();
  expect(Object.keys(sinceTheHire.employees).sort()).toEqual([hired.id, ID.preferred].sort());
  expect((await get('/employees/changed?since=soon')).status).toBe(400);
});

it('makes a terminated person inactive once the date has passed on its clock', () => {
  expect(fake.terminate(ID.active, addDays(today, -1), 'Let go')).toMatchObject({ status: 'Inactive', employmentHistoryStatus: 'Let go' });
  expect(fake.terminate(ID.preferred, addDays(today, 3))).toMatchObject({ status: 'Active', employmentHistoryStatus: 'Terminated', terminationDate: addDays(today, 3) });
});

it('throttles with 429 or the legacy 503 and Retry-After, and refuses with the reason header in either spelling', async () => {
  fake.faults.throttle = { status: 503, requests: 1, retryAfterSeconds: 7 };
  const throttled = await get('/employees/0');
  expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([503, '7']);
  fake.faults.refuse = { status: 403, reason: 'No access', header: 'X-BambooHR-Error-Message' };
  expect((await get('/employees/0')).headers.get('x-bamboohr-error-message')).toBe('No access');
  expect(fake.requests.map((r) => r.status)).toEqual([503, 403]);
});

it('keeps its datasets deterministic', () => {
  expect(bambooDataset({ today })).toEqual(bambooDataset({ today }));
  expect(fake.employees.filter((e) => e.firstName === 'Filler')).toHaveLength(FILLER_COUNT);
  expect(fake.employees.every((e) => Date.parse(e.lastChanged) < Date.parse(fake.now()))).toBe(true);
});
