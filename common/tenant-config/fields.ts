// The vocabulary a tenant's config may use. Kept in one place so that the validator, the sync
// core and the messages support agents read all name the same things.

/** Fields of the normalised employee (docs/CONNECTORS.md) that rules and mappings may read. */
export const EMPLOYEE_FIELDS = [
  'hrisId',
  'employeeCode',
  'workEmail',
  'personalEmail',
  'firstName',
  'lastName',
  'preferredName',
  'displayName',
  'status',
  'startDate',
  'endDate',
  'position',
  'department',
  'division',
  'location',
  'employmentBasis',
  'managerHrisId',
  'managerEmail',
  'groups',
  'tags',
] as const;

/** Platform attributes a mapping may write; names, e-mail, externalId and active are always synced. */
export const PLATFORM_ATTRIBUTES = [
  'title',
  'displayName',
  'department',
  'division',
  'organization',
  'costCenter',
  'employeeNumber',
  'manager',
  'location',
  'preferredLanguage',
] as const;

export const STATUSES = ['active', 'onboarding', 'terminated', 'inactive'] as const;
export const IDENTITY_KEYS = ['workEmail', 'employeeCode', 'hrisId'] as const;
/**
 * Employee fields a group dimension may come from: one group per value, or per element of a list
 * field (`groups`, `tags`); `custom.<name>` is also a source.
 */
export const GROUP_SOURCES = ['department', 'division', 'location', 'position', 'employmentBasis', 'groups', 'tags'] as const;

/** `manager` is written as the platform id of the manager's account, so it needs a field that identifies a person. */
export const MANAGER_SOURCES = ['managerHrisId', 'managerEmail'] as const;

// HRIS custom fields come with whatever keys the HR system uses (BambooHR even uses numeric ids).
const CUSTOM_EMPLOYEE_FIELD = /^custom\.[A-Za-z0-9_][A-Za-z0-9_-]*$/;
// A platform custom attribute is a SCIM attribute name (RFC 7643 ATTRNAME): a letter, then letters, digits, _ or -.
const CUSTOM_PLATFORM_ATTRIBUTE = /^custom\.[A-Za-z][A-Za-z0-9_-]*$/;

export function isEmployeeField(name: string): boolean {
  return (EMPLOYEE_FIELDS as readonly string[]).includes(name) || CUSTOM_EMPLOYEE_FIELD.test(name);
}

export function isPlatformAttribute(name: string): boolean {
  return (PLATFORM_ATTRIBUTES as readonly string[]).includes(name) || CUSTOM_PLATFORM_ATTRIBUTE.test(name);
}

export function isGroupSource(name: string): boolean {
  return (GROUP_SOURCES as readonly string[]).includes(name) || CUSTOM_EMPLOYEE_FIELD.test(name);
}

export function isManagerSource(name: string): boolean {
  return (MANAGER_SOURCES as readonly string[]).includes(name);
}
