// Turns zod's issues into the API's `details`: one entry per bad field, its path relative to the
// request body, and a sentence a support agent can act on.
import type { z } from 'zod';

export interface Detail {
  path: string;
  message: string;
}

export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): Detail[] {
  return issues.flatMap(explain).map(({ path, message }) => ({ path: path.map(String).join('.'), message }));
}

/** One detail per unknown key (with the schema's own list of known fields, where it gives one). */
function explain(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    const known = issue.message.startsWith('Unrecognized key') ? '' : ` ${issue.message}`;
    return issue.keys.map((key) => ({ path: [...issue.path, key], message: `"${key}" is not a field Roster knows.${known}` }));
  }
  // zod wraps a refused record key in a generic issue; the useful message is inside.
  if (issue.code === 'invalid_key') return issue.issues.map((inner) => ({ path: issue.path, message: inner.message }));
  return [{ path: issue.path, message: issue.message }];
}
