// How an HR system's own fields become the employee's `custom` values, read by mappings as
// `custom.<name>` (docs/CONNECTORS.md, "The normalised employee"). Each connector names a field by
// the vendor's stable key, never by its label, which the company may rename; the rule for names is
// common/tenant-config/fields.ts's.

const NOT_IN_A_NAME = /[^A-Za-z0-9_-]/g;

/**
 * The vendor's key as a custom name: every character a config's field names cannot hold becomes
 * `_`, and so does a leading `-`. Case is kept, since two keys may differ by case alone.
 */
export function customName(key: string): string | undefined {
  return key.trim().replace(NOT_IN_A_NAME, '_').replace(/^-/, '_') || undefined;
}

/**
 * A value as text: trimmed, a number as written, a list's values joined with "; " (as CSV tags are
 * separated). Blank values and shapes no vendor documents (objects, booleans) are absent.
 */
export function customText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (!Array.isArray(value)) return undefined;
  const items = value.flatMap((item: unknown) => (typeof item === 'string' || typeof item === 'number' ? (customText(item) ?? []) : []));
  return items.length > 0 ? items.join('; ') : undefined;
}

/** Entries as a custom record, or undefined when there are none; `__proto__` and the like stay plain keys. */
export function customRecord(entries: Iterable<readonly [string, string]>): Record<string, string> | undefined {
  const record = Object.fromEntries(entries) as Record<string, string>;
  return Object.keys(record).length > 0 ? record : undefined;
}
