// docs/PRODUCT.md "Rules for the plan" — scope: statuses, end dates, exclusion rules, and what happens
// to the account of someone who falls out of scope or comes back.
import { describe, expect, it } from 'vitest';
import { plan } from '../../../../activities/sync/core';
import { config, itemOf, person, planInput, TODAY } from './builders';
import { synced } from './apply-in-memory';

const rules = config({
  include: {
    statuses: ['active', 'onboarding'],
    exclude: [
      { field: 'department', equals: 'Contractors' },
      { all: [{ field: 'location', equals: 'Remote' }, { field: 'employmentBasis', in: ['casual', 'intern'] }] },
      { field: 'custom.badge', equals: 'visitor' },
      { field: 'tags', in: ['no-account'] },
    ],
  },
});

describe('who is in scope', () => {
  it('excludes by a condition, an "all" rule, a custom field and a list field, saying which rule', () => {
    const planned = plan(
      planInput(
        [
          person('h1', 'Cara', { department: 'Contractors' }),
          person('h2', 'Rem', { location: 'Remote', employmentBasis: 'intern' }),
          person('h3', 'Vic', { custom: { badge: 'visitor' } }),
          person('h4', 'Tag', { tags: ['x', 'no-account'] }),
        ],
        {},
        { config: rules },
      ),
    );
    expect(planned.items.map((item) => [item.action, item.reasonCode, item.reason])).toEqual([
      ['exclude', 'out_of_scope', 'Excluded by rule 1: department is "Contractors".'],
      ['exclude', 'out_of_scope', 'Excluded by rule 2: location is "Remote" and employmentBasis is one of "casual", "intern".'],
      ['exclude', 'out_of_scope', 'Excluded by rule 3: custom.badge is "visitor".'],
      ['exclude', 'out_of_scope', 'Excluded by rule 4: tags is one of "no-account".'],
    ]);
    expect(planned.planned).toMatchObject({ excluded: 4, skipped: 0, created: 0 });
  });

  it('keeps in scope whoever matches only part of an "all" rule, a different case, or lacks the field', () => {
    const planned = plan(
      planInput(
        [person('h1', 'Rem', { location: 'Remote', employmentBasis: 'full-time' }), person('h2', 'Con', { department: 'contractors' }), person('h3', 'Nob')],
        {},
        { config: rules },
      ),
    );
    expect(planned.items.map((item) => item.action)).toEqual(['create', 'create', 'create']);
  });

  it('excludes a status that is not included, naming it', () => {
    const planned = plan(planInput([person('h1', 'Ina', { status: 'inactive' })]));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'exclude', reasonCode: 'out_of_scope' });
    expect(itemOf(planned, 'h1').reason).toContain('"inactive"');
  });

  it('creates a pre-hire active', () => {
    const planned = plan(planInput([person('h1', 'Pre', { status: 'onboarding', startDate: '2026-04-01' })]));
    expect(itemOf(planned, 'h1')).toMatchObject({ action: 'create', fields: { active: true } });
  });

  it('keeps a future leaver in scope, and their account active', () => {
    const platform = synced(planInput([person('h1', 'Fay')]));
    const planned = plan(planInput([person('h1', 'Fay', { endDate: '2026-03-31' }), person('h2', 'Lastday', { endDate: TODAY })], platform));
    expect(itemOf(planned, 'h1').action).toBe('unchanged');
    expect(itemOf(planned, 'h2').action).toBe('create');
  });
});

describe('falling out of scope', () => {
  const everyone = [person('h1', 'Pat'), person('h2', 'Ter'), person('h3', 'Cara'), person('h4', 'Gone')];
  const platform = synced(planInput(everyone, {}, { config: rules }));

  it('deactivates the active account of a past leaver, a terminated person, an excluded one and one missing from the directory', () => {
    const planned = plan(
      planInput([person('h1', 'Pat', { endDate: '2026-03-09' }), person('h2', 'Ter', { status: 'terminated' }), person('h3', 'Cara', { department: 'Contractors' })], platform, { config: rules }),
    );
    expect(planned.items.map((item) => [item.hrisId, item.action, item.reasonCode])).toEqual([
      ['h1', 'deactivate', 'left'],
      ['h2', 'deactivate', 'terminated'],
      ['h3', 'deactivate', 'out_of_scope'],
      ['h4', 'deactivate', 'missing_from_directory'],
    ]);
    expect(planned.items.every((item) => item.accountId !== undefined && item.changes?.active?.to === false)).toBe(true);
    expect(planned.planned).toMatchObject({ deactivated: 4, excluded: 0 });
  });

  it('has nothing to do once those accounts are inactive', () => {
    const inactive = { ...platform, accounts: platform.accounts.map((held) => ({ ...held, active: false })) };
    const planned = plan(planInput([person('h1', 'Pat', { endDate: '2026-03-09' }), person('h2', 'Ter', { status: 'terminated' })], inactive, { config: rules }));
    expect(planned.items.map((item) => [item.hrisId, item.action])).toEqual([
      ['h1', 'exclude'],
      ['h2', 'exclude'],
      ['h3', 'unchanged'],
      ['h4', 'unchanged'],
    ]);
  });

  it('reactivates an inactive managed account whose person is back in scope', () => {
    const inactive = { ...platform, accounts: platform.accounts.map((held) => ({ ...held, active: false })) };
    const planned = plan(planInput(everyone, inactive, { config: rules }));
    expect(planned.items.map((item) => item.action)).toEqual(['reactivate', 'reactivate', 'reactivate', 'reactivate']);
    expect(itemOf(planned, 'h1').changes).toEqual({ active: { from: false, to: true } });
  });

  it('never deactivates by absence after an incremental read', () => {
    const planned = plan(planInput([person('h2', 'Ter', { status: 'terminated' })], platform, { config: rules, readMode: 'incremental' }));
    expect(planned.items.map((item) => [item.hrisId, item.action])).toEqual([['h2', 'deactivate']]);
  });
});
