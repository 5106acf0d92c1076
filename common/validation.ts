// Turns zod's issues into the API's `details`: one entry per bad field, its path relative to the
// request body, and a sentence a support agent can act on.
import type { z } from 'zod';

export interface Detail {
  path: string;
  message: string;
}

export const joinPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): Detail[] {
  return issues.flatMap((issue): Detail[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: `'${key}' is not a known field here` }));
    }
    return [{ path: joinPath(issue.path), message: issue.message }];
  });
}
