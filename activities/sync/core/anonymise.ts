// Anonymising a long-deactivated account (docs/PRODUCT.md "Anonymising long-deactivated accounts"):
// when it is due, and the neutral profile that replaces the person's. The account stays, inactive
// and linked, so a rehire takes it back and has their fields written again from the HR system.
import type { AccountLink, PlatformAccount } from '../../../common/directory';
import { diffAccount } from './diff';
import type { AccountDiff, PlanItem } from './types';

/** What an anonymised account and its item are called: no trace of the person's name. */
export const FORMER_EMPLOYEE = { givenName: 'Former', familyName: 'employee', displayName: 'Former employee' } as const;

/**
 * The user name of an anonymised account. The platform's account id is unique there, so the user
 * name stays unique, and it carries nothing of the person (an HR id may be their e-mail).
 */
export const anonymousUserName = (accountId: string) => `former-employee-${accountId}`;

const DAY_MS = 86_400_000;

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Whether this account is due: the tenant anonymises, Roster deactivated it at least `afterDays`
 * ago (the clock starts with Roster's own deactivation, so an account deactivated by hand, or before
 * Roster recorded the date, is never anonymised), it is still inactive, and not anonymised yet.
 */
export function anonymiseDue(link: AccountLink | undefined, account: PlatformAccount, afterDays: number | undefined, today: string): boolean {
  if (afterDays === undefined || !link || link.anonymised || link.deactivatedOn === undefined || account.active) return false;
  return daysBetween(link.deactivatedOn, today) >= afterDays;
}

/**
 * The item that replaces `left`, the leaver's usual item (out of scope, or gone from the
 * directory), keeping its reason. It names the person by HR id only and keeps only the new values,
 * so the item itself holds nothing that anonymising must remove. Its changes may be empty (a
 * platform already written, a crash before Roster recorded it): it is still applied, for Roster's
 * own records. `cleared` are the mapped attributes the platform has, the manager included.
 */
export function anonymiseItem(left: PlanItem, account: PlatformAccount, cleared: readonly string[]): PlanItem {
  const neutral = { userName: anonymousUserName(account.id), externalId: account.externalId ?? left.hrisId, active: false, ...FORMER_EMPLOYEE, attributes: {} };
  const diff = diffAccount(account, neutral, cleared);
  const item: PlanItem = { hrisId: left.hrisId, accountId: account.id, name: FORMER_EMPLOYEE.displayName, action: 'anonymise', matchedBy: 'link' };
  if (left.reasonCode !== undefined) item.reasonCode = left.reasonCode;
  item.reason = `${left.reason ?? 'Left.'} Deactivated long enough ago that the tenant has the profile anonymised.`;
  if (diff) item.changes = withoutPersonalData(diff);
  return item;
}

/** Only the values written: what the account held is the person's, and is not kept. */
function withoutPersonalData(diff: AccountDiff): AccountDiff {
  const kept: AccountDiff = {};
  for (const field of ['userName', 'externalId', 'givenName', 'familyName', 'displayName', 'email'] as const) {
    const moved = diff[field];
    if (moved) kept[field] = { from: null, to: moved.to };
  }
  if (diff.attributes) kept.attributes = Object.fromEntries(Object.entries(diff.attributes).map(([name, moved]) => [name, { from: null, to: moved.to }]));
  return kept;
}
