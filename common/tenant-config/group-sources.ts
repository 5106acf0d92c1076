// The config's `groups` (docs/PRODUCT.md "Groups"): one group dimension, or a list of them (a
// person's department and location, CSV groups and tags, a community and a function). Each source
// owns the external ids it makes and is kept and removed on its own. The single object of older
// configs is still accepted, as a list of one.
import { z } from 'zod';
import { GROUP_SOURCES, isGroupSource } from './fields';
import { expecting, listOf, shown } from './messages';
import { NAME_LENGTH, flag, strict } from './schema-kit';
import { documentedAs } from '../documented-as';
import { issuesToDetails, line } from '../validation';

export const MAX_GROUP_SOURCES = 5;
const PREFIX_LENGTH = 50;
const SOURCE_CHOICES = `one of ${listOf(GROUP_SOURCES)}, or custom.<name> for an HRIS custom field`;

function groupSource(label: string) {
  return strict(label, 'an object such as {"from": "department", "prefix": "Dept: "}', {
    from: line(NAME_LENGTH, { label: `${label}.from`, error: expecting(`${label}.from`, SOURCE_CHOICES) }).refine(isGroupSource, {
      error: (issue) => `${shown(issue.input)} is not a field groups can come from: use ${SOURCE_CHOICES}.`,
    }),
    prefix: line(PREFIX_LENGTH, { label: `${label}.prefix`, error: expecting(`${label}.prefix`, 'text put before each group name, e.g. "Site: "') }).default(''),
    deleteRemoved: flag(`${label}.deleteRemoved`),
  });
}

/** One group dimension with its defaults applied. */
export type GroupSource = z.output<ReturnType<typeof groupSource>>;

const oneSource = groupSource('groups');
const sourceList = z
  .array(groupSource('Each group source'), { error: expecting('groups', 'an object such as {"from": "department"} or a list of them') })
  .min(1, 'groups lists at least one source; leave groups out to leave the platform\'s groups alone.')
  .max(MAX_GROUP_SOURCES, `groups may list at most ${MAX_GROUP_SOURCES} sources.`)
  .superRefine((sources, context) => {
    sources.forEach(({ from }, index) => {
      if (sources.findIndex((other) => other.from === from) < index) {
        context.addIssue({ code: 'custom', path: [index, 'from'], input: from, message: `"${from}" is listed twice in groups: each source makes its own groups, so list it once.` });
      }
    });
  });

/** An array is a list of sources, anything else one source; each form reports its own paths. */
export const groupSources = documentedAs(
  z.unknown().transform((input, context): GroupSource[] => {
    const parsed = Array.isArray(input) ? sourceList.safeParse(input) : oneSource.transform((source) => [source]).safeParse(input);
    if (parsed.success) return parsed.data;
    for (const { path, message } of issuesToDetails(parsed.error.issues)) context.addIssue({ code: 'custom', path: path === '' ? [] : path.split('.'), message, input });
    return z.NEVER;
  }),
  z.union([oneSource, sourceList]),
);
