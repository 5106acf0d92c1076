// Migration 0022: a config stored with the single `groups` object of before issue 19 becomes a list
// of one source with no prefix, in the tenant's row and in its recorded versions, and the result is
// a config the validator accepts as it is. A config that already lists its sources is left alone.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../common/db';
import { validateTenantConfig } from '../../common/tenant-config';
import { insertTenant } from '../../common/tenants-repository';
import * as groupSources from '../../migrations/0022_group_sources';
import { kickoffConfig } from '../support/fixtures';
import { uniqueTenantId } from '../support/stack';

const db = createDb(inject('databaseUrl'));
afterAll(() => db.destroy());

async function tenantWithConfig(config: object) {
  const id = uniqueTenantId('mig');
  const at = new Date();
  await insertTenant(db, { id, name: 'Migrated Pty Ltd', hris: { provider: 'demo' }, contacts: { supportEmail: 'support@roster.example' }, createdBy: 'test', at }, async () => ({ kind: 'demo' }));
  const versionId = randomUUID();
  await db('tenant_config_versions').insert({ id: versionId, tenant_id: id, config: JSON.stringify(config), created_by: 'test', created_at: at });
  await db('tenants').where({ id }).update({ config: JSON.stringify(config), config_version_id: versionId });
  return { id, versionId };
}

const stored = async ({ id, versionId }: { id: string; versionId: string }) => ({
  tenant: (await db('tenants').where({ id }).first('config')).config,
  version: (await db('tenant_config_versions').where({ id: versionId }).first('config')).config,
});

describe('migration 0022: groups as a list of sources', () => {
  it('rewrites a single groups object into a list of one, in the tenant row and its version, as a valid config', async () => {
    const { groups: _list, adoptExistingGroups: _flag, ...before } = kickoffConfig;
    const old = await tenantWithConfig({ ...before, groups: { from: 'location', deleteRemoved: true } });
    const listed = await tenantWithConfig({ ...kickoffConfig, groups: [{ from: 'tags', prefix: 'Tag: ', deleteRemoved: false }] });
    const untouched = await stored(listed);

    await groupSources.up(db);

    const { tenant, version } = await stored(old);
    expect(tenant.groups).toEqual([{ from: 'location', prefix: '', deleteRemoved: true }]);
    expect(version).toEqual(tenant);
    expect(await stored(listed)).toEqual(untouched);
    const validation = validateTenantConfig(version, { minScheduleMinutes: 15, now: new Date() });
    expect(validation.ok && validation.config.groups).toEqual(version.groups);
  });
});
