// What PostgreSQL can store: no NUL character in text or jsonb, keys included. The API refuses
// more at its edge (every control character); workflows check this much themselves, because an
// Update can also come from the Temporal UI or CLI, and a value Postgres refuses would otherwise
// fail the activity that records it.
import { ApplicationFailure } from '@temporalio/common';

/** The path of the first string (or key) PostgreSQL would refuse, if any. */
export function unstorablePath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path || '(value)' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\0')) return at;
    const found = unstorablePath(inner, at);
    if (found) return found;
  }
  return undefined;
}

/** A validator's refusal of what PostgreSQL could not store: `validation_failed`, naming the field. */
export function ensureStorable(input: unknown): void {
  const path = unstorablePath(input);
  if (path) throw ApplicationFailure.create({ type: 'validation_failed', message: `'${path}' holds a NUL character, which Roster cannot store.`, nonRetryable: true, details: [{ path }] });
}
