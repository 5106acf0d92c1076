// Small fixtures for the sync core: people, accounts, a config and a plan input with sensible
// defaults, so that each test states only what its rule is about.
import type { AccountLink, Employee, PlatformAccount, PlatformGroup } from '../../../../common/directory';
import type { Plan, PlanConfig, PlanInput, PlanItem } from '../../../../activities/sync/core';

export const TODAY = '2026-03-10';

/** An active person; the work e-mail follows the first name unless given. */
export function person(hrisId: string, firstName: string, overrides: Partial<Employee> = {}): Employee {
  return { hrisId, firstName, lastName: 'Example', workEmail: `${firstName.toLowerCase()}@acme.example`, status: 'active', ...overrides };
}

export function account(id: string, userName: string, overrides: Partial<PlatformAccount> = {}): PlatformAccount {
  return { id, userName, active: true, attributes: {}, ...overrides };
}

export function group(id: string, displayName: string, members: string[], externalId?: string): PlatformGroup {
  return externalId === undefined ? { id, displayName, members } : { id, displayName, members, externalId };
}

export function config(overrides: Partial<PlanConfig> = {}): PlanConfig {
  return {
    identityKey: 'workEmail',
    include: { statuses: ['active', 'onboarding'], exclude: [] },
    fieldMappings: { title: 'position', department: 'department', manager: 'managerHrisId' },
    ...overrides,
  };
}

export interface PlatformState {
  accounts: PlatformAccount[];
  links: AccountLink[];
  groups: PlatformGroup[];
  groupLinks: { externalId: string; groupId: string }[];
}

export const emptyPlatform = (): PlatformState => ({ accounts: [], links: [], groups: [], groupLinks: [] });

export function planInput(employees: Employee[], platform: Partial<PlatformState> = {}, overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    employees,
    ...emptyPlatform(),
    ...platform,
    config: config(),
    supportedAttributes: 'all',
    adoptExistingAccounts: false,
    adoptExistingGroups: false,
    readMode: 'full',
    today: TODAY,
    ...overrides,
  };
}

/** The one item about `hrisId`. */
export function itemOf(planned: Plan, hrisId: string): PlanItem {
  const found = planned.items.filter((item) => item.hrisId === hrisId);
  if (found.length !== 1) throw new Error(`expected one item for ${hrisId}, found ${found.length}`);
  return found[0] as PlanItem;
}

/** Items that write to the platform. */
export function writes(planned: Plan): PlanItem[] {
  return planned.items.filter((item) => item.action !== 'unchanged' && item.action !== 'exclude' && item.action !== 'skip');
}
