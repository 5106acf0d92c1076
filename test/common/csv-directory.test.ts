// The three CSV files read as one directory: mappings the other files do not back fail alone with
// their lines, the hierarchy is flattened, group managers are kept apart from members, and a
// person's manager comes from their groups when users.csv has no manager column.
import { describe, expect, it } from 'vitest';
import { linkMappings, resolveDirectory, type CsvSet } from '../../activities/hris/csv/directory';
import { parseCsvFile, type CsvFileKind } from '../../common/csv/files';

const parse = <K extends CsvFileKind>(kind: K, text: string) => parseCsvFile(kind, new TextEncoder().encode(text));
const TODAY = '2025-06-15';

function directory(files: { users: string; groups?: string; mappings?: string }) {
  const set: CsvSet & Required<Pick<CsvSet, 'users'>> = { users: parse('users', files.users) };
  if (files.groups) set.groups = parse('groups', files.groups);
  if (files.mappings) set.mappings = parse('group-mappings', `groupId,subgroupId,userId,isManager,isMember\n${files.mappings}`);
  const { employees, rowErrors } = resolveDirectory(set, TODAY);
  return { people: new Map(employees.map((employee) => [employee.hrisId, employee])), rowErrors };
}

// cs ─┬─ support ── tier2
//     └─ success
const GROUPS = 'id,name\ncs,Customer Service\nsupport,Support\ntier2,Tier 2\nsuccess,Customer Success\n';
const HIERARCHY = 'cs,support,,,\nsupport,tier2,,,\ncs,success,,,\n';

describe('mappings against the other files', () => {
  it('reports an unknown group, sub-group or person on the mapping line, and keeps every other row', () => {
    const { people, rowErrors } = directory({
      users: 'id,email\nu1,u1@acme.example\nu2,u2@acme.example\n',
      groups: GROUPS,
      mappings: 'support,,u1,,\nghost,,u1,,\nsupport,nowhere,,,\nsupport,,u9,,\nsupport,,u2,,\n',
    });
    expect(rowErrors).toEqual([
      { file: 'group-mappings.csv', line: 3, hrisId: 'u1', code: 'unknown_group', message: "groups.csv has no group 'ghost': the row is skipped." },
      { file: 'group-mappings.csv', line: 4, code: 'unknown_subgroup', message: "groups.csv has no group 'nowhere' to be a sub-group: the row is skipped." },
      { file: 'group-mappings.csv', line: 5, hrisId: 'u9', code: 'unknown_user', message: "users.csv has no person 'u9': the row is skipped." },
    ]);
    expect(people.get('u1')!.groups).toEqual([{ id: 'support', name: 'Support' }]);
    expect(people.get('u2')!.groups).toEqual([{ id: 'support', name: 'Support' }]);
  });

  it("lists each file's own row errors first, in file and line order", () => {
    const { rowErrors } = directory({
      users: 'id,email\nu1,bad\nu1,u1@acme.example\n',
      groups: 'id,name\ng1,One\ng1,Again\n',
      mappings: 'g1,,u1,maybe,\ng2,,u1,,\n',
    });
    expect(rowErrors.map(({ file, line, code }) => `${file}:${line} ${code}`)).toEqual([
      'users.csv:2 bad_email',
      'users.csv:3 duplicate_id',
      'groups.csv:3 duplicate_id',
      'group-mappings.csv:2 bad_row',
      'group-mappings.csv:3 unknown_group',
    ]);
  });

  it('refuses the mapping that would close a cycle, and keeps the hierarchy without it', () => {
    const { people, rowErrors } = directory({
      users: 'id\nu1\n',
      groups: GROUPS,
      mappings: `${HIERARCHY}tier2,cs,,,\nsuccess,success,,,\ntier2,,u1,,\n`,
    });
    expect(rowErrors).toEqual([
      { file: 'group-mappings.csv', line: 5, code: 'bad_row', message: "Making 'cs' a sub-group of 'tier2' would make a group its own sub-group: the row is skipped." },
      { file: 'group-mappings.csv', line: 6, code: 'bad_row', message: "Making 'success' a sub-group of 'success' would make a group its own sub-group: the row is skipped." },
    ]);
    expect(people.get('u1')!.groups?.map((group) => group.id)).toEqual(['cs', 'support', 'tier2']);
  });

  it('at upload, checks only against the files that exist yet', () => {
    const rows = parse('group-mappings', 'groupId,userId\ng1,u1\n').rows;
    expect(linkMappings(rows, {}).errors).toEqual([]);
    expect(linkMappings(rows, { groups: new Set(['g1']), users: new Set() }).errors.map((error) => error.code)).toEqual(['unknown_user']);
  });
});

describe('groups of a person', () => {
  it('makes a member of a sub-group a member of every group above it, in groups.csv order', () => {
    const { people } = directory({ users: 'id\nu1\nu2\nu3\n', groups: GROUPS, mappings: `${HIERARCHY}tier2,,u1,,\nsuccess,,u2,,\nsupport,,u2,,\n` });
    expect(people.get('u1')!.groups).toEqual([
      { id: 'cs', name: 'Customer Service' },
      { id: 'support', name: 'Support' },
      { id: 'tier2', name: 'Tier 2' },
    ]);
    expect(people.get('u2')!.groups?.map((group) => group.id)).toEqual(['cs', 'support', 'success']);
    expect(people.get('u3')!.groups).toBeUndefined();
  });

  it('keeps a group manager out of the group, and names what they manage in custom.managerOfGroups', () => {
    const { people } = directory({ users: 'id,Cost Centre\nsteph,CC1\nu1,\n', groups: GROUPS, mappings: `${HIERARCHY}support,,steph,true,false\ncs,,steph,true,false\ntier2,,u1,,\ntier2,,u1,true,true\n` });
    expect(people.get('steph')!.groups).toBeUndefined();
    expect(people.get('steph')!.custom).toEqual({ cost_centre: 'CC1', managerOfGroups: 'Customer Service; Support' });
    expect(people.get('u1')!.groups?.map((group) => group.id)).toEqual(['cs', 'support', 'tier2']);
    expect(people.get('u1')!.custom).toEqual({ managerOfGroups: 'Tier 2' });
  });
});

describe("a person's manager", () => {
  const mappings = `${HIERARCHY}cs,,boss,true,false\nsupport,,lead,true,true\ntier2,,agent,,\nsupport,,helper,,\nsuccess,,csm,,\nsuccess,,m1,true,false\nsuccess,,m2,true,false\n`;
  const users = 'id,email\nboss,boss@acme.example\nlead,lead@acme.example\nagent,agent@acme.example\nhelper,helper@acme.example\ncsm,csm@acme.example\nm1,m1@acme.example\nm2,m2@acme.example\n';

  it('comes from the nearest group above with one manager when users.csv has no manager column', () => {
    const { people } = directory({ users, groups: GROUPS, mappings });
    // tier2 has no manager: support's lead manages the agent.
    expect(people.get('agent')!.managerHrisId).toBe('lead');
    expect(people.get('helper')!.managerHrisId).toBe('lead');
    // The lead is a member of support, which they manage themselves: cs's manager is theirs.
    expect(people.get('lead')!.managerHrisId).toBe('boss');
    // Two managers of one group: Roster does not guess.
    expect(people.get('csm')!.managerHrisId).toBeUndefined();
    expect(people.get('boss')!.managerHrisId).toBeUndefined();
  });

  it('is only what users.csv says when it has a manager column', () => {
    const withColumn = users.trimEnd().split('\n').map((line, n) => `${line},${n === 0 ? 'managerEmail' : ''}\n`).join('');
    const { people } = directory({ users: withColumn, groups: GROUPS, mappings });
    expect([...people.values()].map((person) => person.managerHrisId)).toEqual(Array(7).fill(undefined));
  });
});

describe('status', () => {
  it('follows the dates on the day of the read: an ended employment is terminated, one to come is onboarding', () => {
    const { people } = directory({ users: 'id,status,startDate,endDate\nleft,active,2020-01-01,2025-06-14\nlast-day,,2020-01-01,2025-06-15\nnew,,2025-07-01,\nstarted,onboarding,2025-06-01,\nplain,,,\nquit,inactive,,\n' });
    expect(Object.fromEntries([...people].map(([id, person]) => [id, person.status]))).toEqual({ left: 'terminated', 'last-day': 'active', new: 'onboarding', started: 'active', plain: 'active', quit: 'inactive' });
  });
});
