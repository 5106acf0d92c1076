// Tenant health on the real stack (docs/PRODUCT.md "Tenant health"): a live tenant whose platform
// token is revoked opens `platform_credentials_rejected` at its next run, support is e-mailed once
// however many runs fail after, and the run after a new token resolves it, recording when and by
// what. Demo HR system, the real scimmy SCIM server as the platform, real Temporal and Postgres.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { scimPlatformFor } from '../activities/platform/scim-platform';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, takeLive, useDemoStack, useTinyDirectory } from '../support/onboarding';
import { eventually, type TestStack } from '../support/stack';

// The tenant's platform is a SCIM platform on the demo stack's server, with a token of its own.
const demo = useDemoStack();
let stack: TestStack;
beforeAll(() => {
  stack = demo.stack;
});

const support = 'support@roster.example';
const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];

/** Starts an on-demand run and waits for its final status and for its mail to have left the outbox. */
async function runToEnd(tenantId: string) {
  const started = await stack.request('POST', `/api/tenants/${tenantId}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  const syncId: string = started.body.syncId;
  const run = await eventually(async () => {
    const answer = await stack.request('GET', `/api/syncs/${syncId}`);
    return final.includes(answer.body.status) && answer.body;
  }, 60_000);
  await eventually(async () => {
    const pending = await stack.db('mail_outbox').where({ tenant_id: tenantId, status: 'pending' }).count({ n: '*' });
    const queued = await stack.db('mail_outbox').where({ tenant_id: tenantId, sync_id: syncId }).count({ n: '*' });
    return Number(pending[0]!.n) === 0 && Number(queued[0]!.n) > 0;
  }, 30_000);
  return run;
}

const problemMails = (tenantId: string) => stack.mail.messages.filter((mail) => mail.to.includes(support) && mail.subject.includes("The platform rejects Roster's token") && mail.text.includes(tenantId));

describe('tenant health', () => {
  it('opens platform_credentials_rejected when the token is revoked, tells support once, and resolves it after a new token', async () => {
    const oldToken = randomBytes(16).toString('hex');
    const body = demoTenant();
    const { settings } = scimPlatformFor(demo.platform, body.id, oldToken);
    expect((await stack.request('POST', '/api/tenants', { ...body, platform: settings })).status).toBe(201);
    await useTinyDirectory(stack, body.id);
    await configureAndKickOff(stack, body.id, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
    await enterKey(stack, body.id, 'demo-key');
    await takeLive(stack, body.id);
    expect((await stack.request('GET', `/api/tenants/${body.id}`)).body.problems).toEqual({ open: [], recentlyResolved: [] });

    // The platform's admin revokes Roster's token: only a new one is accepted.
    const newToken = randomBytes(16).toString('hex');
    demo.platform.server.addTenant(body.id, newToken);

    const failed = await runToEnd(body.id);
    expect(failed).toMatchObject({ status: 'error', error: { code: 'platform_credentials_rejected' } });
    const tenant = (await stack.request('GET', `/api/tenants/${body.id}`)).body;
    expect(tenant.problems.open).toEqual([
      expect.objectContaining({ type: 'platform_credentials_rejected', since: expect.any(String), detail: { syncId: failed.id, code: 'platform_credentials_rejected' }, notifiedAt: expect.any(String) }),
    ]);
    expect(problemMails(body.id)).toHaveLength(1);
    expect(problemMails(body.id)[0]!.text).toContain(`/tenants/${body.id}`);
    const listed = await stack.request('GET', `/api/tenants?hasProblems=true&q=${body.id}`);
    expect(listed.body.tenants).toEqual([expect.objectContaining({ id: body.id, openProblems: 1 })]);

    // Two more failing runs: still one problem, and no second e-mail.
    for (let run = 0; run < 2; run++) expect(await runToEnd(body.id)).toMatchObject({ status: 'error', error: { code: 'platform_credentials_rejected' } });
    expect(problemMails(body.id)).toHaveLength(1);
    expect(await stack.db('tenant_problems').where({ tenant_id: body.id })).toHaveLength(1);

    // Support sets the platform's new token; the next run gets through and resolves the problem.
    const patched = await stack.request('PATCH', `/api/tenants/${body.id}`, { platform: { token: newToken }, reason: 'token rotated by the platform admin' });
    expect(patched.status, patched.text).toBe(200);
    const fixed = await runToEnd(body.id);
    expect(fixed.status).toBe('success');

    const after = (await stack.request('GET', `/api/tenants/${body.id}`)).body;
    expect(after.problems.open).toEqual([]);
    expect(after.problems.recentlyResolved).toEqual([expect.objectContaining({ type: 'platform_credentials_rejected', resolvedAt: expect.any(String), resolvedBy: { kind: 'run', ref: fixed.id } })]);
    const row = await stack.db('tenant_problems').where({ tenant_id: body.id }).first();
    expect(row).toMatchObject({ resolved_by: 'run', resolved_ref: fixed.id });
    expect(row.resolved_at.getTime()).toBeGreaterThanOrEqual(row.opened_at.getTime());
    expect((await stack.request('GET', `/api/tenants?hasProblems=true&q=${body.id}`)).body.tenants).toEqual([]);
    expect((await stack.request('GET', `/api/tenants?hasProblems=false&q=${body.id}`)).body.tenants).toEqual([expect.objectContaining({ id: body.id, openProblems: 0 })]);
    expect(problemMails(body.id)).toHaveLength(1);
  }, 240_000);

  it('refuses a hasProblems filter that is neither true nor false with 400', async () => {
    const answer = await stack.request('GET', '/api/tenants?hasProblems=maybe');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: 'hasProblems' })] });
  });
});
