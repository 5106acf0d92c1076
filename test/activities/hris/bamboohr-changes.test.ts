// Incremental reads: only the people BambooHR says changed since a watermark on its own clock.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BAMBOOHR } from '../../../activities/hris/bamboohr/api';
import { isoSecond } from '../../../activities/hris/bamboohr/changes';
import { addDays } from '../../../activities/hris/dates';
import { bambooDataset, CUSTOM_FIELD, ID } from '../../fakes/bamboohr-datasets';
import { bambooConnector } from '../../fakes/bamboohr-harness';
import { startBambooHrFake, type BambooFake } from '../../fakes/bamboohr';
import { failure, readDirectory } from './read-directory';

const today = '2030-06-15';
const PAST_THE_OVERLAP = BAMBOOHR.watermarkOverlapMs + 60_000;

let fake: BambooFake;
beforeEach(async () => {
  fake = await startBambooHrFake({ dataset: bambooDataset({ today }) });
});
afterEach(() => fake.close());

const ids = (people: { hrisId: string }[]) => people.map((p) => p.hrisId).sort();
/** The watermark a read at the fake's present would give: BambooHR's clock less the overlap. */
const markNow = () => isoSecond(Date.parse(fake.now()) - BAMBOOHR.watermarkOverlapMs);

it('takes the watermark from BambooHR’s clock, less the overlap, not from Roster’s', async () => {
  fake.advance(3 * 3_600_000);
  expect(await bambooConnector(fake).changes.watermark()).toBe(markNow());
  expect(fake.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/employees/0', status: 200 })]);
});

it('returns only the people who changed, inserted or updated, with their current records; deleted ones are left out', async () => {
  const { changes } = bambooConnector(fake);
  const since = await changes.watermark();
  fake.change(ID.emailChange, { workEmail: 'eve.baker@acme.example' });
  fake.change(ID.managerChange, { supervisorEId: ID.engHead });
  const hired = fake.hire({ firstName: 'Nia', lastName: 'Newhire', workEmail: 'nia.newhire@acme.example', hireDate: addDays(today, 7) });
  fake.remove(ID.dupLower);

  const { employees, watermark } = await changes.readChangedSince({ today, since });
  expect(ids(employees)).toEqual([ID.emailChange, ID.managerChange, hired.id].sort());
  expect(employees.find((e) => e.hrisId === ID.emailChange)?.workEmail).toBe('eve.baker@acme.example');
  expect(employees.find((e) => e.hrisId === ID.managerChange)).toMatchObject({ managerHrisId: ID.engHead, managerEmail: 'hugo.head@acme.example' });
  expect(employees.find((e) => e.hrisId === hired.id)).toMatchObject({ status: 'onboarding', workEmail: 'nia.newhire@acme.example' });
  expect(watermark).toBe(markNow());
  expect(fake.calls('/employees/changed')[0]?.query.since).toBe(since);
  // Who changed, the company's fields, then each changed person still there by id: no report,
  // nothing for the deleted one.
  expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'GET /employees/0',
    'GET /employees/changed',
    'GET /meta/fields',
    `GET /employees/${ID.emailChange}`,
    `GET /employees/${ID.managerChange}`,
    `GET /employees/${hired.id}`,
  ]);
  expect(fake.calls(`/employees/${hired.id}`)[0]?.query.fields).toBe([...BAMBOOHR.fields, CUSTOM_FIELD.shirtSize, CUSTOM_FIELD.costCentre].join(','));
});

it('moves the watermark on with BambooHR’s clock, so each read returns only what changed since the one before', async () => {
  const { changes } = bambooConnector(fake);
  let since = await changes.watermark();
  const readAfterAWhile = async () => {
    fake.advance(PAST_THE_OVERLAP);
    const read = await changes.readChangedSince({ today, since });
    expect(read.watermark).toBe(markNow());
    expect(Date.parse(read.watermark)).toBeGreaterThan(Date.parse(since));
    since = read.watermark;
    return read;
  };
  expect((await readAfterAWhile()).employees).toEqual([]);
  fake.change(ID.active, { jobTitle: 'Senior Engineer' });
  expect(ids((await readAfterAWhile()).employees)).toEqual([ID.active]);
  fake.change(ID.preferred, { jobTitle: 'Director of Product' });
  const third = await readAfterAWhile();
  expect(third.employees).toEqual([expect.objectContaining({ hrisId: ID.preferred, position: 'Director of Product' })]);
});

it('reads a change stamped just before a watermark again, so a lagging save or clock is not missed', async () => {
  const { changes } = bambooConnector(fake);
  const since = await changes.watermark();
  fake.change(ID.active, { jobTitle: 'Staff Engineer' });
  const first = await changes.readChangedSince({ today, since });
  const again = await changes.readChangedSince({ today, since: first.watermark });
  expect(ids(again.employees)).toEqual([ID.active]);
});

it('never moves the watermark back', async () => {
  const { changes } = bambooConnector(fake);
  const ahead = fake.now();
  expect(await changes.readChangedSince({ today, since: ahead })).toEqual({ employees: [], watermark: ahead });
});

it('sees a change made while a full read was under way in the next incremental read', async () => {
  const { connector, changes } = bambooConnector(fake);
  const watermark = await changes.watermark();
  fake.during('/reports/custom', () => fake.change(ID.active, { department: 'Platform' }));
  const full = await readDirectory(connector, { today });
  expect(full.employees.find((e) => e.hrisId === ID.active)?.department).toBe('Engineering');

  const next = await changes.readChangedSince({ today, since: watermark });
  expect(next.employees).toEqual([expect.objectContaining({ hrisId: ID.active, department: 'Platform' })]);
});

it('reads many changed people with one report kept to them instead of one call each', async () => {
  const { changes } = bambooConnector(fake);
  const since = await changes.watermark();
  const changed = fake.employees.slice(0, BAMBOOHR.maxSingleReads + 1).map((e) => e.id);
  for (const id of changed) fake.change(id, { location: 'Brisbane' });
  const { employees } = await changes.readChangedSince({ today, since });
  expect(ids(employees)).toEqual([...changed].sort());
  expect(employees.every((e) => e.location === 'Brisbane')).toBe(true);
  expect(fake.requests.map((r) => r.path)).toEqual(['/employees/0', '/employees/changed', '/meta/fields', '/reports/custom']);
});

it('skips a person deleted between the list of changes and the read of their record', async () => {
  const { changes } = bambooConnector(fake);
  const since = await changes.watermark();
  fake.change(ID.active, { jobTitle: 'Lead' });
  fake.change(ID.preferred, { jobTitle: 'Lead' });
  fake.during('/employees/changed', () => fake.remove(ID.active));
  const { employees } = await changes.readChangedSince({ today, since });
  expect(ids(employees)).toEqual([ID.preferred]);
  expect(fake.calls(`/employees/${ID.active}`)[0]?.status).toBe(404);
});

it('completes through 429 and the legacy 503 with Retry-After', async () => {
  const { changes, waits } = bambooConnector(fake);
  const since = await changes.watermark();
  fake.change(ID.active, { jobTitle: 'Lead' });
  fake.faults.throttle = { status: 429, requests: 1, retryAfterSeconds: 4 };
  fake.during('/employees/changed', () => (fake.faults.throttle = { status: 503, requests: 1, retryAfterSeconds: 6 }));
  expect(ids((await changes.readChangedSince({ today, since })).employees)).toEqual([ID.active]);
  expect(waits).toEqual([4000, 6000]);
});

it('refuses a watermark it did not make', async () => {
  const error = await failure(bambooConnector(fake).changes.readChangedSince({ today, since: 'yesterday-ish' }));
  expect(error.code).toBe('invalid_request');
  expect(fake.requests).toEqual([]);
});
