// Issue 19 on the real stack (demo HR directory, scimmy platform): a tenant with a sandbox beside
// its production platform, two directories of one SCIM server. Its test writes nothing anywhere;
// a trial load before go-live writes to the sandbox only; go-live's initial load writes to
// production only, planned from production's links (none), not the sandbox's; the sandbox's token
// is sealed and never shown.
import { randomBytes } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { demoCustomSchema } from '../../dev/scim-server';
import type { ScimTenant } from '../../dev/scim-server';
import { tenantWorkflowId } from '../../common/workflow-ids';
import { changeSettingsUpdate } from '../../workflows/tenant-messages';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, settled, takeLive, useDemoStack, useTinyDirectory } from '../support/onboarding';
import { uniqueTenantId } from '../support/stack';

const demo = useDemoStack();

const config = { ...kickoffConfig, include: { statuses: ['active'] }, schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 } };

const writes = (directory: ScimTenant) => directory.operations.filter((op) => op.method !== 'GET');
const userIds = (directory: ScimTenant) => directory.directory.users().map((user) => user.id).sort();

describe('a sandbox platform beside production', () => {
  it('tests write nothing, a trial load writes to the sandbox only, and the initial load to production only, with its own links', async () => {
    const id = uniqueTenantId();
    const [productionToken, sandboxToken] = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];
    const production = demo.platform.server.addTenant(`${id}-production`, productionToken);
    const sandbox = demo.platform.server.addTenant(`${id}-sandbox`, sandboxToken);
    const address = (directory: ScimTenant) => `${demo.platform.url}/scim/${directory.tenantId}/v2`;
    const platform = { kind: 'scim', baseUrl: address(production), token: productionToken, customSchema: demoCustomSchema, maxRequestsPerSecond: 1000, sandbox: { baseUrl: address(sandbox), token: sandboxToken } };

    const created = await demo.stack.request('POST', '/api/tenants', { ...demoTenant(id), platform });
    expect(created.status, created.text).toBe(201);
    expect(created.body.platform.sandbox).toEqual({ baseUrl: address(sandbox) });
    expect(created.text).not.toContain(sandboxToken);
    const row = await demo.stack.db('tenants').where({ id }).first('platform');
    expect(row.platform.sandbox).toEqual({ baseUrl: address(sandbox), tokenRef: expect.any(String) });
    expect(JSON.stringify(row)).not.toContain(sandboxToken);

    await useTinyDirectory(demo.stack, id);
    await configureAndKickOff(demo.stack, id, config);
    // The key starts the first test by itself: a dry run against the sandbox.
    const tested = await enterKey(demo.stack, id, 'demo-key');
    const test = (await demo.stack.request('GET', `/api/syncs/${tested.lastSync.id}`)).body;
    expect(test).toMatchObject({ trigger: 'test', target: 'sandbox', status: 'success', planned: { created: 3 } });
    expect([...writes(sandbox), ...writes(production)]).toEqual([]);
    expect(production.operations).toEqual([]);

    // The trial load: an applying run before go-live, which only a tenant with a sandbox may start.
    const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
    expect(started.status, started.text).toBe(202);
    const tried = await settled(demo.stack, id, tested.lastSync.id);
    expect(tried.stage).toBe('testing');
    const trial = (await demo.stack.request('GET', `/api/syncs/${started.body.syncId}`)).body;
    expect(trial).toMatchObject({ trigger: 'manual', mode: 'apply', target: 'sandbox', status: 'success', counts: { created: 3 } });
    const sandboxAccounts = userIds(sandbox);
    expect(sandboxAccounts).toHaveLength(3);
    expect(production.operations).toEqual([]);
    const sandboxWrites = writes(sandbox).length;

    const live = await takeLive(demo.stack, id);
    const initialLoad = (await demo.stack.request('GET', `/api/syncs/${live.lastSync.id}`)).body;
    expect(initialLoad).toMatchObject({ trigger: 'initial_load', target: 'production', status: 'success', counts: { created: 3 } });
    expect(userIds(production)).toHaveLength(3);
    expect(userIds(sandbox)).toEqual(sandboxAccounts);
    expect(writes(sandbox)).toHaveLength(sandboxWrites);

    // Each target keeps its own links: production's are production's accounts, the sandbox's stay as they were.
    const links = async (target: string) => (await demo.stack.db('account_links').where({ tenant_id: id, target }).pluck('account_id')).sort();
    expect(await links('production')).toEqual(userIds(production));
    expect(await links('sandbox')).toEqual(sandboxAccounts);

    const moved = live.history.find((entry: { action: string }) => entry.action === 'initial_load_started');
    expect(moved.reason).toMatch(/from the sandbox platform to production/);

    // Once live, the sandbox stays as it is: refused at the edge, and by the workflow when sent from the Temporal UI or CLI.
    const { tokenRef: _tokenRef, sandbox: _sandbox, ...productionSettings } = (await demo.stack.db('tenants').where({ id }).first('platform')).platform;
    expect((await demo.stack.request('PATCH', `/api/tenants/${id}`, { platform: { sandbox: null } })).body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'platform.sandbox' }] });
    const handle = demo.stack.client.workflow.getHandle(tenantWorkflowId(id));
    const refused = await handle.executeUpdate(changeSettingsUpdate, { args: [{ actor: 'support', platform: productionSettings }] }).then(() => undefined, (error: unknown) => error);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'validation_failed' });

    const answers = JSON.stringify([live, initialLoad, trial, test, (await demo.stack.request('GET', `/api/tenants/${id}/history`)).body]);
    expect(answers).not.toContain(sandboxToken);
    expect(answers).not.toContain(productionToken);
  });
});
