// What every string and list at the edge must satisfy, and how zod's issues become the API's
// `details`: one entry per bad field, its path relative to the request body, and a sentence a
// support agent can act on.
import { z } from 'zod';

export interface Detail {
  path: string;
  message: string;
}

// C0 controls and DEL: Postgres refuses NUL in text and jsonb (so a NUL that got in would fail
// every later write, even inside a workflow), and none of them belongs in a name, an id, an
// address or a config value. Free text (a reason, a note) may keep tab and line breaks.
const anyControl = /[\u0000-\u001f\u007f]/;
const controlButWhitespace = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

interface TextOptions {
  /** Makes whole sentences ("<label> must …."), as the config's messages are; a bare rule otherwise. */
  label?: string;
  /** The message (or zod error function) for a value that is not a string at all. */
  error?: string | ((issue: { input?: unknown }) => string);
}

/** At most `max` characters, checked on strings only: zod runs a length check on anything with a `length`, so `{"length": 99}` was called too long as well as not text. */
function maxLength(max: number, message: string) {
  const check = z.maxLength(max, { message, abort: true });
  check._zod.def.when = (payload) => typeof payload.value === 'string';
  return check;
}

function text(max: number, forbidden: RegExp, which: string, { label, error }: TextOptions) {
  const say = (rule: string) => (label ? `${label} ${rule}.` : rule);
  // Each refusal stops the checks after it, so a NUL is reported as such and not as, say, a bad pattern too.
  return z
    .string(error === undefined ? undefined : { error })
    .check(maxLength(max, say(`must be at most ${max} characters`)))
    .refine((value) => !forbidden.test(value), { message: say(`must not contain control characters (${which})`), abort: true })
    // A lone UTF-16 surrogate (\p{Cs} matches only unpaired ones in a /u pattern) cannot be stored in jsonb either.
    .refine((value) => !/\p{Cs}/u.test(value), { message: say('must be valid Unicode text'), abort: true });
}

/** One line: a name, an id, an e-mail address, a key, a config value. No control character at all. */
export const line = (max: number, options: TextOptions = {}) => text(max, anyControl, 'such as NUL, tab or a line break', options);

/** Free text (a reason, a note): tab and line breaks are kept, every other control character is refused. */
export const freeText = (max: number, options: TextOptions = {}) => text(max, controlButWhitespace, 'such as NUL; tab and line breaks are fine', options);

/** Why someone did something: every `reason` and `note` of the API. */
export const reasonText = freeText(1000);

/** A record of at most `max` entries: zod bounds arrays but not records. */
export function boundedRecord<T extends z.ZodType<object>>(record: T, max: number, label?: string): T {
  const rule = `must have at most ${max} entries`;
  return record.refine((value) => Object.keys(value).length <= max, { message: label ? `${label} ${rule}.` : rule });
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
