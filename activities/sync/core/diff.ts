// What must change on an account for it to match what Roster wants, and the PATCH that does it.
// For a managed account the HR system is the truth: a value edited on the platform differs here
// and is set back. User names and e-mails compare case-insensitively, as SCIM defines them
// (RFC 7643: not caseExact); other text compares by its characters, however Unicode composes them.
import type { AccountChanges, AccountFields, PlatformAccount } from '../../../common/directory';
import { foldKey, sameText } from './normalise';
import type { AccountDiff, Change } from './types';

type TextField = 'userName' | 'externalId' | 'givenName' | 'familyName' | 'displayName' | 'email';

const sameExactly = (a: string | undefined, b: string | undefined) => a === b;
const sameIgnoringCase = (a: string | undefined, b: string | undefined) => a === b || (a !== undefined && b !== undefined && foldKey(a) === foldKey(b));

const TEXT_FIELDS: readonly [TextField, (a: string | undefined, b: string | undefined) => boolean][] = [
  ['userName', sameIgnoringCase],
  ['externalId', sameExactly],
  ['givenName', sameText],
  ['familyName', sameText],
  ['displayName', sameText],
  ['email', sameIgnoringCase],
];

/**
 * The fields of `desired` that differ on `account`; undefined when none do. Only the attributes
 * named in `compared` are looked at: attributes nobody mapped, or the platform lacks, are not
 * Roster's to change.
 */
export function diffAccount(account: PlatformAccount, desired: AccountFields, compared: readonly string[]): AccountDiff | undefined {
  let diff: AccountDiff | undefined;
  for (const [field, same] of TEXT_FIELDS) {
    const from = present(account[field]);
    const to = present(desired[field]);
    if (!same(from, to)) (diff ??= {})[field] = change(from, to);
  }
  if (account.active !== desired.active) (diff ??= {}).active = { from: account.active, to: desired.active };
  for (const attribute of compared) {
    const from = present(account.attributes[attribute]);
    const to = present(desired.attributes[attribute]);
    if (!sameText(from, to)) ((diff ??= {}).attributes ??= {})[attribute] = change(from, to);
  }
  return diff;
}

/** The diff as the platform client's changes: exactly the changed fields, null to clear one. */
export function patchOf(diff: AccountDiff): AccountChanges {
  const changes: AccountChanges = {};
  for (const [field] of TEXT_FIELDS) {
    const moved = diff[field];
    if (moved) changes[field] = moved.to;
  }
  if (diff.active?.to != null) changes.active = diff.active.to;
  if (diff.attributes) changes.attributes = Object.fromEntries(Object.entries(diff.attributes).map(([name, moved]) => [name, moved.to]));
  return changes;
}

/** An empty value on the platform is no value. */
function present(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function change(from: string | undefined, to: string | undefined): Change<string> {
  return { from: from ?? null, to: to ?? null };
}
