// The problems a tenant can have, opened and resolved by Roster itself (docs/PRODUCT.md "Tenant
// health"): one list, read by the run-end and sweep activities, the mail, the API and the console.

/** A run ended by an HR system out of reach this many times in a row opens `hris_unreachable`. */
export const HRIS_UNREACHABLE_RUNS = 3;
/** `stale`: no successful run within this many times the schedule's longest gap between fires. */
export const STALE_INTERVALS = 2;
/** `mail_failing`: a mail still unsent after this many tries (about two hours of the outbox's retries). */
export const MAIL_FAILING_TRIES = 10;

export interface ProblemKind {
  title: string;
  /** What support does about it. */
  whatToDo: string;
  /** What closes it, in words; Roster closes it itself. */
  resolvedWhen: string;
  /** Another mail already tells support the moment it opens (the held-run notice), so it is not mailed twice. */
  toldByOwnMail?: boolean;
}

export const problemKinds = {
  credentials_rejected: {
    title: "The HR system rejects the tenant's key",
    whatToDo: 'The HRIS admin has been sent a fresh authorization link; make sure they use it, or enter a new key.',
    resolvedWhen: 'the next run that reads the HR system with a working key',
  },
  insufficient_scope: {
    title: "The tenant's key cannot see everyone in the HR system",
    whatToDo: 'Ask the HRIS admin for a key with full read access, and enter it (or send a new authorization link).',
    resolvedWhen: 'the next run that reads the HR system with a working key',
  },
  platform_credentials_rejected: {
    title: "The platform rejects Roster's token",
    whatToDo: "Get a new token from the platform's admin and set it in the tenant's platform settings.",
    resolvedWhen: 'the next run that reads the platform with a working token',
  },
  hris_unreachable: {
    title: `The HR system could not be reached for ${HRIS_UNREACHABLE_RUNS} runs in a row`,
    whatToDo: "Check the HR system's status page and the tenant's HR-system address; contact the vendor if it is down.",
    resolvedWhen: 'the next run that reads the HR system',
  },
  partial_directory: {
    title: 'The directory read could not be trusted to be complete',
    whatToDo: "Look at the run's error; usually the key lacks a permission, or the directory kept changing while it was read.",
    resolvedWhen: 'the next run whose read is complete',
  },
  empty_directory: {
    title: 'The directory came back empty, or with nobody in scope',
    whatToDo: "Check the HR system and the config's scope with the customer; nothing is deactivated meanwhile.",
    resolvedWhen: 'the next run that finds people in scope',
  },
  run_held: {
    title: 'A run is held for approval',
    whatToDo: "Check whom it would deactivate on the run's page, then approve or reject it.",
    resolvedWhen: 'the held run ends (approved, rejected, cancelled or expired)',
    toldByOwnMail: true,
  },
  schedule_missing: {
    title: "The tenant is live but its Temporal schedule is missing",
    whatToDo: 'Roster repairs schedules within 6 hours; if this stays open, pause and resume the tenant.',
    resolvedWhen: 'the schedule exists again (checked every hour)',
  },
  mail_failing: {
    title: "The tenant's e-mail cannot be sent",
    whatToDo: "Check the SMTP server and the tenant's addresses (the outbox's last SMTP answer is in the detail).",
    resolvedWhen: "the tenant's next e-mail is sent",
  },
  stale: {
    title: `No successful run within ${STALE_INTERVALS} times the schedule's interval`,
    whatToDo: "Open the tenant's latest runs and the Temporal UI to see why nothing succeeded.",
    resolvedWhen: 'the next run that applies successfully, or the tenant no longer being live',
  },
} as const satisfies Record<string, ProblemKind>;

export type ProblemType = keyof typeof problemKinds;
export const problemTypes = Object.keys(problemKinds) as ProblemType[];

/** What a problem says about itself: ids, counts, codes and times only, never a person's data or a secret. */
export interface ProblemDetail {
  syncId?: string;
  /** The run's error code, or the SMTP answer's codes for mail. */
  code?: string;
  runs?: number;
  mailId?: string;
  lastSuccessAt?: string;
  intervalHours?: number;
}

/** What closed a problem: a run (its id), the hourly sweep, or a sent e-mail (its id). */
export const resolvers = ['run', 'sweep', 'mail'] as const;
export type Resolver = (typeof resolvers)[number];
export interface ResolvedBy {
  kind: Resolver;
  ref?: string;
}
