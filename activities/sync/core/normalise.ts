// One tidy shape per person before any rule looks at them: values trimmed (a blank value is a
// missing one), the identity-key value worked out once, and the keys used for matching.
import type { Employee } from '../../../common/directory';
import { EMPLOYEE_FIELDS } from '../../../common/tenant-config/fields';
import type { PlanConfig } from './types';

export interface Person {
  /** The employee with every text value trimmed and blank values dropped; names untouched otherwise. */
  employee: Employee;
  /** The identity-key value, which becomes the user name: lower-cased work e-mail, or the code / id as given. */
  identityKey?: string;
  /** The identity-key value folded for comparison with other people and with user names. */
  matchKey?: string;
  /** The lower-cased work e-mail, for managers identified by e-mail. */
  emailKey?: string;
}

/** A person with an identity-key value: the only people matching can place. */
export interface KeyedPerson extends Person {
  identityKey: string;
  matchKey: string;
}

export function isKeyed(person: Person): person is KeyedPerson {
  return person.matchKey !== undefined;
}

// The text fields are the config's employee fields (one list) but the id, kept exactly as given
// since links store it so, and the fields that are not text. A new field that is not text makes
// `raw[field]` below fail to compile until it is named here.
type NotText = 'hrisId' | 'status' | 'groups' | 'tags';
type TextField = Exclude<(typeof EMPLOYEE_FIELDS)[number], NotText>;
const notText: ReadonlySet<string> = new Set<NotText>(['hrisId', 'status', 'groups', 'tags']);
const TEXT_FIELDS = EMPLOYEE_FIELDS.filter((field): field is TextField => !notText.has(field));

export function normalisePerson(raw: Employee, identityKey: PlanConfig['identityKey']): Person {
  // Most records are already tidy: copying them all would double the directory in memory.
  const employee = isTidy(raw) ? raw : tidy(raw);
  const emailKey = employee.workEmail?.toLowerCase();
  const value = identityKey === 'workEmail' ? emailKey : identityKey === 'employeeCode' ? employee.employeeCode : employee.hrisId || undefined;
  return value === undefined ? { employee, emailKey } : { employee, identityKey: value, matchKey: foldKey(value), emailKey };
}

/**
 * User names are case-insensitive on the platform (RFC 7643: userName is not caseExact), so two
 * identity-key values that differ only in case are the same account, whichever key the tenant uses.
 */
export function foldKey(value: string): string {
  return value.normalize('NFC').toLowerCase();
}

/** Text equality as a person reads it: the same characters, however Unicode composes them. */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return a.normalize('NFC') === b.normalize('NFC');
}

function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

const tidyText = (value: string | undefined) => value === undefined || (value !== '' && value.trim() === value);

function isTidy(raw: Employee): boolean {
  return (
    TEXT_FIELDS.every((field) => tidyText(raw[field])) &&
    (raw.groups ?? []).every(({ id, name }) => tidyText(id) && tidyText(name)) &&
    (raw.tags ?? []).every(tidyText) &&
    Object.values(raw.custom ?? {}).every((value) => typeof value === 'string' && tidyText(value))
  );
}

// The hrisId is an id: kept exactly as given, since links store it that way.
function tidy(raw: Employee): Employee {
  const employee: Employee = { hrisId: raw.hrisId, status: raw.status };
  for (const field of TEXT_FIELDS) {
    const value = trimmed(raw[field]);
    if (value !== undefined) employee[field] = value;
  }
  if (raw.groups) {
    const groups = raw.groups.flatMap(({ id, name }) => {
      const text = trimmed(name);
      const groupId = trimmed(id);
      if (text === undefined) return [];
      return groupId === undefined ? [{ name: text }] : [{ id: groupId, name: text }];
    });
    if (groups.length > 0) employee.groups = groups;
  }
  if (raw.tags) {
    const tags = raw.tags.flatMap((tag) => trimmed(tag) ?? []);
    if (tags.length > 0) employee.tags = tags;
  }
  if (raw.custom) {
    const custom: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw.custom)) {
      const text = typeof value === 'string' ? trimmed(value) : undefined;
      if (text !== undefined) custom[name] = text;
    }
    employee.custom = custom;
  }
  return employee;
}
