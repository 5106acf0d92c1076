// People in scope who share one identity-key value cannot each own the account it names, so all
// of them are skipped until the HR data is fixed (docs/PRODUCT.md "Duplicates").
import type { Person } from './normalise';

/** How many others a reason names; a directory-wide clash must not make the plan quadratic. */
const NAMED_AT_MOST = 5;

/** The skip reason of every person whose identity-key value someone else in `people` shares, by hrisId. */
export function duplicateReasons(people: readonly Person[], nameOf: (person: Person) => string): Map<string, string> {
  const first = new Map<string, Person>();
  const clashes = new Map<string, Person[]>();
  for (const person of people) {
    if (person.matchKey === undefined) continue;
    const holder = first.get(person.matchKey);
    if (!holder) {
      first.set(person.matchKey, person);
      continue;
    }
    const clash = clashes.get(person.matchKey);
    if (clash) clash.push(person);
    else clashes.set(person.matchKey, [holder, person]);
  }

  const reasons = new Map<string, string>();
  for (const group of clashes.values()) {
    for (const person of group) {
      const named: string[] = [];
      for (const other of group) {
        if (named.length === NAMED_AT_MOST) break;
        if (other !== person) named.push(`${nameOf(other)} (${other.employee.hrisId})`);
      }
      const more = group.length - 1 - named.length;
      const rest = more > 0 ? ` and ${more} more` : '';
      reasons.set(person.employee.hrisId, `The identity key "${person.identityKey}" is also used by ${named.join(', ')}${rest}.`);
    }
  }
  return reasons;
}
