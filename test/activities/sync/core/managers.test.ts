// docs/PRODUCT.md "Managers": the attribute holds the manager account's platform id; a manager is
// never a reason to skip; one without an account leaves it empty with a warning.
import { describe, expect, it } from 'vitest';
import { plan } from '../../../../activities/sync/core';
import { config, itemOf, person, planInput } from './builders';
import { applyInMemory, synced } from './apply-in-memory';

const boss = person('m1', 'Max');
const report = (overrides = {}) => person('h1', 'Ria', { managerHrisId: 'm1', ...overrides });

describe('managers', () => {
  it('writes the platform id of an existing manager account', () => {
    const platform = synced(planInput([boss]));
    const bossAccount = platform.links.find((link) => link.hrisId === 'm1')?.accountId;
    const planned = plan(planInput([boss, report()], platform));
    expect(itemOf(planned, 'h1').fields?.attributes.manager).toBe(bossAccount);
    expect(itemOf(planned, 'h1').managerHrisId).toBeUndefined();
  });

  it('marks a report for the second pass when the manager is created in the same run', () => {
    const planned = plan(planInput([report(), boss]));
    const item = itemOf(planned, 'h1');
    expect(item).toMatchObject({ action: 'create', managerHrisId: 'm1' });
    expect(item.fields?.attributes).not.toHaveProperty('manager');
    expect(item.warnings).toBeUndefined();

    const platform = applyInMemory(planInput([]), planned);
    const reportAccount = platform.accounts.find((held) => held.externalId === 'h1');
    expect(reportAccount?.attributes.manager).toBe(platform.accounts.find((held) => held.externalId === 'm1')?.id);
  });

  it('turns an existing account into an update for the second pass even when nothing else changed', () => {
    const platform = synced(planInput([report({ managerHrisId: undefined })]));
    const planned = plan(planInput([report(), boss], platform));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'update', managerHrisId: 'm1' });
    expect(itemOf(planned, 'h1').changes).toBeUndefined();
  });

  it('clears the link with a warning when the manager left, without skipping the report', () => {
    const platform = synced(planInput([boss, report()]));
    const planned = plan(planInput([{ ...boss, status: 'terminated' }, report()], platform));
    const item = itemOf(planned, 'h1');
    expect(item.action).toBe('update');
    expect(item.changes?.attributes?.manager?.to).toBeNull();
    expect(item.warnings).toEqual([{ code: 'manager_not_found', message: expect.stringContaining('out of scope') }]);
  });

  it('warns about an unknown manager and about a manager who is skipped', () => {
    const planned = plan(planInput([report({ managerHrisId: 'nobody' }), person('h2', 'Sam', { managerHrisId: 'm1' }), { ...boss, workEmail: undefined }]));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'create', warnings: [{ code: 'manager_not_found', message: expect.stringContaining('not in the directory') }] });
    expect(itemOf(planned, 'h2')).toMatchObject({ action: 'create', warnings: [{ code: 'manager_not_found', message: expect.stringContaining('no account') }] });
    expect(planned.planned.skipped).toBe(1);
  });

  it('finds the manager by work e-mail when the mapping says so', () => {
    const byEmail = config({ fieldMappings: { manager: 'managerEmail' } });
    const platform = synced(planInput([boss], {}, { config: byEmail }));
    const planned = plan(planInput([boss, report({ managerHrisId: undefined, managerEmail: 'MAX@acme.example' })], platform, { config: byEmail }));
    expect(itemOf(planned, 'h1').fields?.attributes.manager).toBe(platform.accounts[0]?.id);
  });

  it('cannot tell two people in scope with the manager\'s e-mail apart', () => {
    const byEmail = config({ identityKey: 'hrisId', fieldMappings: { manager: 'managerEmail' } });
    const planned = plan(planInput([boss, person('m2', 'Max'), report({ managerHrisId: undefined, managerEmail: 'max@acme.example' })], {}, { config: byEmail }));
    expect(itemOf(planned, 'h1').warnings).toEqual([{ code: 'manager_not_found', message: expect.stringContaining('More than one person') }]);
  });

  it('after an incremental read, finds a manager outside the read through their account', () => {
    const platform = synced(planInput([boss]));
    const planned = plan(planInput([report()], platform, { readMode: 'incremental' }));
    expect(itemOf(planned, 'h1').fields?.attributes.manager).toBe(platform.accounts[0]?.id);
  });
});
