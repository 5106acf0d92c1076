// What PostgreSQL can store: no NUL character in text or jsonb, keys included. The API refuses
// more at its edge (every control character); workflows check this much themselves, because an
// Update can also come from the Temporal UI or CLI, and a value Postgres refuses would otherwise
// fail the activity that records it.

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
