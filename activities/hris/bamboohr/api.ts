// What Roster believes about BambooHR's API (docs/CONNECTORS.md, "BambooHR"). Facts marked
// (unconfirmed) come from third-party code, not the vendor: correcting one is a change here only.
import { z } from 'zod';

export const BAMBOOHR = {
  /** The default base for a subdomain; a tenant's baseUrl (e.g. the gateway.php form) overrides it. */
  defaultBaseUrl: (subdomain: string) => `https://${subdomain}.bamboohr.com/api/v1`,
  /** A company's subdomain: a DNS label, so a setting cannot point the key at another host. */
  subdomain: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i,
  paths: {
    /** 0 is the key's owner. */
    owner: '/employees/0',
    report: '/reports/custom',
    changed: '/employees/changed',
    employee: (id: string) => `/employees/${encodeURIComponent(id)}`,
    /** Every field of the account: BambooHR's own and the company's custom fields. */
    fields: '/meta/fields',
  },
  reportTitle: 'Roster directory',
  /**
   * The fields Roster reads. Unknown ones are silently dropped, so each may be missing from an
   * answer. Never `supervisorId`: despite its name it holds the supervisor's employeeNumber.
   */
  fields: [
    'employeeNumber',
    'firstName',
    'lastName',
    'preferredName',
    'workEmail',
    'status',
    'employmentHistoryStatus',
    'jobTitle',
    'department',
    'division',
    'location',
    'hireDate',
    'terminationDate',
    'supervisorEId',
    'supervisorEmail',
  ],
  /** The most fields one report may ask for: the fields above, then the company's own. */
  maxReportFields: 400,
  /** `status` spellings, compared without case; any other value is read as `inactive`. */
  statuses: { active: 'active', inactive: 'inactive' } as Readonly<Record<string, 'active' | 'inactive'>>,
  /**
   * `employmentHistoryStatus` labels that mean the person left. Companies rename the labels: only
   * BambooHR's default "Terminated" is known; a renamed one is caught by `status` and the date.
   */
  terminatedLabel: /\bterminated\b/i,
  /** BambooHR's "no date". */
  noDate: '0000-00-00',
  /**
   * A watermark is BambooHR's clock (its Date header) this long before the answer: a save
   * stamped a moment earlier may still be committing, and BambooHR's servers' clocks may differ
   * by seconds. A change in the overlap is read twice, which is harmless.
   */
  watermarkOverlapMs: 60_000,
  /** The change action of a removed person, without case; Inserted and Updated are read. */
  deletedAction: 'deleted',
  /**
   * Up to this many changed people are read one by one; more are read with one report. Each call
   * counts against BambooHR's throttling, and a report costs one call whatever the company's size.
   */
  maxSingleReads: 20,
  /** The 403 reasons that mean the key itself no longer works, not that it lacks a permission (unconfirmed wording). */
  disabledKey: /disabled|deactivated|suspended|inactive|invalid|revoked/i,
} as const;

/** Values are strings, empty or null; numbers are read as text in case a field is typed. */
const text = z.union([z.string(), z.number().transform(String)]).nullish();

/**
 * A person's values. Besides the fields named here, it carries those of the company's own fields
 * asked for by id (custom-fields.ts), of whatever shape: the mapping reads them leniently.
 */
export const record = z.object({
  id: z.union([z.string().min(1), z.number().transform(String)]),
  employeeNumber: text,
  firstName: text,
  lastName: text,
  preferredName: text,
  workEmail: text,
  status: text,
  employmentHistoryStatus: text,
  jobTitle: text,
  department: text,
  division: text,
  location: text,
  hireDate: text,
  terminationDate: text,
  supervisorEId: text,
  supervisorEmail: text,
}).catchall(z.unknown());
export type BambooRecord = z.infer<typeof record>;

/**
 * One entry of GET /meta/fields. A top-level field's id may come as a number, a sub-field's is
 * dotted ("4340.4"); `alias` is there only for fields that have one, `deprecated` only when true.
 */
export const fieldInfo = z.object({
  id: z.union([z.number().int(), z.string()]).transform(String),
  alias: z.string().nullish(),
  deprecated: z.boolean().nullish(),
});
export type BambooField = z.infer<typeof fieldInfo>;

export const fieldList = z.array(z.unknown());

export const report = z.object({ employees: z.array(z.unknown()) });

/** Its `latest` is not read: see changes.ts. */
export const changedList = z.object({
  employees: z.union([
    z.record(z.string(), z.object({ id: z.union([z.string(), z.number().transform(String)]), action: z.string() })),
    // PHP serialises an empty map as [].
    z.array(z.never()).transform((): Record<string, never> => ({})),
  ]),
});

export const owner = z.object({ id: z.union([z.string(), z.number()]) });
