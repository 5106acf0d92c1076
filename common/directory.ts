// The shapes a sync run works with: people as every HR system is normalised to
// (docs/CONNECTORS.md, "The normalised employee"), accounts and groups as the platform holds them,
// and the links that say which accounts Roster manages. Connectors produce them, the pure sync
// core plans from them, the platform client writes them.

export type EmployeeStatus = 'active' | 'onboarding' | 'terminated' | 'inactive';

export interface SourceGroup {
  /** The source's own stable id (CSV groups); value-derived groups (teams) have none. */
  id?: string;
  name: string;
}

export interface Employee {
  /** The HR system's stable id for the person; never changes. */
  hrisId: string;
  employeeCode?: string;
  /** As the HR system gives it; the sync core lower-cases it for matching. */
  workEmail?: string;
  personalEmail?: string;
  firstName?: string;
  lastName?: string;
  preferredName?: string;
  displayName?: string;
  status: EmployeeStatus;
  /** ISO dates (YYYY-MM-DD). A future endDate on an active person is not yet a leaver. */
  startDate?: string;
  endDate?: string;
  position?: string;
  department?: string;
  division?: string;
  location?: string;
  employmentBasis?: string;
  managerHrisId?: string;
  managerEmail?: string;
  groups?: SourceGroup[];
  tags?: string[];
  custom?: Record<string, string>;
}

/**
 * The fields Roster writes to a platform account. `attributes` are keyed by the platform
 * attribute names of the config (`title`, `department`, `employeeNumber`, `manager` — the
 * manager account's platform id —, `custom.<name>`, …).
 */
export interface AccountFields {
  userName: string;
  externalId: string;
  active: boolean;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  email?: string;
  attributes: Record<string, string>;
}

/** An account as read from the platform. */
export interface PlatformAccount extends Omit<AccountFields, 'externalId'> {
  id: string;
  externalId?: string;
}

/** Which fields to change on an account: a new value, or null to clear it. */
export type AccountChanges = Partial<Record<'userName' | 'externalId' | 'givenName' | 'familyName' | 'displayName' | 'email', string | null>> & {
  active?: boolean;
  attributes?: Record<string, string | null>;
};

export interface PlatformGroup {
  id: string;
  externalId?: string;
  displayName: string;
  /** Platform account ids. */
  members: string[];
}

/** Roster's record that it manages an account: the only definition of "managed". */
export interface AccountLink {
  hrisId: string;
  accountId: string;
  /** The tenant's local date Roster deactivated the account; absent while it is active. */
  deactivatedOn?: string;
  /** Roster anonymised the account after that deactivation (docs/PRODUCT.md "Anonymising long-deactivated accounts"). */
  anonymised?: boolean;
}
