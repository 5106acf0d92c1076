// The person trace says by which rule a person's account was found (docs/PRODUCT.md "Matching
// people to accounts"): the plan records it on each item that has an account.
import { describe, expect, it } from 'vitest';
import { plan } from '../../../../activities/sync/core';
import { account, itemOf, person, planInput } from './builders';
import { synced } from './apply-in-memory';

describe('the rule that found an item’s account', () => {
  it('is Roster’s link for a linked person, in scope, blocked or out of scope, and for a managed account gone from the directory', () => {
    const platform = synced(planInput([person('h1', 'Jane'), person('h2', 'Sam'), person('h3', 'Ola'), person('h4', 'Kai')]));
    const planned = plan(planInput([person('h1', 'Jane', { position: 'Engineer' }), person('h2', 'Sam', { workEmail: undefined }), person('h3', 'Ola', { status: 'terminated' })], platform));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'update', matchedBy: 'link' });
    expect(itemOf(planned, 'h2')).toMatchObject({ action: 'skip', matchedBy: 'link' });
    expect(itemOf(planned, 'h3')).toMatchObject({ action: 'deactivate', matchedBy: 'link' });
    expect(itemOf(planned, 'h4')).toMatchObject({ action: 'deactivate', reasonCode: 'missing_from_directory', matchedBy: 'link' });
  });

  it('is the rehire’s relink, the external id and the identity key (adoption) for the other rules', () => {
    const left = synced(planInput([person('old-1', 'Jane')]));
    expect(itemOf(plan(planInput([person('new-1', 'Jane')], left)), 'new-1')).toMatchObject({ matchedBy: 'relink' });

    const created = account('acc-9', 'sam@acme.example', { externalId: 'h1' });
    expect(itemOf(plan(planInput([person('h1', 'Sam')], { accounts: [created] })), 'h1')).toMatchObject({ accountId: 'acc-9', matchedBy: 'external_id' });

    const admin = account('acc-admin', 'ola@acme.example');
    expect(itemOf(plan(planInput([person('h1', 'Ola')], { accounts: [admin] }, { adoptExistingAccounts: true })), 'h1')).toMatchObject({ accountId: 'acc-admin', matchedBy: 'adopt' });
  });

  it('is absent when there is no account: a create, a conflict with an unmanaged account', () => {
    expect(itemOf(plan(planInput([person('h1', 'Jane')])), 'h1').matchedBy).toBeUndefined();
    const admin = account('acc-admin', 'jane@acme.example');
    const conflict = itemOf(plan(planInput([person('h1', 'Jane')], { accounts: [admin] })), 'h1');
    expect(conflict).toMatchObject({ action: 'skip', reasonCode: 'unmanaged_account_conflict' });
    expect(conflict.matchedBy).toBeUndefined();
  });
});
