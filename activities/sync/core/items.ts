// The plan item for each kind of outcome: a matched person, a blocked one, one out of scope, and
// a managed account whose person the directory no longer has.
import type { AccountFields, PlatformAccount } from '../../../common/directory';
import { diffAccount } from './diff';
import type { Match } from './match';
import type { ScopeDecision } from './scope';
import type { ItemWarning, MatchRule, PlanItem, SkipReason } from './types';

/** What every item about a person of the read carries. */
export interface ItemBase {
  hrisId: string;
  identityKey?: string;
  name: string;
}

/** What the plan worked out for a matched person. */
export interface Wanted {
  fields: AccountFields;
  /** Attributes to compare: the mapped ones the platform has, without `manager` while it waits for the second pass. */
  compared: readonly string[];
  managerHrisId?: string;
  warnings?: ItemWarning[];
}

// A fresh object per item: items are stored and may be amended one by one.
const deactivation = () => ({ active: { from: true, to: false } });

// Items are built field by field rather than spread together: a spread copy takes about four
// times the memory, which a 100,000-person plan feels.
// An account found other than by a rule of matching is the one Roster's link names.
function itemFor(base: ItemBase, action: PlanItem['action'], accountId: string | undefined, matchedBy: MatchRule = 'link'): PlanItem {
  const item: PlanItem = { hrisId: base.hrisId, name: base.name, action };
  if (base.identityKey !== undefined) item.identityKey = base.identityKey;
  if (accountId !== undefined) {
    item.accountId = accountId;
    item.matchedBy = matchedBy;
  }
  return item;
}

export function matchedItem(base: ItemBase, match: Exclude<Match, { kind: 'conflict' }>, wanted: Wanted): PlanItem {
  if (match.kind === 'create') {
    const item = itemFor(base, 'create', undefined);
    item.fields = wanted.fields;
    item.link = 'new';
    return withManager(item, wanted);
  }
  const { account } = match;
  const changes = diffAccount(account, wanted.fields, wanted.compared);
  // A manager waiting for the second pass is still a write, even when nothing else differs.
  const action = !account.active ? 'reactivate' : changes || wanted.managerHrisId !== undefined ? 'update' : 'unchanged';
  const item = itemFor(base, action, account.id, match.link ?? 'link');
  if (changes) item.changes = changes;
  if (match.link) item.link = match.link;
  if (match.relinkedFrom !== undefined) item.relinkedFrom = match.relinkedFrom;
  return withManager(item, wanted);
}

function withManager(item: PlanItem, wanted: Wanted): PlanItem {
  if (wanted.managerHrisId !== undefined) item.managerHrisId = wanted.managerHrisId;
  if (wanted.warnings) item.warnings = wanted.warnings;
  return item;
}

/** A data problem blocks the person; an account already linked to them is left as it is. */
export function skipItem(base: ItemBase, code: SkipReason, reason: string, linked: PlatformAccount | undefined): PlanItem {
  const item = itemFor(base, 'skip', linked?.id);
  item.reasonCode = code;
  item.reason = linked ? `${reason} Their account is left as it is until this is fixed.` : reason;
  return item;
}

export function conflictItem(base: ItemBase, account: PlatformAccount): PlanItem {
  const item = itemFor(base, 'skip', undefined);
  item.reasonCode = 'unmanaged_account_conflict';
  item.reason = `The platform already has an account named "${account.userName}" (${account.id}) that Roster does not manage. Only the initial load may adopt existing accounts, and only when the tenant allows it.`;
  return item;
}

/** Out of scope: an active managed account is deactivated; otherwise there is nothing to do. */
export function outOfScopeItem(base: ItemBase, decision: Extract<ScopeDecision, { inScope: false }>, account: PlatformAccount | undefined): PlanItem {
  const deactivate = account?.active === true;
  const item = itemFor(base, deactivate ? 'deactivate' : 'exclude', account?.id);
  if (deactivate) item.changes = deactivation();
  item.reasonCode = deactivate ? decision.code : 'out_of_scope';
  item.reason = decision.reason;
  return item;
}

/** A managed account whose person a complete directory no longer has. */
export function missingItem(hrisId: string, account: PlatformAccount): PlanItem {
  const item = itemFor({ hrisId, identityKey: account.userName, name: account.displayName ?? account.userName }, account.active ? 'deactivate' : 'unchanged', account.id);
  if (account.active) item.changes = deactivation();
  item.reasonCode = 'missing_from_directory';
  item.reason = account.active ? 'No longer in the directory.' : 'No longer in the directory; the account is already inactive.';
  return item;
}
