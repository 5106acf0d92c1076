// Turns Humaans' records into the normalised employee: the person, joined with their current job
// role (title, department, manager), location name and custom values.
import type { Employee } from '../../../common/directory';
import { dateOnly } from '../dates';
import { employmentStatus } from '../employment-status';
import { HUMAANS, type HumaansJobRole, type HumaansPerson } from './api';

export interface HumaansLookups {
  rolesByPerson: ReadonlyMap<string, HumaansJobRole[]>;
  locationNames: ReadonlyMap<string, string>;
  /** Each person's custom values by name (custom-values.ts). */
  customByPerson: ReadonlyMap<string, Record<string, string>>;
}

/**
 * The role with the latest effective date on or before today that has not ended. A role that
 * starts in the future does not count yet; one without an effective date counts as the oldest.
 */
export function currentRole(roles: readonly HumaansJobRole[], today: string): HumaansJobRole | undefined {
  let current: HumaansJobRole | undefined;
  let currentFrom = '';
  for (const role of roles) {
    const from = dateOnly(role.effectiveDate) ?? '';
    const until = dateOnly(role.endDate);
    if (from > today || (until !== undefined && until < today)) continue;
    if (!current || from >= currentFrom) {
      current = role;
      currentFrom = from;
    }
  }
  return current;
}

/** The first role still to come: what a pre-hire, whose roles all start later, is hired as. */
export function upcomingRole(roles: readonly HumaansJobRole[], today: string): HumaansJobRole | undefined {
  return roles
    .filter((role) => (dateOnly(role.effectiveDate) ?? '') > today)
    .sort((a, b) => (dateOnly(a.effectiveDate) ?? '').localeCompare(dateOnly(b.effectiveDate) ?? ''))[0];
}

export function groupRolesByPerson(roles: readonly HumaansJobRole[]): Map<string, HumaansJobRole[]> {
  const byPerson = new Map<string, HumaansJobRole[]>();
  for (const role of roles) {
    const list = byPerson.get(role.personId);
    if (list) list.push(role);
    else byPerson.set(role.personId, [role]);
  }
  return byPerson;
}

const value = (s: string | null | undefined) => s?.trim() || undefined;

export function toEmployee(p: HumaansPerson, lookups: HumaansLookups, today: string): Employee {
  const startDate = dateOnly(p.employmentStartDate);
  const endDate = dateOnly(p.employmentEndDate) ?? dateOnly(p.lastWorkingDay);
  const spelling = p.status?.trim() ?? '';
  const recorded = (Object.hasOwn(HUMAANS.statuses, spelling) && HUMAANS.statuses[spelling]) || 'inactive';
  const status = employmentStatus(recorded, { startDate, endDate }, today);
  const roles = lookups.rolesByPerson.get(p.id) ?? [];
  const role = currentRole(roles, today) ?? (status === 'onboarding' ? upcomingRole(roles, today) : undefined);
  const firstName = value(p.firstName);
  const lastName = value(p.lastName);
  const preferredName = value(p.preferredName);
  const shownName = [preferredName ?? firstName, lastName].filter(Boolean).join(' ');
  return {
    hrisId: p.id,
    employeeCode: value(p.employeeId),
    workEmail: value(p.email),
    personalEmail: value(p.personalEmail),
    firstName,
    lastName,
    preferredName,
    displayName: shownName || undefined,
    status,
    startDate,
    endDate,
    position: value(role?.jobTitle),
    department: value(role?.department),
    location: p.locationId ? lookups.locationNames.get(p.locationId) : undefined,
    employmentBasis: value(p.contractType),
    managerHrisId: value(role?.reportingTo),
    groups: (p.teams ?? []).flatMap((t) => (value(t.name) ? [{ name: t.name.trim() }] : [])),
    custom: lookups.customByPerson.get(p.id),
  };
}
