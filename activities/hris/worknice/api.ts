// What Roster believes about Worknice's GraphQL API (docs/CONNECTORS.md, "Worknice"). Facts marked
// (unconfirmed) come from third-party code, not the vendor: correcting one is a change here only.
// The queries ask for confirmed fields only: GraphQL refuses a whole query over one unknown field.
import { z } from 'zod';
import type { EmployeeStatus } from '../../../common/directory';

export interface WorkniceOperation {
  /** The operation's name, for messages: it says which query failed without quoting anything. */
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export const WORKNICE = {
  defaultBaseUrl: 'https://app.worknice.com/api',
  path: '/graphql',
  tokenHeader: 'worknice-api-token',
  operations: {
    // __typename is valid on every GraphQL object: the cheapest question that still needs the key.
    verify: {
      name: 'RosterVerifyKey',
      query: 'query RosterVerifyKey { session { org { __typename } } }',
      variables: {},
    },
    // No status filter: leavers and pre-hires come back too, under whatever status they have.
    people: {
      name: 'RosterPeople',
      query: `query RosterPeople($includeArchived: Boolean) {
  session {
    org {
      people(includeArchived: $includeArchived) {
        id displayName status employeeCode profileEmail startDate
        currentJob { position { title manager { currentJob { person { id } } } } }
        location { name }
      }
    }
  }
}`,
      // Archived people are leavers: without them a leaver would vanish instead of being deactivated.
      variables: { includeArchived: true },
    },
  } satisfies Record<string, WorkniceOperation>,
  /**
   * Status spellings. Only `ACTIVE` is confirmed; the others exist in the product under spellings
   * (unconfirmed). Anything else is `inactive`, its spelling kept in `custom.workniceStatus`.
   */
  statuses: {
    ACTIVE: 'active',
    ONBOARDING: 'onboarding',
    // Still employed until they leave; the query has no end date to say when.
    OFFBOARDING: 'active',
    TERMINATED: 'terminated',
    ARCHIVED: 'terminated',
  } as Readonly<Record<string, EmployeeStatus>>,
  /** The custom field that carries the status as Worknice spelled it, for mappings and support. */
  statusField: 'workniceStatus',
  /** GraphQL error codes that mean the key was refused (HTTP 200 or not). */
  rejectedKeyCodes: ['UNAUTHENTICATED', 'UNAUTHORIZED', 'UNAUTHORISED', 'FORBIDDEN', 'INVALID_TOKEN'],
  /** For an error without a code: a message about the key. */
  rejectedKeyMessage: /\bunauthori[sz]ed\b|\bunauthenticated\b|\bnot (authenticated|logged in)\b|\b(api|access|invalid|expired|revoked|missing) ?token\b|\btoken (is )?(invalid|expired|revoked|missing)\b/i,
  /** GraphQL error codes worth trying again later. */
  transientCodes: ['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'TIMEOUT', 'TIMED_OUT'],
} as const;

const text = z.string().nullish();

export const graphqlAnswer = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({
        message: z.unknown().optional(),
        path: z.array(z.union([z.string(), z.number()])).optional(),
        extensions: z.object({ code: z.unknown().optional() }).nullish(),
      }),
    )
    .optional(),
});
export type GraphqlError = NonNullable<z.infer<typeof graphqlAnswer>['errors']>[number];

/** `session` is null for a key that opens no session; `org` for one that belongs to no organisation. */
const orgOf = <T extends z.ZodType>(org: T) => z.object({ session: z.object({ org: org.nullable() }).nullable() });

export const verifyData = orgOf(z.object({ __typename: z.string() }));
export const peopleData = orgOf(z.object({ people: z.array(z.unknown()) }));

export const person = z.object({
  id: z.string().min(1),
  displayName: text,
  status: text,
  employeeCode: z.union([z.string(), z.number().transform(String)]).nullish(),
  profileEmail: text,
  startDate: text,
  // Every level may be null: no current job, a job without a position, a position without a
  // manager, a manager position nobody holds.
  currentJob: z
    .object({
      position: z
        .object({
          title: text,
          manager: z.object({ currentJob: z.object({ person: z.object({ id: text }).nullish() }).nullish() }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  location: z.object({ name: text }).nullish(),
});
export type WorknicePerson = z.infer<typeof person>;
