// For managed accounts the HRIS is the truth (docs/PRODUCT.md "Matching people to accounts"): edits on
// the platform are set back; attributes nobody mapped, or the platform lacks, are left alone;
// names in any script pass through untouched.
import { describe, expect, it } from 'vitest';
import { patchOf, plan } from '../../../../activities/sync/core';
import { config, itemOf, person, planInput } from './builders';
import { synced } from './apply-in-memory';

describe('platform edits', () => {
  it('sets mapped attributes, names and active back, and leaves unmapped attributes alone', () => {
    const people = [person('h1', 'Ann', { position: 'Engineer', department: 'R&D' })];
    const platform = synced(planInput(people));
    const [held] = platform.accounts;
    const edited = { ...held!, active: false, displayName: 'Annie', attributes: { ...held!.attributes, title: 'CEO', costCenter: 'CC-1' } };
    const item = itemOf(plan(planInput(people, { ...platform, accounts: [edited] })), 'h1');

    expect(item.action).toBe('reactivate');
    expect(patchOf(item.changes ?? {})).toEqual({ active: true, displayName: 'Ann Example', attributes: { title: 'Engineer' } });
  });

  it('clears a mapped attribute whose HR value is gone', () => {
    const platform = synced(planInput([person('h1', 'Ann', { position: 'Engineer' })]));
    const item = itemOf(plan(planInput([person('h1', 'Ann')], platform)), 'h1');
    expect(item.changes).toEqual({ attributes: { title: { from: 'Engineer', to: null } } });
    expect(patchOf(item.changes ?? {})).toEqual({ attributes: { title: null } });
  });
});

describe('the display name', () => {
  it('is composed from the names, and a displayName mapping replaces it', () => {
    const people = [person('h1', 'Ann', { preferredName: 'Annie', custom: { badgeName: 'A. Example' } })];
    expect(itemOf(plan(planInput(people)), 'h1').fields?.displayName).toBe('Annie Example');
    const mapped = config({ fieldMappings: { displayName: 'custom.badgeName' } });
    const item = itemOf(plan(planInput(people, {}, { config: mapped })), 'h1');
    expect(item.fields).toMatchObject({ displayName: 'A. Example', attributes: {} });
    expect(item.name).toBe('A. Example');
  });
});

describe('attributes the platform lacks', () => {
  const withCustom = config({ fieldMappings: { title: 'position', 'custom.startDate': 'startDate' } });
  const supportedAttributes = new Set(['title']);

  it('are reported once per run, never written and never compared', () => {
    const people = [person('h1', 'Ann', { position: 'Engineer', startDate: '2026-01-05' }), person('h2', 'Bea', { startDate: '2026-02-01' })];
    const created = plan(planInput(people, {}, { config: withCustom, supportedAttributes }));
    expect(created.warnings).toEqual([{ code: 'attribute_not_supported', attribute: 'custom.startDate', message: expect.stringContaining('startDate') }]);
    expect(created.items.map((item) => item.fields?.attributes)).toEqual([{ title: 'Engineer' }, {}]);

    const platform = synced(planInput(people, {}, { config: withCustom, supportedAttributes }));
    const odd = platform.accounts.map((held) => ({ ...held, attributes: { ...held.attributes, 'custom.startDate': '1999-01-01' } }));
    const again = plan(planInput(people, { ...platform, accounts: odd }, { config: withCustom, supportedAttributes }));
    expect(again.items.map((item) => item.action)).toEqual(['unchanged', 'unchanged']);
  });
});

describe('unicode names', () => {
  it('pass through untouched and compare equal however they are composed', () => {
    const composed = { firstName: 'José', lastName: 'Müller-Łukasiewicz', displayName: '山田 太郎 (José)' };
    const people = [person('h1', 'Jose', composed)];
    const created = itemOf(plan(planInput(people)), 'h1');
    expect(created.fields).toMatchObject({ givenName: 'José', familyName: 'Müller-Łukasiewicz', displayName: '山田 太郎 (José)' });

    const platform = synced(planInput(people));
    const decomposed = platform.accounts.map((held) => ({ ...held, givenName: held.givenName?.normalize('NFD'), familyName: held.familyName?.normalize('NFD') }));
    expect(decomposed[0]?.givenName).not.toBe('José');
    expect(itemOf(plan(planInput(people, { ...platform, accounts: decomposed })), 'h1').action).toBe('unchanged');
  });
});
