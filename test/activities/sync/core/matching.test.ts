// docs/PRODUCT.md "Matching people to accounts": the five rules, in order, and what "managed" means.
import { describe, expect, it } from 'vitest';
import { patchOf, plan } from '../../../../activities/sync/core';
import { account, config, itemOf, person, planInput, writes } from './builders';
import { synced } from './apply-in-memory';

describe('rule 1: the account linked to the HRIS id', () => {
  it('turns a changed work e-mail into an update that renames the user (identity key workEmail)', () => {
    const before = [person('h1', 'Jane')];
    const platform = synced(planInput(before));
    const planned = plan(planInput([person('h1', 'Jane', { workEmail: 'Jane.Doe@Acme.example' })], platform));

    const item = itemOf(planned, 'h1');
    expect(item.action).toBe('update');
    expect(item.accountId).toBe(platform.links[0]?.accountId);
    expect(item.changes).toEqual({
      userName: { from: 'jane@acme.example', to: 'jane.doe@acme.example' },
      email: { from: 'jane@acme.example', to: 'Jane.Doe@Acme.example' },
    });
    expect(patchOf(item.changes ?? {})).toEqual({ userName: 'jane.doe@acme.example', email: 'Jane.Doe@Acme.example' });
    expect(planned.planned).toMatchObject({ created: 0, deactivated: 0, updated: 1 });
  });

  it.each(['employeeCode', 'hrisId'] as const)('changes only the e-mail when the identity key is %s', (identityKey) => {
    const input = (email: string) => planInput([person('h1', 'Jane', { employeeCode: 'E-7', workEmail: email })], {}, { config: config({ identityKey }) });
    const platform = synced(input('jane@acme.example'));
    const planned = plan({ ...input('jane.doe@acme.example'), ...platform });

    const item = itemOf(planned, 'h1');
    expect(item.identityKey).toBe(identityKey === 'employeeCode' ? 'E-7' : 'h1');
    expect(item.action).toBe('update');
    expect(item.changes).toEqual({ email: { from: 'jane@acme.example', to: 'jane.doe@acme.example' } });
  });
});

describe('rule 2: a rehire under a new HRIS id', () => {
  it('relinks the account of the record that left the directory, and reactivates it', () => {
    const platform = synced(planInput([person('old-1', 'Jane')]));
    const leftAccount = { ...platform.accounts[0]!, active: false };
    const planned = plan(planInput([person('new-1', 'Jane', { workEmail: 'JANE@acme.example' })], { ...platform, accounts: [leftAccount] }));

    expect(planned.items).toHaveLength(1);
    const item = itemOf(planned, 'new-1');
    expect(item).toMatchObject({ action: 'reactivate', accountId: leftAccount.id, link: 'relink', relinkedFrom: 'old-1' });
    expect(item.changes).toMatchObject({ externalId: { from: 'old-1', to: 'new-1' }, active: { from: false, to: true } });
  });

  it('also relinks when the HR system keeps the old record as terminated, which is then left alone', () => {
    const platform = synced(planInput([person('old-1', 'Jane')]));
    const planned = plan(planInput([person('old-1', 'Jane', { status: 'terminated' }), person('new-1', 'Jane')], platform));

    expect(itemOf(planned, 'new-1')).toMatchObject({ action: 'update', link: 'relink', relinkedFrom: 'old-1' });
    expect(itemOf(planned, 'old-1')).toMatchObject({ action: 'exclude', reasonCode: 'out_of_scope' });
    expect(planned.planned.deactivated).toBe(0);
  });

  it('never takes the account of someone still in scope', () => {
    const platform = synced(planInput([person('h1', 'Jane')]));
    // h1 changed e-mail; a new person arrives with h1's old one: h1 keeps the account, the newcomer gets one.
    const planned = plan(planInput([person('h1', 'Jane', { workEmail: 'jane.doe@acme.example' }), person('h2', 'Jane')], platform));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'update', accountId: platform.accounts[0]?.id });
    expect(itemOf(planned, 'h2')).toMatchObject({ action: 'create', link: 'new' });
  });
});

describe('rule 3: an account carrying the HRIS id as externalId', () => {
  it('is linked, not created again (a crash between create and link)', () => {
    const created = account('acc-9', 'jane@acme.example', { externalId: 'h1', givenName: 'Jane', familyName: 'Example', displayName: 'Jane Example', email: 'jane@acme.example' });
    const planned = plan(planInput([person('h1', 'Jane')], { accounts: [created] }));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'unchanged', accountId: 'acc-9', link: 'external_id' });
    expect(planned.planned.created).toBe(0);
  });
});

describe('rule 4: an account with the same user name that Roster does not manage', () => {
  const admin = account('acc-admin', 'Jane@Acme.example', { displayName: 'Platform admin', attributes: { title: 'Admin' } });

  it('skips the person and never touches the account when adoption is off', () => {
    const planned = plan(planInput([person('h1', 'Jane', { position: 'Engineer' })], { accounts: [admin] }));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'skip', reasonCode: 'unmanaged_account_conflict' });
    expect(itemOf(planned, 'h1').accountId).toBeUndefined();
    expect(planned.planned).toMatchObject({ skipped: 1, created: 0, updated: 0 });
  });

  it('adopts the account (link and update) when the initial load may adopt', () => {
    const planned = plan(planInput([person('h1', 'Jane', { position: 'Engineer' })], { accounts: [admin] }, { adoptExistingAccounts: true }));
    const item = itemOf(planned, 'h1');
    expect(item).toMatchObject({ action: 'update', accountId: 'acc-admin', link: 'adopt' });
    expect(item.changes?.externalId).toEqual({ from: null, to: 'h1' });
    expect(item.changes?.attributes?.title).toEqual({ from: 'Admin', to: 'Engineer' });
  });
});

describe('rule 5: create', () => {
  it('creates the account from the identity key, the HRIS id and the work e-mail', () => {
    const planned = plan(planInput([person('h1', 'Jane', { workEmail: ' Jane@Acme.example ', preferredName: 'JJ', position: 'Engineer' })]));
    expect(itemOf(planned, 'h1')).toMatchObject({
      action: 'create',
      link: 'new',
      fields: { userName: 'jane@acme.example', externalId: 'h1', email: 'Jane@Acme.example', active: true, givenName: 'JJ', familyName: 'Example', displayName: 'JJ Example', attributes: { title: 'Engineer' } },
    });
  });
});

describe('managed means linked', () => {
  it('never deactivates or updates an account that merely carries an externalId', () => {
    const stranger = account('acc-x', 'sam@acme.example', { externalId: 'h-gone', attributes: { title: 'Old' } });
    const planned = plan(planInput([person('h1', 'Jane')], { accounts: [stranger] }));
    expect(planned.items.some((item) => item.accountId === 'acc-x')).toBe(false);
    expect(writes(planned).map((item) => item.action)).toEqual(['create']);
  });

  it('deactivates a linked account whose person left the directory', () => {
    const platform = synced(planInput([person('h1', 'Jane'), person('h2', 'Sam')]));
    const planned = plan(planInput([person('h1', 'Jane')], platform));
    expect(itemOf(planned, 'h2')).toMatchObject({ action: 'deactivate', reasonCode: 'missing_from_directory', changes: { active: { from: true, to: false } } });
  });
});
