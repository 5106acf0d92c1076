// The plan of one sync run (docs/PRODUCT.md "One sync run", step 2): who is in scope, which account
// is whose, what to write, and what to leave alone. Plain data in, plain data out, linear in the
// size of the directory and the platform.
import type { AccountLink, PlatformAccount } from '../../../common/directory';
import { anonymiseDue, anonymiseItem } from './anonymise';
import { countPlan } from './counts';
import { duplicateReasons } from './duplicates';
import { planGroups, type GroupPerson } from './groups';
import { conflictItem, matchedItem, missingItem, outOfScopeItem, skipItem, type ItemBase, type Wanted } from './items';
import { managerResolver, type ManagerOutcome, type Placed } from './managers';
import { compileMapping, desiredFields, displayNameOf } from './mapping';
import { matchPeople, type Candidate, type Match } from './match';
import { isKeyed, normalisePerson, type KeyedPerson, type Person } from './normalise';
import { indexPlatform, type PlatformIndex } from './platform-index';
import { compileScope, type ScopeDecision } from './scope';
import type { Plan, PlanInput, PlanItem, PlanWarning, SkipReason } from './types';

/** One person of the read, as planning learns about them. */
interface Entry extends Placed {
  decision: ScopeDecision;
  /** The account linked to them, if the platform still has it. */
  linked: PlatformAccount | undefined;
  skip?: { code: SkipReason; reason: string };
  match?: Match;
}

const KEY_LABEL = { workEmail: 'work e-mail', employeeCode: 'employee code', hrisId: 'HRIS id' } as const;
const NO_MANAGER: ManagerOutcome = { kind: 'none' };

export function plan(input: PlanInput): Plan {
  const { config, readMode } = input;
  const scopeOf = compileScope(config.include, input.today);
  const mapping = compileMapping(config.fieldMappings, input.supportedAttributes);
  const platform = indexPlatform(input.accounts, input.links);
  const nameOf = (person: Person) => displayNameOf(person.employee, mapping) ?? person.identityKey ?? person.employee.hrisId;

  const entries = input.employees.map((employee): Entry => {
    const person = normalisePerson(employee, config.identityKey);
    const decision = scopeOf(person.employee);
    return { person, decision, linked: platform.linkedAccount(employee.hrisId), inScope: decision.inScope, accountId: undefined };
  });
  const byHrisId = new Map<string, Entry>();
  for (const entry of entries) byHrisId.set(entry.person.employee.hrisId, entry);

  // Data problems first: only people with a unique identity-key value can be matched.
  const inScope = entries.filter((entry) => entry.inScope);
  const duplicates = duplicateReasons(inScope.map((entry) => entry.person), nameOf);
  const candidates: (Entry & Candidate)[] = [];
  for (const entry of inScope) {
    const duplicate = duplicates.get(entry.person.employee.hrisId);
    if (!isKeyed(entry.person)) entry.skip = { code: 'missing_identity_key', reason: `No ${KEY_LABEL[config.identityKey]}, which the user name is made from.` };
    else if (duplicate !== undefined) entry.skip = { code: 'duplicate_identity_key', reason: duplicate };
    else candidates.push(entry as Entry & Candidate); // isKeyed vouched for its person
  }

  // A linked person releases their account when out of scope, or gone from a complete directory.
  const released = (hrisId: string) => {
    const holder = byHrisId.get(hrisId);
    return holder ? !holder.inScope : readMode === 'full';
  };
  const matches = matchPeople(candidates, platform, { adopt: input.adoptExistingAccounts, released });
  const relinked = new Set<string>();
  candidates.forEach((entry, index) => {
    const match = matches[index] as Match;
    // Decided before anyone's manager is resolved: a person who gets no account manages no one's.
    if (match.kind === 'create' && config.requireWorkEmail && entry.person.employee.workEmail === undefined) {
      entry.skip = { code: 'missing_email', reason: 'No work e-mail, which this tenant requires to create an account.' };
      return;
    }
    entry.match = match;
    if (match.kind === 'existing' && match.link === 'relink') relinked.add(match.account.id);
  });
  for (const entry of inScope) entry.accountId = accountOf(entry);

  // Managers point at accounts, so they are resolved once everyone's account is known.
  const managerOf = mapping.managerSource
    ? managerResolver(mapping.managerSource, { placed: entries, byHrisId: (hrisId) => byHrisId.get(hrisId) }, platform, readMode)
    : () => NO_MANAGER;
  const wantedFor = wanting(mapping, managerOf);
  const anonymising = anonymisingFor(input, mapping);
  const items: PlanItem[] = entries.map((entry) => {
    const { person, decision, linked } = entry;
    const base: ItemBase = { hrisId: person.employee.hrisId, name: nameOf(person) };
    if (person.identityKey !== undefined) base.identityKey = person.identityKey;
    if (!decision.inScope) {
      const kept = linked && !relinked.has(linked.id) ? linked : undefined;
      const item = outOfScopeItem(base, decision, kept);
      return kept ? anonymising(item, kept) : item;
    }
    if (entry.skip) return skipItem(base, entry.skip.code, entry.skip.reason, linked);
    const match = entry.match as Match;
    if (match.kind === 'conflict') return conflictItem(base, match.account);
    return matchedItem(base, match, wantedFor(person as KeyedPerson));
  });
  if (readMode === 'full') {
    for (const { hrisId, account } of platform.managed) {
      if (!byHrisId.has(hrisId) && !relinked.has(account.id)) items.push(anonymising(missingItem(hrisId, account), account));
    }
  }

  const groups = config.groups
    ? planGroups({
        sources: config.groups,
        readMode,
        people: groupPeople(entries, items),
        governed: governedBy(items, platform, readMode),
        groups: input.groups,
        groupLinks: input.groupLinks,
        adoptByName: input.adoptExistingGroups,
      })
    : [];
  const warnings = mapping.unsupported.map((attribute): PlanWarning => ({
    code: 'attribute_not_supported',
    attribute,
    message: `The platform has no "${attribute}" attribute, so the mapping from ${config.fieldMappings[attribute]} is neither written nor compared.`,
  }));
  return { items, groups, warnings, planned: countPlan(items, groups), inScope: inScope.length, activeManagedBefore: platform.activeManaged };
}

/**
 * A leaver's item (out of scope, or gone from a complete directory) as an anonymise item when
 * anonymising their account is due; as it is otherwise, and always when the tenant does not
 * anonymise. A person in scope again is reactivated instead, their fields written afresh.
 */
function anonymisingFor(input: PlanInput, mapping: ReturnType<typeof compileMapping>): (left: PlanItem, account: PlatformAccount) => PlanItem {
  const afterDays = input.config.anonymiseAfterDays;
  if (afterDays === undefined) return (left) => left;
  const linkOf = new Map<string, AccountLink>();
  for (const link of input.links) linkOf.set(link.hrisId, link);
  const cleared = mapping.attributes.map(({ attribute }) => attribute);
  if (mapping.managerSource) cleared.push('manager');
  return (left, account) => (anonymiseDue(linkOf.get(left.hrisId), account, afterDays, input.today) ? anonymiseItem(left, account, cleared) : left);
}

/** The account of someone in scope: matched, created in this run (null), or left as it is by a skip. */
function accountOf(entry: Entry): string | null | undefined {
  const { match } = entry;
  if (!match) return entry.linked?.id;
  return match.kind === 'existing' ? match.account.id : match.kind === 'create' ? null : undefined;
}

/** The fields Roster wants for a person, with their manager resolved now or left for the second pass. */
function wanting(mapping: ReturnType<typeof compileMapping>, managerOf: (employee: Person['employee']) => ManagerOutcome): (person: KeyedPerson) => Wanted {
  const mapped = mapping.attributes.map(({ attribute }) => attribute);
  const withManager = mapping.managerSource ? [...mapped, 'manager'] : mapped;
  return (person) => {
    const manager = managerOf(person.employee);
    const fields = desiredFields(person, mapping, manager.kind === 'account' ? manager.accountId : undefined);
    if (manager.kind === 'pending') return { fields, compared: mapped, managerHrisId: manager.hrisId };
    if (manager.kind === 'not_found') return { fields, compared: withManager, warnings: [{ code: 'manager_not_found', message: manager.message }] };
    return { fields, compared: withManager };
  };
}

/** Everyone in scope, with the member entry of those whose account ends the run active and managed. */
function* groupPeople(entries: readonly Entry[], items: readonly PlanItem[]): Generator<GroupPerson> {
  for (const [index, { person, inScope }] of entries.entries()) {
    if (!inScope) continue;
    const { action, hrisId, accountId } = items[index] as PlanItem;
    if (action === 'skip') yield { employee: person.employee };
    else yield { employee: person.employee, member: accountId === undefined ? { hrisId } : { hrisId, accountId } };
  }
}

/**
 * The accounts whose memberships this run decides: managed ones (or being linked now), except
 * those left as they are; after an incremental read, only those of the people it read.
 */
function governedBy(items: readonly PlanItem[], platform: PlatformIndex, readMode: PlanInput['readMode']): (accountId: string) => boolean {
  const leftAsIs = new Set<string>();
  const touched = new Set<string>();
  for (const { action, accountId, link } of items) {
    if (accountId === undefined) continue;
    if (action === 'skip') leftAsIs.add(accountId);
    else if (readMode === 'incremental' || link !== undefined) touched.add(accountId);
  }
  if (readMode === 'incremental') return (accountId) => touched.has(accountId);
  return (accountId) => !leftAsIs.has(accountId) && (touched.has(accountId) || platform.linkedHrisId(accountId) !== undefined);
}
