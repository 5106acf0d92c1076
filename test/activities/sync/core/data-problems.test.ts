// docs/PRODUCT.md "Rules for the plan" — duplicates, missing identity keys, and what counts as skipped.
import { describe, expect, it } from 'vitest';
import { plan } from '../../../../activities/sync/core';
import { config, itemOf, person, planInput } from './builders';
import { synced } from './apply-in-memory';

describe('duplicate identity keys', () => {
  it('skips everyone who shares a work e-mail (compared case-insensitively), naming the others', () => {
    const planned = plan(planInput([person('h1', 'Ann'), person('h2', 'Bea', { workEmail: 'ANN@acme.example' }), person('h3', 'Cy', { workEmail: 'ann@acme.example ' }), person('h4', 'Dee')]));
    for (const [hrisId, others] of [
      ['h1', ['h2', 'h3']],
      ['h2', ['h1', 'h3']],
      ['h3', ['h1', 'h2']],
    ] as const) {
      const item = itemOf(planned, hrisId);
      expect(item).toMatchObject({ action: 'skip', reasonCode: 'duplicate_identity_key' });
      for (const other of others) expect(item.reason).toContain(`(${other})`);
      expect(item.reason).not.toContain(`(${hrisId})`);
    }
    expect(itemOf(planned, 'h4').action).toBe('create');
    expect(planned.planned).toMatchObject({ skipped: 3, created: 1 });
  });

  it('leaves an account already linked to one of them as it is: not updated, not deactivated', () => {
    const platform = synced(planInput([person('h1', 'Ann', { position: 'Engineer' })]));
    const planned = plan(planInput([person('h1', 'Ann', { position: 'Lead' }), person('h2', 'Bea', { workEmail: 'ann@acme.example' })], platform));
    const item = itemOf(planned, 'h1');
    expect(item).toMatchObject({ action: 'skip', reasonCode: 'duplicate_identity_key', accountId: platform.accounts[0]?.id });
    expect(item.changes).toBeUndefined();
    expect(item.reason).toContain('left as it is');
    expect(planned.planned).toMatchObject({ skipped: 2, deactivated: 0, updated: 0 });
  });

  it('compares employee codes regardless of case too, since platform user names are case-insensitive', () => {
    const byCode = config({ identityKey: 'employeeCode' });
    const planned = plan(planInput([person('h1', 'Ann', { employeeCode: 'ab-1' }), person('h2', 'Bea', { employeeCode: 'AB-1' })], {}, { config: byCode }));
    expect(planned.items.map((item) => item.reasonCode)).toEqual(['duplicate_identity_key', 'duplicate_identity_key']);
  });

  it('ignores people out of scope when looking for duplicates', () => {
    const planned = plan(planInput([person('h1', 'Ann'), person('h2', 'Bea', { workEmail: 'ann@acme.example', status: 'terminated' })]));
    expect(itemOf(planned, 'h1').action).toBe('create');
    expect(itemOf(planned, 'h2').action).toBe('exclude');
  });
});

describe('a missing identity key', () => {
  it('skips the person, whichever key the tenant uses', () => {
    const byEmail = plan(planInput([person('h1', 'Ann', { workEmail: '  ' })]));
    const byCode = plan(planInput([person('h1', 'Ann')], {}, { config: config({ identityKey: 'employeeCode' }) }));
    for (const planned of [byEmail, byCode]) {
      expect(itemOf(planned, 'h1')).toMatchObject({ action: 'skip', reasonCode: 'missing_identity_key', name: 'Ann Example' });
      expect(itemOf(planned, 'h1').identityKey).toBeUndefined();
    }
    expect(itemOf(byCode, 'h1').reason).toContain('employee code');
  });

  it('leaves the account of a person who lost their key as it is', () => {
    const platform = synced(planInput([person('h1', 'Ann')]));
    const planned = plan(planInput([person('h1', 'Ann', { workEmail: undefined })], platform));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'skip', accountId: platform.accounts[0]?.id });
    expect(planned.planned.deactivated).toBe(0);
  });
});

describe('a work e-mail required to create an account', () => {
  const byCode = (requireWorkEmail: boolean) => config({ identityKey: 'employeeCode', requireWorkEmail, fieldMappings: { manager: 'managerHrisId' } });
  const people = [
    person('h1', 'Ann', { employeeCode: 'E1', workEmail: ' ' }),
    person('h2', 'Bea', { employeeCode: 'E2', managerHrisId: 'h1' }),
    person('h3', 'Cy', { employeeCode: 'E3', workEmail: undefined }),
  ];

  it('skips a person who would get a new account but has no work e-mail, and creates the others', () => {
    const planned = plan(planInput(people, {}, { config: byCode(true) }));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'skip', reasonCode: 'missing_email', identityKey: 'E1' });
    expect(itemOf(planned, 'h3')).toMatchObject({ action: 'skip', reasonCode: 'missing_email' });
    expect(itemOf(planned, 'h2')).toMatchObject({ action: 'create', fields: { userName: 'E2', email: 'bea@acme.example' } });
    // Ann gets no account, so she cannot be anyone's manager in this run.
    expect(itemOf(planned, 'h2').managerHrisId).toBeUndefined();
    expect(itemOf(planned, 'h2').warnings).toMatchObject([{ code: 'manager_not_found' }]);
    expect(planned.planned).toMatchObject({ created: 1, skipped: 2 });
  });

  it('creates everyone when the tenant does not require it', () => {
    expect(plan(planInput(people, {}, { config: byCode(false) })).planned).toMatchObject({ created: 3, skipped: 0 });
  });

  it('keeps an existing account up to date when its person loses their e-mail', () => {
    const platform = synced(planInput([person('h2', 'Bea', { employeeCode: 'E2', position: 'Engineer' })], {}, { config: byCode(true) }));
    const planned = plan(planInput([person('h2', 'Bea', { employeeCode: 'E2', workEmail: undefined, position: 'Lead' })], platform, { config: byCode(true) }));
    expect(itemOf(planned, 'h2')).toMatchObject({ action: 'update', accountId: platform.accounts[0]?.id });
  });
});

describe('what counts', () => {
  it('counts data problems of people in scope as skipped and people out of scope as excluded', () => {
    const planned = plan(planInput([person('h1', 'Ann', { workEmail: undefined }), person('h2', 'Bea', { status: 'terminated', workEmail: undefined }), person('h3', 'Cy')]));
    expect(planned.planned).toEqual({ created: 1, updated: 0, deactivated: 0, reactivated: 0, anonymised: 0, unchanged: 0, skipped: 1, excluded: 1, failed: 0, groupsCreated: 0, groupsUpdated: 0, groupsRemoved: 0 });
    expect(planned.inScope).toBe(2);
  });
});
