// Turns a BambooHR record (string values, any of them possibly missing) into the normalised
// employee, the company's own fields as `custom.<field id>`.
import type { Employee, EmployeeStatus } from '../../../common/directory';
import { customRecord, customText } from '../custom-fields';
import { BAMBOOHR, type BambooRecord } from './api';
import { dateOnly } from '../dates';
import { employmentStatus } from '../employment-status';

const value = (s: string | null | undefined) => s?.trim() || undefined;

/** A date, with BambooHR's 0000-00-00 and empty values as none. */
function date(s: string | null | undefined): string | undefined {
  const day = dateOnly(s);
  return day === BAMBOOHR.noDate ? undefined : day;
}

/**
 * The end of the current employment. A rehired person keeps the termination date of their
 * earlier employment: a termination before the latest hire is history, not an end.
 */
function currentEnd(startDate: string | undefined, terminationDate: string | undefined): string | undefined {
  return terminationDate && startDate && terminationDate < startDate ? undefined : terminationDate;
}

/**
 * `status` says whether BambooHR still counts the person; the employment status label says why.
 * Inactive with a termination (a date or the label) is a leaver, inactive without one is
 * `inactive`. A terminated label on an active person counts unless their end date is still ahead.
 */
function recordedStatus(status: string | undefined, label: string | undefined, endDate: string | undefined, today: string): EmployeeStatus {
  const spelling = status?.toLowerCase() ?? '';
  const recorded = (Object.hasOwn(BAMBOOHR.statuses, spelling) && BAMBOOHR.statuses[spelling]) || 'inactive';
  const terminatedLabel = label !== undefined && BAMBOOHR.terminatedLabel.test(label);
  if (recorded === 'inactive') return terminatedLabel || endDate ? 'terminated' : 'inactive';
  return terminatedLabel && !(endDate && endDate >= today) ? 'terminated' : 'active';
}

/** The values of the company's own fields the record was read with, by field id. */
function customOf(r: BambooRecord, customFields: readonly string[]): Record<string, string> | undefined {
  return customRecord(customFields.flatMap((id) => {
    const text = customText(r[id]);
    return text === undefined ? [] : [[id, text] as const];
  }));
}

export function toEmployee(r: BambooRecord, today: string, customFields: readonly string[]): Employee {
  const startDate = date(r.hireDate);
  const endDate = currentEnd(startDate, date(r.terminationDate));
  const label = value(r.employmentHistoryStatus);
  const firstName = value(r.firstName);
  const lastName = value(r.lastName);
  const preferredName = value(r.preferredName);
  const displayName = [preferredName ?? firstName, lastName].filter(Boolean).join(' ') || undefined;
  return {
    hrisId: r.id,
    employeeCode: value(r.employeeNumber),
    workEmail: value(r.workEmail),
    firstName,
    lastName,
    preferredName,
    displayName,
    status: employmentStatus(recordedStatus(value(r.status), label, endDate, today), { startDate, endDate }, today),
    startDate,
    endDate,
    position: value(r.jobTitle),
    department: value(r.department),
    division: value(r.division),
    location: value(r.location),
    // The employment status label is the employment basis ("Full-Time", "Contractor", …) until it
    // marks a termination; kept as given so a config can exclude a company's own labels.
    employmentBasis: label,
    managerHrisId: value(r.supervisorEId),
    managerEmail: value(r.supervisorEmail),
    custom: customOf(r, customFields),
  };
}
