// A large tenant the day after a sync, generated from a seed: yesterday's directory exactly as
// the platform holds it (accounts, links, department groups, manager ids), and today's directory
// with a given share of people changed — updates, new hires, leavers, e-mail, manager and
// department changes — so that planning does what a real daily run does.
import type { AccountLink, Employee, PlatformAccount, PlatformGroup } from '../common/directory';
import type { GroupLink, PlanConfig, PlanInput } from '../activities/sync/core';
import { seededRandom } from '../test/support/seeded-random';

export const benchConfig: PlanConfig = {
  identityKey: 'workEmail',
  include: { statuses: ['active', 'onboarding'], exclude: [{ field: 'department', equals: 'Contractors' }] },
  fieldMappings: { title: 'position', department: 'department', employeeNumber: 'employeeCode', manager: 'managerHrisId', location: 'location', 'custom.startDate': 'startDate' },
  groups: [{ from: 'department', prefix: '', deleteRemoved: false }],
};

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eun-ji', 'Farah', 'Günter', 'Hiro', 'Ines', 'José', 'Kai', 'Léa', 'Mateo', 'Nadia', 'Óscar', 'Priya', 'Quinn', 'Rafael', 'Sofía', 'Tomás', '美咲', 'Wei'];
const LAST = ['Nguyen', 'Smith', 'Müller', 'García', 'Kowalski', 'O’Brien', 'Rossi', 'Søren', 'Tanaka', 'Łukasz', 'Patel', 'Silva', '山田', 'Kim', 'Dubois'];
const TITLES = ['Engineer', 'Senior Engineer', 'Designer', 'Analyst', 'Account Executive', 'Nurse', 'Technician', 'Manager', 'Coordinator', 'Consultant'];
const DEPARTMENTS = Array.from({ length: 60 }, (_, index) => `Department ${index + 1}`);
const LOCATIONS = ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Auckland', 'London', 'Berlin', 'São Paulo', 'Tokyo', 'Toronto', 'Austin', 'Dublin'];
/** Everyone reports to someone with a smaller index: a tree roughly this wide. */
const SPAN = 8;

export interface ChangeMix {
  updates: number;
  newHires: number;
  terminated: number;
  removed: number;
  emailChanges: number;
  managerChanges: number;
  departmentChanges: number;
}

/** Nobody changed: today's directory is yesterday's. */
export const noChanges: ChangeMix = { updates: 0, newHires: 0, terminated: 0, removed: 0, emailChanges: 0, managerChanges: 0, departmentChanges: 0 };

/** 1 % of a tenant changed, in the proportions both benchmarks use. */
export function onePercentChanges(size: number): ChangeMix {
  const changed = size / 100;
  return {
    updates: Math.round(changed * 0.3),
    newHires: Math.round(changed * 0.15),
    terminated: Math.round(changed * 0.1),
    removed: Math.round(changed * 0.05),
    emailChanges: Math.round(changed * 0.15),
    managerChanges: Math.round(changed * 0.15),
    departmentChanges: Math.round(changed * 0.1),
  };
}

export function syntheticTenant(size: number, mix: ChangeMix, seed = 20260310): PlanInput {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const makePerson = (index: number): Employee => {
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const employee: Employee = {
      hrisId: `p${index}`,
      employeeCode: `E${100000 + index}`,
      workEmail: `user${index}@acme.example`,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      status: 'active',
      startDate: `20${10 + (index % 15)}-0${1 + (index % 9)}-1${index % 10}`,
      position: pick(TITLES),
      department: pick(DEPARTMENTS),
      location: pick(LOCATIONS),
    };
    if (index > 0) employee.managerHrisId = `p${Math.floor((index - 1) / SPAN)}`;
    return employee;
  };

  const yesterday = Array.from({ length: size }, (_, index) => makePerson(index));
  const { accounts, links, groups, groupLinks } = platformFor(yesterday);

  // Today: distinct people for each kind of change, drawn from a seeded shuffle.
  const today = yesterday.map((employee) => ({ ...employee }));
  const order = Array.from({ length: size }, (_, index) => index);
  for (let index = size - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  let cursor = 0;
  const take = (count: number) => order.slice(cursor, (cursor += count)).map((index) => today[index] as Employee);
  for (const employee of take(mix.updates)) employee.position = `${pick(TITLES)} II`;
  for (const employee of take(mix.emailChanges)) employee.workEmail = `${employee.firstName?.toLowerCase()}.${employee.hrisId}@acme.example`;
  for (const employee of take(mix.managerChanges)) employee.managerHrisId = `p${Math.floor(random() * size)}`;
  for (const employee of take(mix.departmentChanges)) employee.department = pick(DEPARTMENTS);
  for (const employee of take(mix.terminated)) Object.assign(employee, { status: 'terminated', endDate: '2026-03-01' });
  const removed = new Set(take(mix.removed));
  const hires = Array.from({ length: mix.newHires }, (_, offset) => ({ ...makePerson(size + offset), status: 'onboarding' as const, startDate: '2026-04-01' }));

  return {
    employees: [...today.filter((employee) => !removed.has(employee)), ...hires],
    accounts,
    links,
    groups,
    groupLinks,
    config: benchConfig,
    supportedAttributes: 'all',
    adoptExistingAccounts: false,
    adoptExistingGroups: false,
    readMode: 'full',
    today: '2026-03-10',
  };
}

/** The platform exactly as a completed sync of `people` leaves it. */
function platformFor(people: readonly Employee[]): { accounts: PlatformAccount[]; links: AccountLink[]; groups: PlatformGroup[]; groupLinks: GroupLink[] } {
  const accountId = (hrisId: string) => `acc-${hrisId}`;
  const groups = new Map<string, PlatformGroup>();
  const accounts = people.map((employee): PlatformAccount => {
    const id = accountId(employee.hrisId);
    const department = employee.department as string;
    const externalId = `department:${department.toLowerCase()}`;
    const group = groups.get(externalId) ?? { id: `grp-${groups.size + 1}`, externalId, displayName: department, members: [] };
    groups.set(externalId, group);
    group.members.push(id);
    const attributes: Record<string, string> = {
      title: employee.position as string,
      department,
      employeeNumber: employee.employeeCode as string,
      location: employee.location as string,
      'custom.startDate': employee.startDate as string,
    };
    if (employee.managerHrisId !== undefined) attributes.manager = accountId(employee.managerHrisId);
    return {
      id,
      userName: employee.workEmail as string,
      externalId: employee.hrisId,
      active: true,
      givenName: employee.firstName,
      familyName: employee.lastName,
      displayName: employee.displayName,
      email: employee.workEmail,
      attributes,
    };
  });
  return {
    accounts,
    links: people.map(({ hrisId }) => ({ hrisId, accountId: accountId(hrisId) })),
    groups: [...groups.values()],
    groupLinks: [...groups.values()].map((group) => ({ externalId: group.externalId as string, groupId: group.id })),
  };
}
