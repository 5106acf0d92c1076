// The audit trail records which settings a config change touched, not the whole config twice.
import type { TenantConfig } from './schema';

/**
 * Dotted paths of the leaf values that differ between two configs (all of `after`'s when there
 * was none before). Lists are compared whole: "include.statuses" changed, not an index in it.
 */
export function describeConfigChanges(before: TenantConfig | undefined, after: TenantConfig): string[] {
  const old = leaves(before);
  const now = leaves(after);
  const paths = [...new Set([...now.keys(), ...old.keys()])];
  return paths.filter((path) => old.get(path) !== now.get(path));
}

/** Each leaf's path and its value as JSON, so that lists and scalars compare the same way. */
function leaves(value: unknown, path = '', into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, path ? `${path}.${key}` : key, into);
  } else if (value !== undefined) {
    into.set(path, JSON.stringify(value));
  }
  return into;
}
