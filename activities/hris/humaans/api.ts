// What Roster believes about Humaans' API (docs/CONNECTORS.md, "Humaans"). Facts marked
// (unconfirmed) come from third-party code, not the vendor: correcting one is a change here only.
import { z } from 'zod';
import type { EmployeeStatus } from '../../../common/directory';

export const HUMAANS = {
  defaultBaseUrl: 'https://app.humaans.io/api',
  paths: {
    me: '/me',
    /** (unconfirmed) */
    tokenInfo: '/token-info',
    people: '/people',
    /** (unconfirmed field list) */
    jobRoles: '/job-roles',
    locations: '/locations',
    /** (unconfirmed: from two client libraries, not the vendor's API reference) */
    customValues: '/custom-values',
  },
  /** The documented example; the maximum is probably 250 (unconfirmed) and may be capped silently. */
  pageSize: 100,
  /** Without it, new hires and offboarded people are silently left out of every read. */
  privateScope: 'private:read',
  /** Re-reads from the start when the directory moves under offset paging. */
  maxRescans: 3,
  /** Status spellings. Only `active` and `offboarded` are confirmed; anything else is `inactive`. */
  statuses: {
    active: 'active',
    offboarded: 'terminated',
    newHire: 'onboarding',
    new_hire: 'onboarding',
    onboarding: 'onboarding',
    preboarding: 'onboarding',
  } as Readonly<Record<string, EmployeeStatus>>,
} as const;

const text = z.string().nullish();

export const pageEnvelope = z.object({
  total: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative().optional(),
  skip: z.number().int().nonnegative().optional(),
  data: z.array(z.unknown()),
});

/** (unconfirmed) `scopes` as a list; a space-separated string is accepted too. */
export const tokenInfo = z.object({
  scopes: z.union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean))]),
});

export const person = z.object({
  id: z.string().min(1),
  firstName: text,
  lastName: text,
  preferredName: text,
  email: text,
  personalEmail: text,
  employeeId: z.union([z.string(), z.number().transform(String)]).nullish(),
  status: text,
  locationId: text,
  teams: z.array(z.object({ name: z.string() })).nullish(),
  contractType: text,
  employmentStartDate: text,
  employmentEndDate: text,
  lastWorkingDay: text,
});
export type HumaansPerson = z.infer<typeof person>;

export const jobRole = z.object({
  personId: z.string().min(1),
  jobTitle: text,
  department: text,
  /** The manager's person id. */
  reportingTo: text,
  effectiveDate: text,
  endDate: text,
});
export type HumaansJobRole = z.infer<typeof jobRole>;

export const location = z.object({ id: z.string().min(1), name: text });

/**
 * (unconfirmed field list) One person's value of one custom field, named by the field's id. A
 * multiple-choice field's value is a list; `resourceId` ties a value to a record other than the
 * person. The value is read leniently (custom-fields.ts): an odd one is left out, not fatal.
 */
export const customValue = z.object({
  personId: z.string().min(1),
  customFieldId: z.string().min(1),
  resourceId: text,
  value: z.unknown(),
});
export type HumaansCustomValue = z.infer<typeof customValue>;
