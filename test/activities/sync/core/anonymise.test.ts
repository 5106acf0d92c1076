// Anonymising long-deactivated accounts (docs/PRODUCT.md "Anonymising long-deactivated accounts"):
// due only N days after Roster's own deactivation, only for a leaver, once; a rehire before or after
// is reactivated with their fields written again from the HR system.
import { describe, expect, it } from 'vitest';
import { patchOf, plan, type PlanInput } from '../../../../activities/sync/core';
import { daysBetween } from '../../../../activities/sync/core/anonymise';
import type { AccountLink, PlatformAccount } from '../../../../common/directory';
import { account, config, itemOf, person, planInput, TODAY } from './builders';
import { applyInMemory } from './apply-in-memory';

const tenant = config({ anonymiseAfterDays: 30 });

/** Ann's account, deactivated by Roster: her name, e-mail and mapped attributes still on it. */
const annAccount = (overrides: Partial<PlatformAccount> = {}): PlatformAccount =>
  account('acc-ann', 'ann@acme.example', {
    externalId: 'h1',
    active: false,
    givenName: 'Ann',
    familyName: 'Example',
    displayName: 'Ann Example',
    email: 'ann@acme.example',
    attributes: { title: 'Chef', department: 'Kitchen', manager: 'acc-max' },
    ...overrides,
  });

const deactivatedDaysAgo = (days: number, extra: Partial<AccountLink> = {}): AccountLink => ({
  hrisId: 'h1',
  accountId: 'acc-ann',
  deactivatedOn: new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10),
  ...extra,
});

const leaverInput = (link: AccountLink, overrides: Partial<PlanInput> = {}): PlanInput =>
  planInput([person('h1', 'Ann', { status: 'terminated', endDate: '2026-01-01' })], { accounts: [annAccount()], links: [link] }, { config: tenant, ...overrides });

describe('anonymising a long-deactivated account', () => {
  it('replaces the profile with neutral values once the account has been deactivated N days, and counts it', () => {
    const planned = plan(leaverInput(deactivatedDaysAgo(30)));
    const item = itemOf(planned, 'h1');
    expect(item).toMatchObject({ action: 'anonymise', accountId: 'acc-ann', name: 'Former employee', reasonCode: 'out_of_scope' });
    expect(item.identityKey).toBeUndefined();
    expect(patchOf(item.changes!)).toEqual({
      userName: 'former-employee-acc-ann',
      givenName: 'Former',
      familyName: 'employee',
      displayName: 'Former employee',
      email: null,
      attributes: { title: null, department: null, manager: null },
    });
    expect(planned.planned).toMatchObject({ anonymised: 1, excluded: 0, deactivated: 0 });
  });

  it('keeps nothing of the person in the item: only the values written', () => {
    const item = itemOf(plan(leaverInput(deactivatedDaysAgo(45))), 'h1');
    const stored = JSON.stringify(item);
    for (const personal of ['Ann', 'ann@acme.example', 'Chef', 'Kitchen']) expect(stored).not.toContain(personal);
  });

  it('waits until N days have passed, and does nothing when the tenant does not anonymise', () => {
    expect(itemOf(plan(leaverInput(deactivatedDaysAgo(29))), 'h1').action).toBe('exclude');
    expect(itemOf(plan(leaverInput(deactivatedDaysAgo(400), { config: config() })), 'h1').action).toBe('exclude');
  });

  it('never anonymises an account Roster did not deactivate, nor one already anonymised', () => {
    expect(itemOf(plan(leaverInput({ hrisId: 'h1', accountId: 'acc-ann' })), 'h1').action).toBe('exclude');
    expect(itemOf(plan(leaverInput(deactivatedDaysAgo(60, { anonymised: true }))), 'h1').action).toBe('exclude');
  });

  it('anonymises an account whose person is gone from a complete directory, but not after an incremental read', () => {
    const gone = planInput([], { accounts: [annAccount()], links: [deactivatedDaysAgo(31)] }, { config: tenant });
    expect(itemOf(plan(gone), 'h1')).toMatchObject({ action: 'anonymise', reasonCode: 'missing_from_directory' });
    expect(plan({ ...gone, readMode: 'incremental' }).items).toEqual([]);
  });

  it('reactivates a person rehired before N days as usual', () => {
    const rehired = planInput([person('h1', 'Ann', { position: 'Chef', department: 'Kitchen' })], { accounts: [annAccount({ attributes: { title: 'Chef', department: 'Kitchen' } })], links: [deactivatedDaysAgo(10)] }, { config: tenant });
    const item = itemOf(plan(rehired), 'h1');
    expect(item.action).toBe('reactivate');
    expect(item.changes).toEqual({ active: { from: false, to: true } });
  });

  it('reactivates a person rehired after anonymisation and writes their fields again from the HR system', () => {
    const leaving = leaverInput(deactivatedDaysAgo(30));
    const after = applyInMemory(leaving, plan(leaving));
    const anonymised = after.accounts.find((held) => held.id === 'acc-ann')!;
    expect(anonymised).toMatchObject({ userName: 'former-employee-acc-ann', displayName: 'Former employee', active: false, attributes: {} });
    expect(anonymised.email).toBeUndefined();

    const back = planInput([person('h1', 'Ann', { position: 'Sous-chef', department: 'Kitchen' })], { ...after, links: [{ hrisId: 'h1', accountId: 'acc-ann', anonymised: true }] }, { config: tenant });
    const item = itemOf(plan(back), 'h1');
    expect(item.action).toBe('reactivate');
    const restored = applyInMemory(back, plan(back)).accounts.find((held) => held.id === 'acc-ann')!;
    expect(restored).toMatchObject({ userName: 'ann@acme.example', givenName: 'Ann', familyName: 'Example', displayName: 'Ann Example', email: 'ann@acme.example', active: true, attributes: { title: 'Sous-chef', department: 'Kitchen' } });
  });

  it('still plans the item when the platform already holds the neutral values (a crash before Roster recorded it)', () => {
    const neutral = annAccount({ userName: 'former-employee-acc-ann', givenName: 'Former', familyName: 'employee', displayName: 'Former employee', email: undefined, attributes: {} });
    const input = planInput([], { accounts: [neutral], links: [deactivatedDaysAgo(40)] }, { config: tenant });
    const item = itemOf(plan(input), 'h1');
    expect(item.action).toBe('anonymise');
    expect(item.changes).toBeUndefined();
  });

  it('counts days between local dates', () => {
    expect(daysBetween('2026-02-28', '2026-03-30')).toBe(30);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
  });
});
