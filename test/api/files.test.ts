// PUT /api/tenants/:id/files/:kind on the real stack (docs/API.md): who may upload, what is refused
// whole, what an accepted file answers and keeps, and how a CSV tenant is authorised without a key.
import { describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { csvTenant, uploadFile } from '../support/csv-upload';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, settled, useDemoStack } from '../support/onboarding';
import { uniqueTenantId } from '../support/stack';

const demo = useDemoStack();
const config = { ...kickoffConfig, groups: { from: 'groups', deleteRemoved: false }, schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 } };
const USERS = 'id,email,firstName,lastName\nu1,ada@acme.example,Ada,Lovelace\nu2,alan@acme.example,Alan,Turing\n';

async function newTenant(body: object = csvTenant()): Promise<string> {
  const created = await demo.stack.request('POST', '/api/tenants', body);
  expect(created.status, created.text).toBe(201);
  return created.body.id;
}

/** A CSV tenant waiting in `authorization`, its demo platform on the SCIM server. */
async function authorizingTenant(): Promise<string> {
  const id = await newTenant();
  demo.platformFor(id);
  await configureAndKickOff(demo.stack, id, config);
  return id;
}

const storedFile = (tenantId: string, kind: string) => demo.stack.db('csv_files').where({ tenant_id: tenantId, kind }).first();

describe('who may upload, and where', () => {
  it('needs a token, and the support role', async () => {
    const id = await newTenant();
    expect((await uploadFile(demo.stack, id, 'users', USERS, { token: null })).status).toBe(401);
    const viewer = await createToken(demo.stack.db, `viewer-${uniqueTenantId()}`, 'viewer');
    const refused = await uploadFile(demo.stack, id, 'users', USERS, { token: viewer });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(await storedFile(id, 'users')).toBeUndefined();
  });

  it('takes users, groups and group-mappings, and no other kind', async () => {
    const id = await newTenant();
    for (const [kind, body] of [['users', USERS], ['groups', 'id,name\ng1,Sales\n'], ['group-mappings', 'groupId,userId\ng1,u1\n']] as const) {
      const answer = await uploadFile(demo.stack, id, kind, body);
      expect(answer.status, answer.text).toBe(200);
    }
    const unknown = await uploadFile(demo.stack, id, 'people', USERS);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_file_kind', message: expect.stringContaining('users, groups, group-mappings') });
  });

  it('answers 404 for an unknown tenant and 409 for a tenant whose HR system is not CSV files', async () => {
    expect((await uploadFile(demo.stack, uniqueTenantId(), 'users', USERS)).body.error.code).toBe('tenant_not_found');
    const id = await newTenant(demoTenant());
    const refused = await uploadFile(demo.stack, id, 'users', USERS);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'not_a_csv_tenant', message: expect.stringContaining('reads its people from demo') });
  });

  it('answers 415 for a body that is not text/csv', async () => {
    const id = await newTenant();
    const answer = await demo.stack.request('PUT', `/api/tenants/${id}/files/users`, { id: 'u1' });
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe('unsupported_media_type');
  });
});

describe('an accepted file', () => {
  it('answers its rows and its row errors with their lines, and is kept with who uploaded it and when', async () => {
    const id = await newTenant();
    const answer = await uploadFile(demo.stack, id, 'users', '\ufeffid,email,firstName\r\nu1,ada@acme.example,Ada\r\nu2,not-an-address,"Alan\r\nM."\r\nu1,again@acme.example,Ada\r\n');
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({
      rows: 3,
      errors: [
        { line: 3, code: 'bad_email', message: 'workEmail is not an e-mail address: the person is kept without it.' },
        { line: 5, code: 'duplicate_id', message: "The id 'u1' is already on line 2: this row is skipped." },
      ],
    });
    const stored = await storedFile(id, 'users');
    expect(stored).toMatchObject({ records: 3, uploaded_by: 'admin-env' });
    expect(stored.rows.map((row: { person: { hrisId: string } }) => row.person.hrisId)).toEqual(['u1', 'u2']);
    expect(stored.errors).toHaveLength(2);
    expect(Date.now() - new Date(stored.uploaded_at).getTime()).toBeLessThan(60_000);
  });

  it('answers mappings with what the latest groups and people do not have', async () => {
    const id = await newTenant();
    const early = await uploadFile(demo.stack, id, 'group-mappings', 'groupId,userId\ng1,u1\n');
    // Nothing to check against yet: the other files come next.
    expect(early.body).toEqual({ rows: 1, errors: [] });
    await uploadFile(demo.stack, id, 'users', USERS);
    await uploadFile(demo.stack, id, 'groups', 'id,name\ng1,Sales\n');
    const answer = await uploadFile(demo.stack, id, 'group-mappings', 'groupId,subgroupId,userId\ng1,,u1\ng9,,u2\ng1,,u9\ng1,g8,\n');
    expect(answer.body.errors).toEqual([
      { line: 3, code: 'unknown_group', message: "groups.csv has no group 'g9': the row is skipped." },
      { line: 4, code: 'unknown_user', message: "users.csv has no person 'u9': the row is skipped." },
      { line: 5, code: 'unknown_subgroup', message: "groups.csv has no group 'g8' to be a sub-group: the row is skipped." },
    ]);
  });

  it('replaces the latest file of its kind', async () => {
    const id = await newTenant();
    await uploadFile(demo.stack, id, 'groups', 'id,name\ng1,Sales\n');
    await uploadFile(demo.stack, id, 'groups', 'id,name\ng1,Sales and Marketing\ng2,Support\n');
    expect((await storedFile(id, 'groups')).rows).toEqual([{ line: 2, id: 'g1', name: 'Sales and Marketing' }, { line: 3, id: 'g2', name: 'Support' }]);
  });
});

describe('a file refused whole', () => {
  it('400 empty_file for a missing or empty file, and the latest accepted file stays', async () => {
    const id = await newTenant();
    await uploadFile(demo.stack, id, 'users', USERS);
    for (const body of ['', 'id,email\r\n', '\r\n\r\n']) {
      const answer = await uploadFile(demo.stack, id, 'users', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'empty_file', message: expect.stringContaining('would remove everyone') });
    }
    expect((await storedFile(id, 'users')).records).toBe(2);
  });

  it('400 invalid_csv for a file that cannot be split into rows, or lacks the identity key column', async () => {
    const id = await authorizingTenant();
    const uneven = await uploadFile(demo.stack, id, 'users', 'id,email\nu1,a@acme.example,extra\n');
    expect(uneven.status).toBe(400);
    expect(uneven.body.error).toMatchObject({ code: 'invalid_csv', message: expect.stringContaining('line 2') });
    const withoutKey = await uploadFile(demo.stack, id, 'users', 'id,firstName\nu1,Ada\n');
    expect(withoutKey.body.error).toMatchObject({ code: 'invalid_csv', message: expect.stringContaining("the tenant's identity key (workEmail)") });
    expect(await storedFile(id, 'users')).toBeUndefined();
    expect((await demo.stack.request('GET', `/api/tenants/${id}`)).body.stage).toBe('authorization');
  });

  it('413 for a body over 50 MB', async () => {
    const id = await newTenant();
    const answer = await uploadFile(demo.stack, id, 'users', new Uint8Array(50 * 1024 * 1024 + 1).fill(0x61));
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload_too_large');
  });

  it('409 for an offboarded tenant', async () => {
    const id = await newTenant();
    expect((await demo.stack.request('DELETE', `/api/tenants/${id}`, {})).body.stage).toBe('offboarded');
    const answer = await uploadFile(demo.stack, id, 'users', USERS);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('invalid_transition');
  });
});

describe('authorising a CSV tenant', () => {
  it('POST credentials with an empty body is refused until users.csv is accepted, and a key is refused', async () => {
    const id = await authorizingTenant();
    const early = await demo.stack.request('POST', `/api/tenants/${id}/credentials`, {});
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ code: 'hris_misconfigured', message: expect.stringContaining('upload users.csv first') });
    const withKey = await demo.stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: 'anything' });
    expect(withKey.status).toBe(400);
    expect(withKey.body.error.details[0].message).toContain('A CSV tenant has no HRIS key');
    expect(await demo.stack.db('secrets').where({ tenant_id: id, kind: 'hris_key' })).toEqual([]);
    expect((await demo.stack.request('GET', `/api/tenants/${id}`)).body.stage).toBe('authorization');
  });

  it('authorises a tenant whose users.csv came during kick-off as soon as kick-off completes', async () => {
    const id = await newTenant();
    demo.platformFor(id);
    expect((await uploadFile(demo.stack, id, 'users', USERS)).status).toBe(200);
    expect((await demo.stack.request('GET', `/api/tenants/${id}`)).body.stage).toBe('kickoff');
    await demo.stack.request('PUT', `/api/tenants/${id}/config`, config);
    const kickedOff = await demo.stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {});
    expect(kickedOff.status, kickedOff.text).toBe(200);
    expect(kickedOff.body).toMatchObject({ stage: 'testing', hris: { provider: 'csv', credential: { status: 'verified' } } });
    expect(await demo.stack.db('secrets').where({ tenant_id: id, kind: 'hris_key' })).toHaveLength(1);
    expect((await settled(demo.stack, id)).lastSync.status).toBe('success');
  });

  it('POST credentials with an empty body authorises a tenant again once its placeholder key was revoked', async () => {
    const id = await newTenant();
    demo.platformFor(id);
    expect((await uploadFile(demo.stack, id, 'users', USERS)).status).toBe(200);
    await configureAndKickOff(demo.stack, id, config);
    await settled(demo.stack, id);
    const revoked = await demo.stack.request('DELETE', `/api/tenants/${id}/credentials`, {});
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.stage).toBe('authorization');
    const keyed = await demo.stack.request('POST', `/api/tenants/${id}/credentials`, {});
    expect(keyed.status, keyed.text).toBe(200);
    expect(keyed.body).toMatchObject({ stage: 'testing', hris: { provider: 'csv', credential: { status: 'verified' } } });
    expect(await demo.stack.db('secrets').where({ tenant_id: id, kind: 'hris_key' })).toHaveLength(1);
  });

  it('the first users.csv accepted in authorization authorises the tenant by itself, and its test runs', async () => {
    const id = await authorizingTenant();
    await uploadFile(demo.stack, id, 'groups', 'id,name\ng1,Sales\n');
    expect((await demo.stack.request('GET', `/api/tenants/${id}`)).body.stage).toBe('authorization');
    const answer = await uploadFile(demo.stack, id, 'users', USERS);
    expect(answer.status, answer.text).toBe(200);
    const tenant = (await demo.stack.request('GET', `/api/tenants/${id}`)).body;
    expect(tenant).toMatchObject({ stage: 'testing', hris: { credential: { status: 'verified' } } });
    expect(tenant.history).toContainEqual(expect.objectContaining({ action: 'credential_verified', actor: 'admin-env', to: 'testing' }));
    const test = (await settled(demo.stack, id)).lastSync;
    const run = (await demo.stack.request('GET', `/api/syncs/${test.id}`)).body;
    expect(run).toMatchObject({ trigger: 'test', mode: 'dry_run', status: 'success', planned: { created: 2 } });
  });
});
