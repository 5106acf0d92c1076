// The matching rules of docs/PRODUCT.md ("Matching people to accounts"), in their order. Rules 1–3 can
// never claim the same account for two people (1 and 2 take linked accounts of different people,
// 3 takes unlinked ones by a unique HRIS id), so they run as one pass; rule 4 runs after it, so
// an account recovered by rule 3 is never also adopted, nor reported as a conflict, by rule 4.
import type { PlatformAccount } from '../../../common/directory';
import type { KeyedPerson } from './normalise';
import type { PlatformIndex } from './platform-index';

export type Match =
  | { kind: 'existing'; account: PlatformAccount; link?: 'relink' | 'external_id' | 'adopt'; relinkedFrom?: string }
  | { kind: 'create' }
  | { kind: 'conflict'; account: PlatformAccount };

/** A person to match, with the account already linked to them, if the platform still has it. */
export interface Candidate {
  person: KeyedPerson;
  linked: PlatformAccount | undefined;
}

export interface MatchOptions {
  /** Adopt an unmanaged account with the person's user name instead of reporting a conflict. */
  adopt: boolean;
  /** Whether the person linked to an account no longer holds it (gone from the directory, or out of scope). */
  released(hrisId: string): boolean;
}

/** One match per candidate, in order. They are in scope, not skipped, and their identity-key values unique. */
export function matchPeople(candidates: readonly Candidate[], platform: PlatformIndex, options: MatchOptions): Match[] {
  const recovered = new Set<string>();
  const firstPass = candidates.map(({ person, linked }): Match | undefined => {
    const { hrisId } = person.employee;
    // 1. Already linked: a changed e-mail or code is an update of this account.
    if (linked) return { kind: 'existing', account: linked };
    // 2. A rehire under a new HRIS record takes back the account of the record that left.
    const named = platform.byUserName(person.matchKey);
    const holder = named && platform.linkedHrisId(named.id);
    if (named && holder !== undefined && options.released(holder)) return { kind: 'existing', account: named, link: 'relink', relinkedFrom: holder };
    // 3. Created by Roster, which crashed before recording the link.
    const created = platform.unlinkedByExternalId(hrisId);
    if (created) {
      recovered.add(created.id);
      return { kind: 'existing', account: created, link: 'external_id' };
    }
    return undefined;
  });

  return firstPass.map((match, index) => {
    if (match) return match;
    const { person } = candidates[index] as Candidate;
    // 4. Someone else's account under the same user name: never touched unless adoption is allowed.
    const named = platform.byUserName(person.matchKey);
    if (named && platform.linkedHrisId(named.id) === undefined && !recovered.has(named.id)) {
      return options.adopt ? { kind: 'existing', account: named, link: 'adopt' } : { kind: 'conflict', account: named };
    }
    // 5. Create. A managed account still holding the name belongs to someone in scope under a new
    //    name, whose update frees it: the apply step runs updates before creates.
    return { kind: 'create' };
  });
}
