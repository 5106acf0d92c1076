// The manager attribute holds the platform's own id of the manager's account (docs/PRODUCT.md
// "Managers"). A manager is never a reason to skip anyone: one who is unknown, out of scope, or
// without an account leaves the attribute empty with a warning. A manager whose account this run
// creates has no id yet, so the item is marked for the apply step's second pass.
import type { Employee } from '../../../common/directory';
import type { Mapping } from './mapping';
import { displayNameOf } from './mapping';
import type { Person } from './normalise';
import type { PlatformIndex } from './platform-index';
import type { ReadMode } from './types';

export type ManagerOutcome =
  | { kind: 'none' }
  | { kind: 'account'; accountId: string }
  | { kind: 'pending'; hrisId: string }
  | { kind: 'not_found'; message: string };

/** A person of the read and where the plan put them. */
export interface Placed {
  person: Person;
  inScope: boolean;
  /** Their account: its id, null when this run creates it, undefined when they have none. */
  accountId: string | null | undefined;
}

const NONE: ManagerOutcome = { kind: 'none' };

export interface ManagerDirectory {
  placed: readonly Placed[];
  byHrisId(hrisId: string): Placed | undefined;
}

export function managerResolver(
  source: NonNullable<Mapping['managerSource']>,
  directory: ManagerDirectory,
  platform: PlatformIndex,
  readMode: ReadMode,
): (employee: Employee) => ManagerOutcome {
  const find = source === 'managerHrisId' ? directory.byHrisId : byEmail(directory.placed);
  // An incremental read holds only who changed: a manager outside it is found through the platform.
  const fallback = readMode === 'incremental' ? platformFallback(source, platform) : undefined;

  return (employee) => {
    const reference = employee[source];
    if (reference === undefined) return NONE;
    const manager = find(reference);
    if (manager === 'ambiguous') return notFound(`More than one person in scope has the manager's e-mail ${reference}.`);
    if (!manager) {
      if (!fallback) return notFound(`The manager ${reference} is not in the directory.`);
      const accountId = fallback(reference);
      return accountId === undefined ? notFound(`The manager ${reference} is neither in this read nor linked to an active account.`) : { kind: 'account', accountId };
    }
    if (manager.inScope && typeof manager.accountId === 'string') return { kind: 'account', accountId: manager.accountId };
    const { hrisId } = manager.person.employee;
    if (manager.inScope && manager.accountId === null) return { kind: 'pending', hrisId };
    const name = displayNameOf(manager.person.employee);
    const who = name === undefined ? hrisId : `${name} (${hrisId})`;
    return notFound(manager.inScope ? `The manager ${who} has no account: they are skipped.` : `The manager ${who} is out of scope.`);
  };
}

function notFound(message: string): ManagerOutcome {
  return { kind: 'not_found', message };
}

/** By work e-mail, preferring whoever is in scope; two in scope with one e-mail cannot be told apart. */
function byEmail(placed: readonly Placed[]): (reference: string) => Placed | 'ambiguous' | undefined {
  const index = new Map<string, Placed | 'ambiguous'>();
  for (const entry of placed) {
    const key = entry.person.emailKey;
    if (key === undefined) continue;
    const held = index.get(key);
    if (held === undefined || (held !== 'ambiguous' && !held.inScope)) index.set(key, entry);
    else if (held !== 'ambiguous' && entry.inScope) index.set(key, 'ambiguous');
  }
  return (reference) => index.get(reference.toLowerCase());
}

/** The active managed account of a manager the read did not include. */
function platformFallback(source: NonNullable<Mapping['managerSource']>, platform: PlatformIndex): (reference: string) => string | undefined {
  if (source === 'managerHrisId') {
    return (reference) => {
      const account = platform.linkedAccount(reference);
      return account?.active ? account.id : undefined;
    };
  }
  const byEmailKey = new Map<string, string>();
  for (const { account } of platform.managed) {
    if (account.active && account.email !== undefined) byEmailKey.set(account.email.toLowerCase(), account.id);
  }
  return (reference) => byEmailKey.get(reference.toLowerCase());
}
