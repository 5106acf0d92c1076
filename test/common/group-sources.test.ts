// The config's `groups` (common/tenant-config/group-sources.ts): one dimension or a list of them,
// each with its defaults, and each refusal at the path support would fix.
import { describe, expect, it } from 'vitest';
import { accepted, messageAt, minimal, refused } from './tenant-config-outcomes';

describe('groups: dimensions', () => {
  it('takes a list of group sources, each with its own prefix and removal rule', () => {
    const groups = [{ from: 'department', prefix: 'Dept: ' }, { from: 'tags', deleteRemoved: true }, { from: 'custom.community' }];
    expect(accepted({ ...minimal, groups }).config.groups).toEqual([
      { from: 'department', prefix: 'Dept: ', deleteRemoved: false },
      { from: 'tags', prefix: '', deleteRemoved: true },
      { from: 'custom.community', prefix: '', deleteRemoved: false },
    ]);
  });

  it.each([
    [{ groups: [{ from: 'location' }, { from: 'team' }] }, 'groups.1.from', ['"team"']],
    [{ groups: [{ from: 'location' }, { from: 'location', prefix: 'Site ' }] }, 'groups.1.from', ['"location" is listed twice']],
    [{ groups: [] }, 'groups', ['at least one source', 'leave groups out']],
    [{ groups: [{ from: 'location', prefix: 'x'.repeat(51) }] }, 'groups.0.prefix', ['at most 50']],
    [{ groups: 'department' }, 'groups', ['object', 'from']],
  ])('refuses %j at %s', (change, path, words) => {
    messageAt(refused({ ...minimal, ...change }), path, ...words);
  });
});
