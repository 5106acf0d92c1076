// From a person to the account fields Roster wants on the platform: the fields always synced
// (user name, externalId, names, work e-mail, active) and the attributes of config.fieldMappings.
// Values pass through as given (names in any script included); only comparison normalises them.
import type { AccountFields, Employee } from '../../../common/directory';
import { isManagerSource, type MANAGER_SOURCES } from '../../../common/tenant-config';
import { fieldText } from './employee-fields';
import type { KeyedPerson } from './normalise';
import type { PlanConfig, PlanInput } from './types';

export interface Mapping {
  /** Mapped attributes the platform has, except `manager` and `displayName`. */
  attributes: readonly { attribute: string; field: string }[];
  /** A mapping for `displayName` replaces the composed display name (it is SCIM's core attribute). */
  displayNameField?: string;
  /** Where the manager comes from, when `manager` is mapped and the platform has it. */
  managerSource?: (typeof MANAGER_SOURCES)[number];
  /** Mapped attributes the platform lacks: never written, never compared. */
  unsupported: readonly string[];
}

export function compileMapping(fieldMappings: PlanConfig['fieldMappings'], supported: PlanInput['supportedAttributes']): Mapping {
  const attributes: { attribute: string; field: string }[] = [];
  const unsupported: string[] = [];
  let displayNameField: string | undefined;
  let managerSource: Mapping['managerSource'];
  for (const [attribute, field] of Object.entries(fieldMappings)) {
    if (attribute === 'displayName') displayNameField = field;
    else if (supported !== 'all' && !supported.has(attribute)) unsupported.push(attribute);
    else if (attribute === 'manager') managerSource = isManagerSource(field) ? (field as Mapping['managerSource']) : undefined;
    else attributes.push({ attribute, field });
  }
  return { attributes, displayNameField, managerSource, unsupported };
}

/** The given name: the name the person goes by, else their first name. */
function givenNameOf(employee: Employee): string | undefined {
  return employee.preferredName ?? employee.firstName;
}

export function displayNameOf(employee: Employee, mapping?: Mapping): string | undefined {
  const mapped = mapping?.displayNameField === undefined ? undefined : fieldText(employee, mapping.displayNameField);
  if (mapped !== undefined) return mapped;
  if (employee.displayName !== undefined) return employee.displayName;
  const composed = [givenNameOf(employee), employee.lastName].filter((part) => part !== undefined).join(' ');
  return composed || undefined;
}

/** The account as Roster wants it; `managerAccountId` is the manager's platform id when known now. */
export function desiredFields(person: KeyedPerson, mapping: Mapping, managerAccountId: string | undefined): AccountFields {
  const { employee } = person;
  const attributes: Record<string, string> = {};
  for (const { attribute, field } of mapping.attributes) {
    const value = fieldText(employee, field);
    if (value !== undefined) attributes[attribute] = value;
  }
  if (managerAccountId !== undefined) attributes.manager = managerAccountId;

  // Pre-hires in scope are created active like everyone else in scope.
  const fields: AccountFields = { userName: person.identityKey, externalId: employee.hrisId, active: true, attributes };
  const givenName = givenNameOf(employee);
  const displayName = displayNameOf(employee, mapping);
  if (givenName !== undefined) fields.givenName = givenName;
  if (employee.lastName !== undefined) fields.familyName = employee.lastName;
  if (displayName !== undefined) fields.displayName = displayName;
  if (employee.workEmail !== undefined) fields.email = employee.workEmail;
  return fields;
}
