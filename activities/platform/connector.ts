// What the sync needs from the platform that holds the tenant's user accounts. Users are never
// deleted: there is no method for it. Deactivating is `updateUser(id, {active: false})`.
import type { AccountChanges, AccountFields, PlatformAccount, PlatformGroup } from '../../common/directory';

export interface AccountPage {
  accounts: PlatformAccount[];
  totalResults: number;
  /** Where the next page starts (1-based), to resume a listing; undefined after the last page. */
  nextStartIndex?: number;
}

export interface NewGroup {
  externalId: string;
  displayName: string;
  /** Platform account ids. */
  members: string[];
}

/** The platform attributes (config names, e.g. `department`, `custom.startDate`) the platform has; 'all' when it does not say. */
export type SupportedAttributes = ReadonlySet<string> | 'all';

export interface PlatformConnector {
  listAccounts(from?: { startIndex?: number; pageSize?: number }): AsyncIterable<AccountPage>;
  /** The account with this platform id; undefined when the platform has none. */
  findById(id: string): Promise<PlatformAccount | undefined>;
  findByExternalId(externalId: string): Promise<PlatformAccount | undefined>;
  /** Case-insensitive, as SCIM userNames are. */
  findByUserName(userName: string): Promise<PlatformAccount | undefined>;
  /** A taken userName fails with ConnectorError `conflict`. */
  createUser(fields: AccountFields): Promise<PlatformAccount>;
  /** Sends only what `changes` names; nothing at all when it names nothing. */
  updateUser(id: string, changes: AccountChanges): Promise<void>;
  supportedAttributes(): Promise<SupportedAttributes>;
  listGroups(): Promise<PlatformGroup[]>;
  findGroupByExternalId(externalId: string): Promise<PlatformGroup | undefined>;
  createGroup(group: NewGroup): Promise<PlatformGroup>;
  renameGroup(id: string, displayName: string): Promise<void>;
  /** Writes Roster's external id on a group it takes over by name, so that from then on only ids count. */
  stampGroup(id: string, externalId: string): Promise<void>;
  addMembers(id: string, accountIds: string[]): Promise<void>;
  removeMembers(id: string, accountIds: string[]): Promise<void>;
  /** Only when the tenant asks for removed groups to be deleted; a group already gone is fine. */
  deleteGroup(id: string): Promise<void>;
}
