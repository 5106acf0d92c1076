// Every tricky BambooHR record, read over real HTTP from the fake and normalised.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../activities/hris/dates';
import type { Employee } from '../../../common/directory';
import { bambooDataset, CUSTOM_FIELD, CUSTOM_TERMINATED_LABEL, ID } from '../../fakes/bamboohr-datasets';
import { bambooConnector } from '../../fakes/bamboohr-harness';
import { startBambooHrFake, type BambooFake } from '../../fakes/bamboohr';
import { readDirectory } from './read-directory';

const today = '2030-06-15';
const day = (n: number) => addDays(today, n);

let fake: BambooFake;
beforeEach(async () => {
  fake = await startBambooHrFake({ dataset: bambooDataset({ today }) });
});
afterEach(() => fake.close());

async function people(on = today): Promise<Map<string, Employee>> {
  const { employees } = await readDirectory(bambooConnector(fake).connector, { today: on });
  return new Map(employees.map((e) => [e.hrisId, e]));
}

it('normalises an ordinary person from string values', async () => {
  expect((await people()).get(ID.active)).toEqual({
    hrisId: ID.active,
    status: 'active',
    startDate: day(-365),
    firstName: 'Ana',
    lastName: 'Active',
    displayName: 'Ana Active',
    workEmail: 'ana.active@acme.example',
    employeeCode: '101',
    employmentBasis: 'Part-Time',
    division: 'Product',
    department: 'Engineering',
    position: 'Engineer',
    location: 'Sydney',
    managerHrisId: ID.engHead,
    managerEmail: 'hugo.head@acme.example',
    custom: { [CUSTOM_FIELD.shirtSize]: 'M', [CUSTOM_FIELD.costCentre]: 'CC-100' },
  });
});

it('takes the manager from supervisorEId, never from supervisorId (the supervisor’s employee number)', async () => {
  const served = await (await fetch(`${fake.url}/employees/${ID.active}?fields=supervisorEId,supervisorId`, { headers: { authorization: `Basic ${Buffer.from(`${fake.apiKey}:x`).toString('base64')}`, accept: 'application/json' } })).json();
  // The trap is live in the fake: Ana's supervisorId is her own id.
  expect(served).toEqual({ id: ID.active, supervisorEId: ID.engHead, supervisorId: ID.active });
  const directory = await people();
  expect(directory.get(ID.active)?.managerHrisId).toBe(ID.engHead);
  expect(directory.get(ID.managerChange)?.managerHrisId).toBe(ID.salesHead);
  expect(directory.get(ID.ceo)).toMatchObject({ managerHrisId: undefined, managerEmail: undefined });
});

it('does not depend on a field this company’s BambooHR does not know', async () => {
  fake.unknownFields = new Set(['supervisorEId', 'division', 'preferredName']);
  const directory = await people();
  expect(directory.size).toBe(fake.employees.length);
  expect(directory.get(ID.active)).toMatchObject({ managerHrisId: undefined, managerEmail: 'hugo.head@acme.example', division: undefined });
  expect(directory.get(ID.preferred)).toMatchObject({ preferredName: undefined, displayName: 'Alexandra Preferred' });
});

describe('statuses', () => {
  it('reads hires and leavers from status, the employment status label and the dates', async () => {
    const directory = await people();
    const status = (id: string) => directory.get(id)?.status;
    expect(directory.get(ID.futureHire)).toMatchObject({ status: 'onboarding', startDate: day(14) });
    // A termination still ahead is not yet a leaver, nor is one whose last day is today.
    expect(directory.get(ID.futureLeaver)).toMatchObject({ status: 'active', endDate: day(21) });
    expect(directory.get(ID.lastDayToday)).toMatchObject({ status: 'active', endDate: today });
    expect(directory.get(ID.pastLeaver)).toMatchObject({ status: 'terminated', endDate: day(-30), employmentBasis: 'Terminated' });
    // A company's own label for leavers: inactive with a date, or still active with a date gone by.
    expect(directory.get(ID.customLabelLeaver)).toMatchObject({ status: 'terminated', endDate: day(-10), employmentBasis: CUSTOM_TERMINATED_LABEL });
    expect(directory.get(ID.customLabelNotYetInactive)).toMatchObject({ status: 'terminated', endDate: day(-3) });
    // BambooHR's own "Terminated" label with no date (0000-00-00).
    expect(directory.get(ID.terminatedLabelNoDate)).toMatchObject({ status: 'terminated', endDate: undefined });
    expect(status(ID.inactiveNoTermination)).toBe('inactive');
    expect(status(ID.unknownStatus)).toBe('inactive');
  });

  it('reads a rehire on the same record as employed: the old termination predates the new hire', async () => {
    expect((await people()).get(ID.rehiredSameRecord)).toMatchObject({ status: 'active', startDate: day(-10), endDate: undefined });
  });

  it('reads a rehire on a new record beside the old one, under one e-mail', async () => {
    const directory = await people();
    expect(directory.get(ID.rehireOld)).toMatchObject({ status: 'terminated', workEmail: 'sam.rehire@acme.example' });
    expect(directory.get(ID.rehireNew)).toMatchObject({ status: 'active', workEmail: 'sam.rehire@acme.example', position: 'Support Lead' });
  });

  it('decides as of the day it is given', async () => {
    const directory = await people(day(30));
    expect(directory.get(ID.futureHire)?.status).toBe('active');
    expect(directory.get(ID.futureLeaver)).toMatchObject({ status: 'terminated', endDate: day(21) });
    expect(directory.get(ID.lastDayToday)?.status).toBe('terminated');
  });

  it('follows a termination entered in BambooHR, scheduled or past, under any label', async () => {
    fake.terminate(ID.active, day(5));
    fake.terminate(ID.preferred, day(-1), 'Let go');
    const directory = await people();
    expect(directory.get(ID.active)).toMatchObject({ status: 'active', endDate: day(5), employmentBasis: 'Terminated' });
    expect(directory.get(ID.preferred)).toMatchObject({ status: 'terminated', endDate: day(-1), employmentBasis: 'Let go' });
  });
});

it('reads missing dates, e-mails and numbers as absent', async () => {
  const directory = await people();
  expect(directory.get(ID.zeroDates)).toMatchObject({ status: 'active', startDate: undefined, endDate: undefined });
  expect(directory.get(ID.noEmail)).toMatchObject({ workEmail: undefined, employeeCode: undefined });
  expect(directory.get(ID.blankEmail)?.workEmail).toBeUndefined();
});

it('keeps e-mails as given, duplicates included: matching lower-cases them later', async () => {
  const directory = await people();
  expect(directory.get(ID.dupUpper)?.workEmail).toBe('J.Smith@acme.example');
  expect(directory.get(ID.dupLower)?.workEmail).toBe('j.smith@acme.example');
});

it('keeps unicode names and values', async () => {
  const directory = await people();
  expect(directory.get(ID.unicodeInaki)).toMatchObject({ firstName: 'Iñaki', lastName: 'Muñoz', displayName: 'Iñaki Muñoz', location: 'London' });
  expect(directory.get(ID.unicodeZoe)).toMatchObject({ firstName: 'Zoë', lastName: 'Müller' });
  expect(directory.get(ID.unicodeCjk)).toMatchObject({ firstName: '小明', lastName: '王', position: 'Ingeniero de Investigación', department: 'Investigación y Desarrollo' });
});

it('sees a changed e-mail and a changed manager under the same id, and a manager who left', async () => {
  fake.change(ID.emailChange, { workEmail: 'eve.baker@acme.example', lastName: 'Baker' });
  fake.change(ID.managerChange, { supervisorEId: ID.engHead });
  const directory = await people();
  expect(directory.get(ID.emailChange)).toMatchObject({ workEmail: 'eve.baker@acme.example', lastName: 'Baker' });
  expect(directory.get(ID.managerChange)).toMatchObject({ managerHrisId: ID.engHead, managerEmail: 'hugo.head@acme.example' });
  expect(directory.get(ID.managerLeft)).toMatchObject({ status: 'active', managerHrisId: ID.pastLeaver, managerEmail: 'pat.departed@acme.example' });
});
