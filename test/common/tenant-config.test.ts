import { describe, expect, it } from 'vitest';
import { describeConfigChanges, type TenantConfig } from '../../common/tenant-config';
import { accepted, example, messageAt, minimal, refused } from './tenant-config-outcomes';

const withSchedule = (schedule: object) => ({ ...minimal, schedule: { ...minimal.schedule, ...schedule } });

describe('validateTenantConfig: accepting', () => {
  it("accepts docs/API.md's example as it is, with no warnings", () => {
    const { config, warnings } = accepted(example);
    expect(config).toEqual(example);
    expect(warnings).toEqual([]);
  });

  it('applies every default', () => {
    const { config } = accepted(minimal);
    expect(config).toEqual({
      ...minimal,
      include: { statuses: ['active'], exclude: [] },
      fieldMappings: {},
      notifications: { errorsTo: ['it@acme.example'], summaryTo: [] },
      schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 10 },
      inviteNewUsers: false,
      adoptExistingAccounts: false,
      adoptExistingGroups: false,
      requireWorkEmail: false,
      safety: { maxDeactivations: 25, maxDeactivationShare: 0.1 },
      hypercareDays: 14,
    });
    expect(config).not.toHaveProperty('groups');
  });

  it('defaults each safety limit and a group source\'s prefix and deleteRemoved separately', () => {
    const { config } = accepted({ ...minimal, safety: { maxDeactivations: 5 }, groups: { from: 'location' } });
    expect(config.safety).toEqual({ maxDeactivations: 5, maxDeactivationShare: 0.1 });
    expect(accepted({ ...minimal, safety: { maxDeactivationShare: 0.5 } }).config.safety).toEqual({ maxDeactivations: 25, maxDeactivationShare: 0.5 });
    expect(config.groups).toEqual([{ from: 'location', prefix: '', deleteRemoved: false }]);
  });

  it('accepts custom.<name> fields in mappings and rules', () => {
    const { config } = accepted({
      ...minimal,
      include: { statuses: ['active'], exclude: [{ field: 'custom.contract_type', in: ['fixed-term'] }] },
      fieldMappings: { 'custom.costCentre': 'custom.cost-centre', 'custom.shirtSize': 'custom.4001' },
    });
    expect(config.fieldMappings).toEqual({ 'custom.costCentre': 'custom.cost-centre', 'custom.shirtSize': 'custom.4001' });
    expect(config.include.exclude).toEqual([{ field: 'custom.contract_type', in: ['fixed-term'] }]);
  });

  it('accepts manager mapped from the manager e-mail', () => {
    expect(accepted({ ...minimal, fieldMappings: { manager: 'managerEmail' } }).config.fieldMappings).toEqual({ manager: 'managerEmail' });
  });

  it('accepts the limits of the numeric ranges', () => {
    const { config } = accepted({
      ...withSchedule({ jitterMinutes: 0 }),
      safety: { maxDeactivations: 0, maxDeactivationShare: 1 },
      hypercareDays: 365,
    });
    expect([config.schedule.jitterMinutes, config.safety.maxDeactivations, config.safety.maxDeactivationShare, config.hypercareDays]).toEqual([0, 0, 1, 365]);
    expect(accepted(withSchedule({ jitterMinutes: 1440 })).config.schedule.jitterMinutes).toBe(1440);
  });
});

describe('validateTenantConfig: refusing', () => {
  it('refuses a body that is not an object with one detail at the root', () => {
    for (const body of [undefined, null, 5, 'config', [minimal]]) {
      const details = refused(body);
      expect(details).toHaveLength(1);
      messageAt(details, '', 'JSON object', 'identityKey');
    }
  });

  it('names each missing required field', () => {
    const details = refused({});
    messageAt(details, 'identityKey', 'required', 'workEmail');
    messageAt(details, 'include', 'required', 'statuses');
    messageAt(details, 'schedule', 'required', 'cron');
    messageAt(details, 'notifications', 'required', 'errorsTo');
    expect(details).toHaveLength(4);

    const inner = refused({ ...minimal, include: {}, schedule: {}, notifications: {} });
    messageAt(inner, 'include.statuses', 'required');
    messageAt(inner, 'schedule.cron', 'required');
    messageAt(inner, 'schedule.timezone', 'required', 'IANA');
    messageAt(inner, 'notifications.errorsTo', 'required', 'e-mail');
    expect(inner).toHaveLength(4);
  });

  it('takes anonymiseAfterDays as a whole number of days from 7 to 3650, off when absent', () => {
    expect(accepted(minimal).config.anonymiseAfterDays).toBeUndefined();
    expect([7, 30, 3650].map((days) => accepted({ ...minimal, anonymiseAfterDays: days }).config.anonymiseAfterDays)).toEqual([7, 30, 3650]);
    for (const days of [6, 3651, 30.5, '30']) messageAt(refused({ ...minimal, anonymiseAfterDays: days }), 'anonymiseAfterDays', 'anonymiseAfterDays', 'whole number from 7 to 3650');
  });

  it('refuses an unknown identity key', () => {
    messageAt(refused({ ...minimal, identityKey: 'email' }), 'identityKey', '"email"', 'workEmail, employeeCode or hrisId');
  });

  it('refuses an unknown status, at its index', () => {
    messageAt(refused({ ...minimal, include: { statuses: ['active', 'retired'] } }), 'include.statuses.1', '"retired"', 'active, onboarding, terminated or inactive');
  });

  it('refuses a status listed twice, at the repeat, even beside another bad status', () => {
    const details = refused({ ...minimal, include: { statuses: ['active', 'retired', 'active'] } });
    messageAt(details, 'include.statuses.2', '"active"', 'twice');
    messageAt(details, 'include.statuses.1', '"retired"');
  });

  it('refuses an empty status list', () => {
    messageAt(refused({ ...minimal, include: { statuses: [] } }), 'include.statuses', 'non-empty', 'active');
  });

  it.each([
    [{ field: 'department' }, 'include.exclude.0', ['"equals"', '"in"']],
    [{ field: 'department', equals: 'Sales', in: ['Ops'] }, 'include.exclude.0', ['exactly one of']],
    [{ field: 'department', in: [] }, 'include.exclude.0.in', ['non-empty list']],
    [{ field: 'department', equals: 5 }, 'include.exclude.0.equals', ['text value', 'got 5']],
    [{ equals: 'Sales' }, 'include.exclude.0.field', ['required', 'employee field']],
    ['department', 'include.exclude.0', ['exclude condition', '"department"']],
    [{ all: [] }, 'include.exclude.0.all', ['non-empty list']],
    [{ all: [{ field: 'location', equals: 'Remote' }], field: 'department' }, 'include.exclude.0.field', ['"field" is not a field', 'accepts only all']],
  ])('refuses the exclude rule %j at %s', (rule, path, words) => {
    messageAt(refused({ ...minimal, include: { statuses: ['active'], exclude: [rule] } }), path, ...words);
  });

  it('refuses an unknown employee field in a rule, also inside "all"', () => {
    const details = refused({
      ...minimal,
      include: {
        statuses: ['active'],
        exclude: [{ field: 'favouriteColour', equals: 'blue' }, { all: [{ field: 'location', equals: 'Remote' }, { field: 'shoeSize', in: ['44'] }] }],
      },
    });
    messageAt(details, 'include.exclude.0.field', '"favouriteColour"', 'employmentBasis', 'custom.<name>');
    messageAt(details, 'include.exclude.1.all.1.field', '"shoeSize"');
    expect(details).toHaveLength(2);
  });

  it('refuses an unknown platform attribute and an unknown employee field in mappings', () => {
    const details = refused({ ...minimal, fieldMappings: { favourite: 'position', title: 'jobTitle' } });
    messageAt(details, 'fieldMappings.favourite', '"favourite"', 'platform attribute', 'costCenter', 'custom.<name>');
    messageAt(details, 'fieldMappings.title', '"jobTitle"', 'employee field', 'position');
  });

  it('refuses manager mapped from a field that does not identify a person', () => {
    messageAt(refused({ ...minimal, fieldMappings: { manager: 'department' } }), 'fieldMappings.manager', 'managerHrisId or managerEmail', '"department"');
  });

  it('refuses bad e-mail addresses, each at its index', () => {
    const details = refused({ ...minimal, notifications: { errorsTo: ['it@acme.example', 'not-an-email'], summaryTo: ['hr@'] } });
    messageAt(details, 'notifications.errorsTo.1', '"not-an-email"', 'e-mail address');
    messageAt(details, 'notifications.summaryTo.0', '"hr@"');
    messageAt(refused({ ...minimal, notifications: { errorsTo: [] } }), 'notifications.errorsTo', 'non-empty');
  });

  it.each([
    ['Mars/Base', 'not a known timezone'],
    ['australia/sydney', 'exactly "Australia/Sydney"'],
    ['+10:00', 'offsets'],
    ['', 'IANA'],
  ])('refuses the timezone %j', (timezone, words) => {
    messageAt(refused(withSchedule({ timezone })), 'schedule.timezone', words);
  });

  it('accepts UTC and IANA names', () => {
    for (const timezone of ['UTC', 'Europe/London', 'America/Argentina/Buenos_Aires']) accepted(withSchedule({ timezone }));
  });

  it.each([
    ['60 2 * * *', 'Field 1 (minute)'],
    ['0 24 * * *', 'Field 2 (hour)'],
    ['0 2 32 * *', 'Field 3 (day-of-month)'],
    ['0 2 * 0 *', 'Field 4 (month)'],
    ['0 2 * * MOM', 'Field 5 (day-of-week)'],
    ['0 0 2 * * *', '6 fields'],
    ['@daily', '"@daily"'],
  ])('refuses the cron %j', (cron, words) => {
    messageAt(refused(withSchedule({ cron })), 'schedule.cron', words);
  });

  it('refuses a schedule firing more often than the floor, and accepts it at a lower floor', () => {
    messageAt(refused(withSchedule({ cron: '*/5 * * * *' }), 15), 'schedule.cron', '5 minutes', 'at least 15 minutes');
    expect(accepted(withSchedule({ cron: '*/5 * * * *' }), 5).config.schedule.cron).toBe('*/5 * * * *');
  });

  it('counts the gap across midnight', () => {
    // 23:50 then 00:05 the next day is 15 minutes, although no two times on one day are.
    messageAt(refused(withSchedule({ cron: '5,50 0,23 * * *' }), 20), 'schedule.cron', '15 minutes', 'at least 20 minutes');
    accepted(withSchedule({ cron: '5,50 0,23 * * *' }), 15);
  });

  it('refuses unknown fields at every level, one detail per key, naming the known ones', () => {
    const details = refused({
      ...minimal,
      colour: 'blue',
      size: 3,
      schedule: { ...minimal.schedule, every: '15m' },
      safety: { maxDeletions: 3 },
      include: { statuses: ['active'], exclude: [{ field: 'department', equals: 'Sales', not: true }] },
    });
    messageAt(details, 'colour', '"colour"', 'identityKey', 'hypercareDays');
    messageAt(details, 'size', '"size"');
    messageAt(details, 'schedule.every', '"every"', 'cron, timezone and jitterMinutes');
    messageAt(details, 'safety.maxDeletions', 'maxDeactivations and maxDeactivationShare');
    messageAt(details, 'include.exclude.0.not', 'field, equals and in');
    expect(details).toHaveLength(5);
  });

  it.each([
    [{ schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: -1 } }, 'schedule.jitterMinutes', ['0 to 1440', 'got -1']],
    [{ schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 2.5 } }, 'schedule.jitterMinutes', ['whole number']],
    [{ schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 1441 } }, 'schedule.jitterMinutes', ['0 to 1440']],
    [{ safety: { maxDeactivationShare: 1.5 } }, 'safety.maxDeactivationShare', ['0 to 1', 'got 1.5']],
    [{ safety: { maxDeactivations: -3 } }, 'safety.maxDeactivations', ['0 or more']],
    [{ safety: 25 }, 'safety', ['object', 'maxDeactivations']],
    [{ hypercareDays: 366 }, 'hypercareDays', ['0 to 365']],
    [{ inviteNewUsers: 'yes' }, 'inviteNewUsers', ['true or false', '"yes"']],
    [{ adoptExistingAccounts: 1 }, 'adoptExistingAccounts', ['true or false']],
    [{ groups: { from: 'team' } }, 'groups.from', ['"team"', 'department, division, location', 'groups or tags', 'custom.<name>']],
    [{ groups: { from: 'department', deleteRemoved: 'no' } }, 'groups.deleteRemoved', ['true or false']],
    [{ adoptExistingGroups: 'yes' }, 'adoptExistingGroups', ['true or false']],
    [{ requireWorkEmail: 'always' }, 'requireWorkEmail', ['true or false']],
    [{ fieldMappings: ['title'] }, 'fieldMappings', ['platform attribute to employee field']],
  ])('refuses %j at %s', (change, path, words) => {
    messageAt(refused({ ...minimal, ...change }), path, ...words);
  });

  it('reports every bad field at once', () => {
    const details = refused({
      ...minimal,
      identityKey: 'email',
      include: { statuses: ['retired'] },
      schedule: { cron: '*/5 * * * *', timezone: 'Nowhere/Town', jitterMinutes: -1 },
      notifications: { errorsTo: ['nope'] },
      hypercareDays: -1,
    });
    expect(details.map((detail) => detail.path).sort()).toEqual(
      ['hypercareDays', 'identityKey', 'include.statuses.0', 'notifications.errorsTo.0', 'schedule.cron', 'schedule.jitterMinutes', 'schedule.timezone'].sort(),
    );
  });
});

describe('validateTenantConfig: daylight saving', () => {
  it('accepts a time a clock change skips, with a warning on schedule.cron', () => {
    const result = accepted(withSchedule({ cron: '0 2 * * *', timezone: 'Australia/Sydney' }));
    expect(result.warnings.length).toBeGreaterThan(0);
    for (const warning of result.warnings) expect(warning.path).toBe('schedule.cron');
    expect(result.warnings.map((warning) => warning.message)).toContainEqual(expect.stringContaining('02:00 does not exist in Australia/Sydney on 2027-10-03'));
  });

  it('has no warnings in UTC', () => {
    expect(accepted(withSchedule({ cron: '0 2 * * *', timezone: 'UTC' })).warnings).toEqual([]);
  });
});

describe('describeConfigChanges', () => {
  const base = accepted(example).config;
  const changed = (edit: (config: TenantConfig) => TenantConfig) => describeConfigChanges(base, edit(structuredClone(base)));

  it('lists every leaf of a first config', () => {
    const paths = describeConfigChanges(undefined, base);
    expect(paths).toContain('identityKey');
    expect(paths).toContain('schedule.jitterMinutes');
    expect(paths).toContain('fieldMappings.custom.startDate');
    expect(paths).toContain('include.exclude');
    expect(paths).not.toContain('include');
  });

  it('is empty when nothing changed', () => {
    expect(describeConfigChanges(base, structuredClone(base))).toEqual([]);
  });

  it('names the changed leaves only', () => {
    expect(changed((c) => ({ ...c, schedule: { ...c.schedule, jitterMinutes: 0 }, hypercareDays: 30 }))).toEqual(['schedule.jitterMinutes', 'hypercareDays']);
  });

  it('compares lists as whole values', () => {
    expect(changed((c) => ({ ...c, include: { ...c.include, statuses: ['onboarding', 'active'] } }))).toEqual(['include.statuses']);
    expect(changed((c) => ({ ...c, include: { ...c.include, exclude: [] } }))).toEqual(['include.exclude']);
  });

  it('names added and removed keys', () => {
    expect(changed((c) => ({ ...c, fieldMappings: { ...c.fieldMappings, division: 'department' } }))).toEqual(['fieldMappings.division']);
    expect(changed(({ groups: _removed, ...rest }) => rest)).toEqual(['groups']);
  });
});
