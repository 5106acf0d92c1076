// What the pure sync core reads and what it decides (docs/PRODUCT.md "One sync run", step 2). A plan is
// data: the apply step executes it, the API shows it, Postgres stores its items (never workflow
// history, which only sees counts and summaries).
import type { AccountFields, AccountLink, Employee, PlatformAccount, PlatformGroup } from '../../../common/directory';
import type { itemActions, ReadMode } from '../../../common/sync-run';
import type { TenantConfig } from '../../../common/tenant-config';

export type { ReadMode };

/** The parts of the tenant's config that shape a plan; a whole TenantConfig fits. */
export type PlanConfig = Pick<TenantConfig, 'identityKey' | 'include' | 'fieldMappings' | 'groups'> & Partial<Pick<TenantConfig, 'requireWorkEmail' | 'anonymiseAfterDays'>>;

/** Roster's record that it manages a platform group (the group counterpart of AccountLink). */
export interface GroupLink {
  externalId: string;
  groupId: string;
}

export interface PlanInput {
  /** The directory read. hrisIds are unique within a read. */
  employees: readonly Employee[];
  /** Every account the platform listed, managed or not. */
  accounts: readonly PlatformAccount[];
  /** Roster's links: the one definition of a managed account. */
  links: readonly AccountLink[];
  /** Every platform group; the managed ones are those a group link names. */
  groups: readonly PlatformGroup[];
  groupLinks: readonly GroupLink[];
  config: PlanConfig;
  /** Platform attributes the platform has; a mapped attribute it lacks is never written or compared. */
  supportedAttributes: ReadonlySet<string> | 'all';
  /** True only for the initial load (and the tests that preview it) with config.adoptExistingAccounts. */
  adoptExistingAccounts: boolean;
  /** True only for the initial load (and its previews) with config.adoptExistingGroups or adoptExistingAccounts. */
  adoptExistingGroups: boolean;
  /** An incremental read holds only the people who changed: nobody is deactivated by absence. */
  readMode: ReadMode;
  /** The tenant's local date (YYYY-MM-DD): an end date before it means the person has left. */
  today: string;
}

/** common/sync-run.ts's `itemActions` is the one list: the API, the console and the metrics read it too. */
export type ItemAction = (typeof itemActions)[number];

/** Why an in-scope person is blocked by a data problem; `missing_email` only ever blocks a create. */
export const SKIP_REASONS = ['missing_identity_key', 'duplicate_identity_key', 'unmanaged_account_conflict', 'missing_email'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
/** Why a person is out of scope; exclude items always say `out_of_scope`, deactivations say which. */
export type OutOfScopeReason = 'left' | 'terminated' | 'out_of_scope';
export type ReasonCode = SkipReason | OutOfScopeReason | 'missing_from_directory';

/**
 * A link the apply step must record once the item is written: `new` for a created account,
 * `relink` moves a link from `relinkedFrom` (a rehire), `external_id` recovers a crash between
 * create and link, `adopt` takes over an existing account at the initial load.
 */
export type LinkKind = 'new' | 'relink' | 'adopt' | 'external_id';

/**
 * Which rule of docs/PRODUCT.md "Matching people to accounts" found an item's account, for the
 * person trace: Roster's link, a rehire's link moved, the external id of a create whose link was
 * lost, or the identity key (the initial load adopting an account).
 */
export type MatchRule = 'link' | 'relink' | 'external_id' | 'adopt';

/** One field's move; null means absent (a `to` of null clears the field). */
export interface Change<T> {
  from: T | null;
  to: T | null;
}

/** Only the fields that differ: shown to support as from → to, and sent as a PATCH by `patchOf`. */
export interface AccountDiff {
  userName?: Change<string>;
  externalId?: Change<string>;
  givenName?: Change<string>;
  familyName?: Change<string>;
  displayName?: Change<string>;
  email?: Change<string>;
  active?: Change<boolean>;
  attributes?: Record<string, Change<string>>;
}

export interface ItemWarning {
  code: 'manager_not_found';
  message: string;
}

export interface PlanItem {
  /** The person's HRIS id; for an account whose person is gone, the id its link names. */
  hrisId: string;
  /** The platform account the item concerns; absent for creates, exclusions without an account and conflicts. */
  accountId?: string;
  /** The identity-key value (the user name); absent when the person has none. */
  identityKey?: string;
  /** Display name, for the UI and the error file. */
  name: string;
  action: ItemAction;
  /** update / reactivate / deactivate / anonymise (and unchanged items that only record a link): exactly what to write. */
  changes?: AccountDiff;
  /** create: every field of the new account. */
  fields?: AccountFields;
  link?: LinkKind;
  /** Which rule found `accountId`; absent when the item has no account. */
  matchedBy?: MatchRule;
  /** relink: the HRIS id whose link moves to this person. */
  relinkedFrom?: string;
  /** Second pass: after creates, write this manager's new account id into the `manager` attribute. */
  managerHrisId?: string;
  reasonCode?: ReasonCode;
  reason?: string;
  warnings?: ItemWarning[];
}

/** A member to add: created accounts are known by hrisId only until the apply step has linked them. */
export interface GroupMember {
  hrisId: string;
  accountId?: string;
}

/**
 * create: a new group with its members; update: a rename and/or membership changes; empty: a
 * group no longer derived from the directory loses its managed members and stays; delete: the
 * same, when the tenant asks for removed groups to be deleted.
 */
export interface GroupPlanItem {
  action: 'create' | 'update' | 'empty' | 'delete';
  externalId: string;
  /** The existing platform group (all actions but create). */
  groupId?: string;
  displayName: string;
  rename?: Change<string>;
  add: GroupMember[];
  /** Account ids; only accounts Roster manages are ever removed. */
  remove: string[];
  /**
   * A link the apply step must record: `new` after a create, `external_id` for a group created
   * before a crash, `adopt` for an unmanaged group taken over by name (stamped with the external id first).
   */
  link?: 'new' | 'external_id' | 'adopt';
}

/** docs/API.md's counts keys. */
export interface RunCounts {
  created: number;
  updated: number;
  deactivated: number;
  reactivated: number;
  anonymised: number;
  unchanged: number;
  skipped: number;
  excluded: number;
  failed: number;
  groupsCreated: number;
  groupsUpdated: number;
  groupsRemoved: number;
}

/** A problem with the config on this platform rather than with a person: reported once per run. */
export interface PlanWarning {
  code: 'attribute_not_supported';
  attribute: string;
  message: string;
}

export interface Plan {
  items: PlanItem[];
  groups: GroupPlanItem[];
  warnings: PlanWarning[];
  /** The run's planned counts (a dry run's counts too). */
  planned: RunCounts;
  /** People of the read in scope, for the empty-scope guard. */
  inScope: number;
  /** Active managed accounts before the run, for the empty-scope guard and the deactivation share. */
  activeManagedBefore: number;
}
