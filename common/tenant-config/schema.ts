// The tenant's config (docs/API.md "Config"), validated once at the edge. Every refusal is a detail
// with the path of the bad field and a sentence a support agent can act on; all of them are
// collected, not just the first.
import { z } from 'zod';
import { minGapMinutes, parseCron } from './cron';
import { daylightSavingWarnings } from './dst';
import {
  EMPLOYEE_FIELDS,
  IDENTITY_KEYS,
  MANAGER_SOURCES,
  PLATFORM_ATTRIBUTES,
  STATUSES,
  isEmployeeField,
  isManagerSource,
  isPlatformAttribute,
} from './fields';
import { groupSources } from './group-sources';
import { expecting, listOf, shown } from './messages';
import { ANONYMISE_AFTER_DAYS, MAX_ADDRESSES, MAX_RULES, MAX_VALUES, NAME_LENGTH, VALUE_LENGTH, flag, strict, wholeNumber } from './schema-kit';
import { timeZoneProblem } from './timezone';
import { documentedAs } from '../documented-as';
import { boundedRecord, issuesToDetails, line, type Detail } from '../validation';

/** Dotted path relative to the config ("schedule.timezone", "include.statuses.1"; "" for the whole body). */
export type ConfigIssue = Detail;

export interface ValidateOptions {
  /** The shortest allowed gap between two scheduled runs (ROSTER_MIN_SCHEDULE_MINUTES). */
  minScheduleMinutes: number;
  /** Where the daylight-saving look-ahead starts. */
  now: Date;
}

export type ConfigValidation = { ok: true; config: TenantConfig; warnings: ConfigIssue[] } | { ok: false; details: ConfigIssue[] };

export type ExcludeCondition = { field: string; equals: string } | { field: string; in: string[] };
/** A person is excluded when any rule matches; an `all` rule matches when every condition does. */
export type ExcludeRule = ExcludeCondition | { all: ExcludeCondition[] };

/** The config with every default applied. */
export type TenantConfig = z.output<ReturnType<typeof tenantConfigSchema>>;

const EMPLOYEE_FIELD_CHOICES = `one of ${listOf(EMPLOYEE_FIELDS)}, or custom.<name> for an HRIS custom field`;
const PLATFORM_ATTRIBUTE_CHOICES = `one of ${listOf(PLATFORM_ATTRIBUTES)}, or custom.<name> for an attribute of the platform's custom schema`;

const employeeField = (label: string) =>
  line(NAME_LENGTH, { label, error: expecting(label, `the name of an employee field: ${EMPLOYEE_FIELD_CHOICES}`) }).refine(isEmployeeField, {
    error: (issue) => `${shown(issue.input)} is not an employee field Roster knows: use ${EMPLOYEE_FIELD_CHOICES}.`,
  });

const email = z.email({ error: (issue) => `${shown(issue.input)} is not an e-mail address: give one such as it@acme.example.` }).max(320, 'An e-mail address has at most 320 characters.');

// Exclusion rules -------------------------------------------------------------------------------

const condition = strict('An exclude condition', 'an object {"field", "equals"} or {"field", "in"}', {
  field: employeeField('field'),
  equals: line(VALUE_LENGTH, { label: 'equals', error: expecting('equals', 'a text value to compare the field with') }).optional(),
  in: z
    .array(line(VALUE_LENGTH, { label: 'Each value of "in"', error: expecting('Each value of "in"', 'text') }), {
      error: expecting('in', 'a non-empty list of text values, e.g. ["casual", "intern"]'),
    })
    .min(1)
    .max(MAX_VALUES, `"in" may list at most ${MAX_VALUES} values.`)
    .optional(),
}).refine((c): c is ExcludeCondition => (c.equals === undefined) !== (c.in === undefined), {
  error: 'An exclude condition needs exactly one of "equals" (one value) or "in" (a list of values), e.g. {"field": "department", "equals": "Contractors"}.',
});

const allOf = strict('An "all" rule', 'an object {"all": [conditions]}', {
  all: z
    .array(condition, { error: expecting('all', 'a non-empty list of conditions that must all match') })
    .min(1)
    .max(MAX_RULES, `An "all" rule may have at most ${MAX_RULES} conditions.`),
});

/** An object with `all` is an "all" rule, anything else a condition: each then reports its own fields. */
const excludeRule = documentedAs(
  z.unknown().transform((input, context): ExcludeRule => {
    const isAll = typeof input === 'object' && input !== null && 'all' in input;
    const parsed = isAll ? allOf.safeParse(input) : condition.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const { path, message } of issuesToDetails(parsed.error.issues)) context.addIssue({ code: 'custom', path: path === '' ? [] : path.split('.'), message, input });
    return z.NEVER;
  }),
  z.union([condition, allOf]),
);

// The whole config -------------------------------------------------------------------------------

/** The config's schema; also its shape in the published contract (api/openapi/). */
export function tenantConfigSchema(minScheduleMinutes: number) {
  const cron = line(NAME_LENGTH, { label: 'schedule.cron', error: expecting('schedule.cron', 'a 5-field cron expression, e.g. "0 2 * * *"') }).superRefine((text, context) => {
    const parsed = parseCron(text);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', message: parsed.message, input: text });
      return;
    }
    const gap = minGapMinutes(parsed.cron);
    if (gap < minScheduleMinutes) {
      context.addIssue({
        code: 'custom',
        input: text,
        message: `"${text}" can run ${gap} minute${gap === 1 ? '' : 's'} after the previous run, but runs must be at least ${minScheduleMinutes} minutes apart: choose times further apart.`,
      });
    }
  });

  return strict('The config', 'a JSON object with identityKey, include, schedule and notifications', {
    identityKey: z.enum(IDENTITY_KEYS, {
      error: expecting('identityKey', `one of ${listOf(IDENTITY_KEYS)} (the value that becomes the user name)`),
    }),
    include: strict('include', 'an object with "statuses", e.g. {"statuses": ["active", "onboarding"]}', {
      statuses: z
        .array(z.enum(STATUSES, { error: expecting('A status', `one of ${listOf(STATUSES)}`) }), {
          error: expecting('include.statuses', `a non-empty list of statuses from ${listOf(STATUSES, 'and')}`),
        })
        .min(1)
        .max(STATUSES.length, `include.statuses lists each of the ${STATUSES.length} statuses at most once.`)
        // Run even when some item is refused, so that a duplicate is reported alongside; only valid statuses count.
        .superRefine(
          (statuses, context) => {
            statuses.forEach((status, index) => {
              if (STATUSES.includes(status) && statuses.indexOf(status) < index) {
                context.addIssue({ code: 'custom', path: [index], input: status, message: `"${status}" is listed twice in include.statuses: list each status once.` });
              }
            });
          },
          { when: (payload) => Array.isArray(payload.value) },
        ),
      exclude: z
        .array(excludeRule, { error: expecting('include.exclude', 'a list of rules: {"field", "equals"}, {"field", "in"} or {"all": [conditions]}') })
        .max(MAX_RULES, `include.exclude may have at most ${MAX_RULES} rules.`)
        .default([]),
    }),
    fieldMappings: boundedRecord(
      z.record(
        line(NAME_LENGTH, { label: 'A platform attribute' }).refine(isPlatformAttribute, {
          error: (issue) => `${shown(issue.input)} is not a platform attribute a mapping can write: use ${PLATFORM_ATTRIBUTE_CHOICES}.`,
        }),
        employeeField('Each mapping'),
        { error: expecting('fieldMappings', 'an object from platform attribute to employee field, e.g. {"title": "position"}') },
      ),
      MAX_RULES,
      'fieldMappings',
    )
      // Run even when another mapping is refused; an unknown source already has its own detail.
      .superRefine(
        (mappings, context) => {
          const source: unknown = mappings.manager;
          if (typeof source === 'string' && isEmployeeField(source) && !isManagerSource(source)) {
            context.addIssue({
              code: 'custom',
              path: ['manager'],
              input: source,
              message: `manager can only be mapped from ${listOf(MANAGER_SOURCES)}, because the platform stores the manager's own account; "${source}" does not identify a person.`,
            });
          }
        },
        { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
      )
      .default({}),
    groups: groupSources.optional(),
    notifications: strict('notifications', 'an object with "errorsTo", e.g. {"errorsTo": ["it@acme.example"]}', {
      errorsTo: z
        .array(email, { error: expecting('notifications.errorsTo', 'a non-empty list of e-mail addresses') })
        .min(1)
        .max(MAX_ADDRESSES, `notifications.errorsTo may list at most ${MAX_ADDRESSES} addresses.`),
      summaryTo: z
        .array(email, { error: expecting('notifications.summaryTo', 'a list of e-mail addresses') })
        .max(MAX_ADDRESSES, `notifications.summaryTo may list at most ${MAX_ADDRESSES} addresses.`)
        .default([]),
    }),
    schedule: strict('schedule', 'an object such as {"cron": "0 2 * * *", "timezone": "Australia/Sydney"}', {
      cron,
      timezone: line(NAME_LENGTH, { label: 'schedule.timezone', error: expecting('schedule.timezone', 'an IANA timezone name such as "Australia/Sydney" or "UTC"') }).superRefine((name, context) => {
        const problem = timeZoneProblem(name);
        if (problem) context.addIssue({ code: 'custom', message: problem, input: name });
      }),
      jitterMinutes: wholeNumber('schedule.jitterMinutes', 0, 1440).default(10),
    }),
    inviteNewUsers: flag('inviteNewUsers'),
    adoptExistingAccounts: flag('adoptExistingAccounts'),
    adoptExistingGroups: flag('adoptExistingGroups'),
    requireWorkEmail: flag('requireWorkEmail'),
    // Absent: off. A week at least, so that a removal by mistake is noticed before the profile is gone.
    anonymiseAfterDays: wholeNumber('anonymiseAfterDays', ANONYMISE_AFTER_DAYS.min, ANONYMISE_AFTER_DAYS.max).optional(),
    safety: strict('safety', 'an object such as {"maxDeactivations": 25, "maxDeactivationShare": 0.1}', {
      maxDeactivations: wholeNumber('safety.maxDeactivations', 0).default(25),
      maxDeactivationShare: z
        .number({ error: expecting('safety.maxDeactivationShare', 'a fraction from 0 to 1 (0.1 means 10 % of active accounts)') })
        .min(0)
        .max(1)
        .default(0.1),
    }).prefault({}),
    hypercareDays: wholeNumber('hypercareDays', 0, 365).default(14),
  });
}

export function validateTenantConfig(input: unknown, options: ValidateOptions): ConfigValidation {
  const result = tenantConfigSchema(options.minScheduleMinutes).safeParse(input);
  if (!result.success) return { ok: false, details: issuesToDetails(result.error.issues) };
  const { cron, timezone } = result.data.schedule;
  const parsed = parseCron(cron);
  // The schema accepted this expression, so it parses; the check only narrows the type.
  const warnings = parsed.ok ? daylightSavingWarnings(parsed.cron, timezone, options.now) : [];
  return { ok: true, config: result.data, warnings: warnings.map((message) => ({ path: 'schedule.cron', message })) };
}
