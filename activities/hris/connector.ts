// What every HR system looks like to Roster: a cheap key check and a full read of the directory
// as resumable pages of normalised employees. Each provider's folder makes one of this shape; a
// provider with one bulk call (BambooHR's report, Worknice's GraphQL query, a CSV upload) yields
// one page.
import type { Db } from '../../common/db';
import type { Employee } from '../../common/directory';
import type { HttpTuning } from '../http/client';
import type { hrisRegistry, HrisProvider, SettingsOf } from './registry';

/**
 * Where a read stopped: positions and counts only, never people's data, so that a paging
 * activity may heartbeat it and Temporal may keep it. Each connector reads back only its own.
 */
export type DirectoryCursor = { readonly scan: number } & Readonly<Record<string, string | number>>;

export interface DirectoryPage {
  /**
   * Which pass over the directory the page belongs to. A connector that must read again from the
   * start (the directory moved under its paging) raises it: the consumer then discards every page
   * of a lower scan. The first page of each scan is yielded even when empty, so a restart is
   * always seen.
   */
  scan: number;
  /** Manager e-mails are left to resolveManagerEmails: a manager may be on a later page. */
  employees: Employee[];
  /** Pass it back to readDirectory to read the pages after this one. */
  cursor: DirectoryCursor;
  /**
   * Source records Roster could not turn into a person or a membership (CSV rows): each fails
   * alone and is reported in the run's errors.csv with its file and line.
   */
  rowErrors?: RowError[];
}

/** A bad source record. The message names the problem and the row, never quotes people's data beyond its ids. */
export interface RowError {
  /** The source's file or list, e.g. `users.csv`. */
  file: string;
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** The person the row is about, when the row names one. */
  hrisId?: string;
  code: 'unknown_group' | 'unknown_subgroup' | 'unknown_user' | 'duplicate_id' | 'bad_email' | 'bad_row';
  message: string;
}

/** The people changed since a watermark (an incremental read, docs/PRODUCT.md "One sync run" step 1). */
export interface ChangedPeople {
  /** Current records of the people who changed and still exist; manager e-mails left to resolveManagerEmails. */
  employees: Employee[];
  /** Where the next incremental read starts: the HR system's own mark, never a local clock's. */
  watermark: string;
}

export interface ReadOptions {
  /** YYYY-MM-DD in the tenant's timezone: decides current roles and started or ended employment. */
  today: string;
  /** Resume after the page that gave this cursor; absent to read from the start. */
  cursor?: DirectoryCursor;
}

export interface HrisConnector {
  /**
   * Resolves when the key may read the directory. Throws ConnectorError `credentials_rejected`,
   * `insufficient_scope`, `misconfigured` or `not_found` when it may not, and `rate_limited` or
   * `transient` when the HR system could not say (never a rejection because of a 429 or 5xx).
   */
  verify(): Promise<{ ok: true }>;
  /**
   * The whole directory, page by page. A read Roster cannot trust to be complete throws
   * ConnectorError `partial_directory`.
   */
  readDirectory(options: ReadOptions): AsyncIterable<DirectoryPage>;
  /**
   * Only the people with these HR ids, as of `today`, for a targeted run; one the HR system no
   * longer has is left out. A connector without it is read whole and the rest dropped
   * (activities/sync/read-targeted.ts), which costs a full read but needs nothing of the vendor.
   */
  readPeople?(options: { today: string; hrisIds: readonly string[] }): Promise<Employee[]>;
  /**
   * Only for HR systems that can say who changed (BambooHR). `watermark` before a full read: the
   * mark an incremental read after it starts from (taken first, so a change during the read is
   * read again, never missed).
   */
  changes?: {
    watermark(): Promise<string>;
    readChangedSince(options: { today: string; since: string }): Promise<ChangedPeople>;
  };
}

/** What a connector may need besides its settings and key. */
export interface HrisDeps {
  db: Db;
  tenantId: string;
  http?: HttpTuning;
}

/** A connector with `changes` exactly when its descriptor says it `readsChanges`. */
export type ConnectorOf<ReadsChanges extends boolean> = Omit<HrisConnector, 'changes'> &
  (ReadsChanges extends true ? Required<Pick<HrisConnector, 'changes'>> : { changes?: undefined });

/** How a provider's folder plugs in (index.ts lists them): its connector, and where a key goes. */
export interface HrisConnection<P extends HrisProvider> {
  connect: (settings: SettingsOf<P>, apiKey: string, deps: HrisDeps) => ConnectorOf<(typeof hrisRegistry)[P]['readsChanges']>;
  /** The base URL the tenant's key is sent to, which the authorization page names; undefined when it never leaves Roster. */
  keyDestination: (settings: SettingsOf<P>) => string | undefined;
}
