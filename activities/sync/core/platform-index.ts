// The platform as the matching rules look it up: accounts by id and by user name, unlinked
// accounts by externalId, and Roster's links both ways. Built once per plan so every look-up is a
// Map hit.
import type { AccountLink, PlatformAccount } from '../../../common/directory';
import { foldKey } from './normalise';

export interface PlatformIndex {
  /** The account linked to this HRIS id, when the platform still has it. */
  linkedAccount(hrisId: string): PlatformAccount | undefined;
  /** The HRIS id an account is linked to: set exactly for the accounts Roster manages. */
  linkedHrisId(accountId: string): string | undefined;
  /** The account with this user name (give the folded key). */
  byUserName(matchKey: string): PlatformAccount | undefined;
  /** The unlinked account carrying this externalId (case-exact, as SCIM defines it). */
  unlinkedByExternalId(externalId: string): PlatformAccount | undefined;
  /** Links whose account the platform still has, in the platform's order. */
  managed: readonly { hrisId: string; account: PlatformAccount }[];
  activeManaged: number;
}

export function indexPlatform(accounts: readonly PlatformAccount[], links: readonly AccountLink[]): PlatformIndex {
  // Links are one-to-one (the links table keeps them so); every look-up here is a Map operation,
  // so the index is built in two passes with as few as a 100,000-account platform allows.
  const hrisByAccount = new Map<string, string>();
  for (const { hrisId, accountId } of links) hrisByAccount.set(accountId, hrisId);

  const byUserName = new Map<string, PlatformAccount>();
  const linkedByHris = new Map<string, PlatformAccount>();
  const unlinkedByExternalId = new Map<string, PlatformAccount>();
  const managed: { hrisId: string; account: PlatformAccount }[] = [];
  let activeManaged = 0;
  for (const account of accounts) {
    // User names are unique on the platform; should two differ only in case, the last one listed wins.
    byUserName.set(foldKey(account.userName), account);
    const hrisId = hrisByAccount.get(account.id);
    if (hrisId !== undefined) {
      linkedByHris.set(hrisId, account);
      managed.push({ hrisId, account });
      if (account.active) activeManaged += 1;
    } else if (account.externalId !== undefined && !unlinkedByExternalId.has(account.externalId)) {
      unlinkedByExternalId.set(account.externalId, account);
    }
  }
  // A link to an account the platform no longer lists is stale: its person is matched afresh.
  if (managed.length < hrisByAccount.size) {
    for (const [accountId, hrisId] of hrisByAccount) if (linkedByHris.get(hrisId)?.id !== accountId) hrisByAccount.delete(accountId);
  }

  return {
    linkedAccount: (hrisId) => linkedByHris.get(hrisId),
    linkedHrisId: (accountId) => hrisByAccount.get(accountId),
    byUserName: (matchKey) => byUserName.get(matchKey),
    unlinkedByExternalId: (externalId) => unlinkedByExternalId.get(externalId),
    managed,
    activeManaged,
  };
}
