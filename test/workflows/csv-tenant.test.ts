// A CSV tenant end to end on the real stack (issue 7's Must show): three files uploaded, the first
// users.csv authorising the tenant and starting its test, go-live, the good rows on the SCIM
// server and the bad ones in errors.csv with their lines; then a new set in which a team is
// renamed by id and a member moves between teams; then retention and offboarding.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createRunRecordActivities } from '../../activities/sync/run-records';
import type { ScimRecord } from '../../dev/scim-server';
import { csvTenant, uploadFile } from '../support/csv-upload';
import { kickoffConfig } from '../support/fixtures';
import { approveTest, configureAndKickOff, goLiveNow, settled, useDemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';

const demo = useDemoStack();
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const config = {
  ...kickoffConfig,
  fieldMappings: { title: 'position', manager: 'managerHrisId', costCenter: 'custom.cost_centre', organization: 'custom.managerOfGroups' },
  groups: { from: 'groups', deleteRemoved: false },
  schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 },
};

const GROUPS = 'id,name\r\ncs,Customer Service\r\nsupport,Support\r\nsuccess,Customer Success\r\neng,Engineering\r\n';

// Steph manages Customer Service, whose teams are Support and Customer Success.
const mappings = (bruno: 'support' | 'success') =>
  [
    'groupId,subgroupId,userId,isManager,isMember',
    'cs,support,,,',
    'cs,success,,,',
    'cs,,steph,true,false',
    'support,,ana,false,true',
    `${bruno},,bruno,false,true`,
    'success,,chen,false,true',
    'eng,,dev,false,true',
    'eng,,ghost,false,true',
    'nowhere,,ana,false,true',
  ].join('\r\n') + '\r\n';

// No manager column: each person's manager comes from their groups. Line 5 spans two lines.
const USERS = [
  '\ufeffid,Email,First Name,Last Name,Title,Cost Centre',
  'steph,steph@acme.example,Stéphanie,Côté,Head of Customer Service,CC-100',
  'ana,ana@acme.example,Ana María,Núñez,"Support Agent, Tier 1",CC-200',
  'bruno,bruno@acme.example,Bruno,Müller,Support Agent,CC-200',
  'chen,chen@acme.example,美咲,陳,"Customer Success\nManager",CC-300',
  'dev,dev@acme.example,Dev,Oliveira,Engineer,',
  'oops,oops-at-acme.example,Olga,Ops,Engineer,',
  'steph,steph.again@acme.example,Steph,Again,,',
].join('\r\n');

const byUserName = (scim: ReturnType<typeof demo.platformFor>) => new Map(scim.directory.users().map((user) => [user.userName as string, user]));
const groupByExternalId = (scim: ReturnType<typeof demo.platformFor>, externalId: string) => scim.directory.groups().find((group) => group.externalId === externalId)!;
const memberIds = (group: ScimRecord) => ((group.members ?? []) as { value: string }[]).map((member) => member.value).sort();

const parseCsv = (text: string): Record<string, string>[] => parse(text, { columns: true });

async function finalRun(syncId: string) {
  return eventually(async () => {
    const run = (await demo.stack.request('GET', `/api/syncs/${syncId}`)).body;
    return run.phase === 'done' && run;
  }, 60_000);
}

describe('a CSV tenant', () => {
  it('goes live from uploaded files, reports bad rows by line, renames a team by id and moves a member between teams', async () => {
    const tenant = csvTenant();
    expect((await demo.stack.request('POST', '/api/tenants', tenant)).status).toBe(201);
    const { id } = tenant;
    const scim = demo.platformFor(id);
    await configureAndKickOff(demo.stack, id, config);

    // Groups and mappings first: the first users.csv authorises the tenant and starts its test.
    expect((await uploadFile(demo.stack, id, 'groups', GROUPS)).body).toEqual({ rows: 4, errors: [] });
    expect((await uploadFile(demo.stack, id, 'group-mappings', mappings('support'))).body.rows).toBe(9);
    const users = await uploadFile(demo.stack, id, 'users', USERS);
    expect(users.body).toEqual({
      rows: 7,
      errors: [
        { line: 8, code: 'bad_email', message: 'workEmail is not an e-mail address: the person is kept without it.' },
        { line: 9, code: 'duplicate_id', message: "The id 'steph' is already on line 2: this row is skipped." },
      ],
    });
    const test = (await settled(demo.stack, id)).lastSync;
    expect(test.status).toBe('warning');
    expect((await demo.stack.request('GET', `/api/tenants/${id}`)).body.stage).toBe('testing');
    expect(scim.directory.users()).toEqual([]);

    await approveTest(demo.stack, id);
    const live = await goLiveNow(demo.stack, id);
    const load = await finalRun(live.lastSync.id);
    expect(load).toMatchObject({ trigger: 'initial_load', mode: 'apply', status: 'warning' });
    // Four row errors and the person without an e-mail, whom the identity key cannot name.
    expect(load.counts).toMatchObject({ created: 5, skipped: 5, failed: 0, groupsCreated: 4 });
    expect(load.counts).toEqual(load.planned);

    // The good rows, as the platform holds them.
    const accounts = byUserName(scim);
    expect([...accounts.keys()].sort()).toEqual(['ana@acme.example', 'bruno@acme.example', 'chen@acme.example', 'dev@acme.example', 'steph@acme.example']);
    const [steph, ana, bruno, chen, dev] = ['steph', 'ana', 'bruno', 'chen', 'dev'].map((name) => accounts.get(`${name}@acme.example`)!);
    expect(ana).toMatchObject({ externalId: 'ana', name: { givenName: 'Ana María', familyName: 'Núñez' }, title: 'Support Agent, Tier 1', [ENTERPRISE]: { costCenter: 'CC-200', manager: { value: steph!.id } } });
    expect(chen).toMatchObject({ name: { givenName: '美咲', familyName: '陳' }, title: 'Customer Success\nManager', [ENTERPRISE]: { manager: { value: steph!.id } } });
    expect(steph).toMatchObject({ name: { givenName: 'Stéphanie', familyName: 'Côté' }, [ENTERPRISE]: { organization: 'Customer Service', costCenter: 'CC-100' } });
    expect((dev![ENTERPRISE] as { manager?: unknown } | undefined)?.manager).toBeUndefined();

    // Members of a team are members of Customer Service above it; its manager is not.
    const groupsBefore = Object.fromEntries(['cs', 'support', 'success', 'eng'].map((g) => [g, groupByExternalId(scim, `group-id:${g}`)]));
    expect(Object.fromEntries(Object.entries(groupsBefore).map(([g, group]) => [g, [group.displayName, memberIds(group)]]))).toEqual({
      cs: ['Customer Service', [ana!.id, bruno!.id, chen!.id].sort()],
      support: ['Support', [ana!.id, bruno!.id].sort()],
      success: ['Customer Success', [chen!.id]],
      eng: ['Engineering', [dev!.id]],
    });

    // The bad rows, with their files, lines and reasons.
    const errors = parseCsv((await demo.stack.request('GET', `/api/syncs/${load.id}/errors.csv`)).text);
    const located = errors.filter((row) => row.line !== '').map(({ hrisId, name, reasonCode, reason, line }) => ({ hrisId, name, reasonCode, reason, line }));
    expect(located).toEqual([
      { hrisId: 'ghost', name: 'group-mappings.csv line 9', reasonCode: 'unknown_user', reason: "group-mappings.csv line 9: users.csv has no person 'ghost': the row is skipped.", line: '9' },
      { hrisId: 'ana', name: 'Ana María Núñez', reasonCode: 'unknown_group', reason: "group-mappings.csv line 10: groups.csv has no group 'nowhere': the row is skipped.", line: '10' },
      { hrisId: 'oops', name: 'Olga Ops', reasonCode: 'bad_email', reason: 'users.csv line 8: workEmail is not an e-mail address: the person is kept without it.', line: '8' },
      { hrisId: 'steph', name: 'Stéphanie Côté', reasonCode: 'duplicate_id', reason: "users.csv line 9: The id 'steph' is already on line 2: this row is skipped.", line: '9' },
    ]);
    expect(errors.find((row) => row.hrisId === 'oops' && row.line === '')).toMatchObject({ reasonCode: 'missing_identity_key', severity: 'skipped' });
    const items = (await demo.stack.request('GET', `/api/syncs/${load.id}/items?action=skip`)).body.items;
    expect(items).toContainEqual(expect.objectContaining({ hrisId: 'ghost', action: 'skip', result: 'done', reasonCode: 'unknown_user' }));

    // A new set: Support is renamed by its id, and Bruno moves from Support to Customer Success.
    await uploadFile(demo.stack, id, 'groups', GROUPS.replace('support,Support', 'support,Support & Care'));
    await uploadFile(demo.stack, id, 'group-mappings', mappings('success'));
    const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
    expect(started.status, started.text).toBe(202);
    const next = await finalRun(started.body.syncId);
    expect(next).toMatchObject({ status: 'warning', counts: { created: 0, deactivated: 0, groupsCreated: 0, groupsUpdated: 2, failed: 0 } });

    const renamed = groupByExternalId(scim, 'group-id:support');
    expect(renamed).toMatchObject({ id: groupsBefore.support!.id, displayName: 'Support & Care' });
    expect(memberIds(renamed)).toEqual([ana!.id]);
    expect(memberIds(groupByExternalId(scim, 'group-id:success'))).toEqual([bruno!.id, chen!.id].sort());
    expect(memberIds(groupByExternalId(scim, 'group-id:cs'))).toEqual([ana!.id, bruno!.id, chen!.id].sort());
    expect(scim.directory.groups()).toHaveLength(4);

    // Row errors go with their run's data after the retention period, and the files at offboarding.
    const rowErrorsOf = () => demo.stack.db('directory_row_errors').whereIn('run_id', demo.stack.db('sync_runs').where({ tenant_id: id }).select('id'));
    expect(await rowErrorsOf()).not.toEqual([]);
    const { purgeRunData } = createRunRecordActivities(demo.stack.db, { approvalTimeoutHours: 72, webhookWindowSeconds: 30, retentionDays: 30 });
    await purgeRunData({ tenantId: id, now: new Date(Date.now() + 31 * 86_400_000).toISOString() });
    expect(await rowErrorsOf()).toEqual([]);
    expect((await demo.stack.request('DELETE', `/api/tenants/${id}`, {})).body.stage).toBe('offboarded');
    await eventually(async () => (await demo.stack.db('csv_files').where({ tenant_id: id })).length === 0);
  });
});
