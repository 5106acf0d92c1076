// Reads an employee field by the name a config uses (common/tenant-config/fields.ts): a plain
// field, `custom.<name>`, or one of the list fields `tags` and `groups` (by group name).
import type { Employee } from '../../../common/directory';

const CUSTOM_PREFIX = 'custom.';

/** Every value the field holds: one for a plain field, each element for a list; none when missing. */
export function fieldValues(employee: Employee, field: string): readonly string[] {
  if (field === 'tags') return employee.tags ?? [];
  if (field === 'groups') return employee.groups?.map((group) => group.name) ?? [];
  const value = fieldText(employee, field);
  return value === undefined ? [] : [value];
}

/** The field as one text, for writing to a platform attribute: a list is joined with ", ". */
export function fieldText(employee: Employee, field: string): string | undefined {
  if (field.startsWith(CUSTOM_PREFIX)) {
    const { custom } = employee;
    const name = field.slice(CUSTOM_PREFIX.length);
    // Own properties only: a custom field called "constructor" must not read Object's.
    return custom && Object.hasOwn(custom, name) ? custom[name] : undefined;
  }
  if (field === 'tags' || field === 'groups') {
    const values = fieldValues(employee, field);
    return values.length > 0 ? values.join(', ') : undefined;
  }
  const value: unknown = (employee as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}
