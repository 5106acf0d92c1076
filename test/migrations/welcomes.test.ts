// Migration 0023: the welcomes a run queued before the `welcomes` record existed are remembered,
// so a later send does not welcome those people again; a run that queued none welcomed nobody.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../common/db';
import { insertTenant } from '../../common/tenants-repository';
import { rememberQueuedWelcomes } from '../../migrations/0023_welcomes';
import { uniqueTenantId } from '../support/stack';

const db = createDb(inject('databaseUrl'));
afterAll(() => db.destroy());

async function runCreating(tenantId: string, people: { hrisId: string; email?: string }[]): Promise<string> {
  const id = randomUUID();
  await db('sync_runs').insert({ id, tenant_id: tenantId, trigger: 'manual', mode: 'apply', status: 'success', phase: 'done', requested_by: 'test', started_at: new Date() });
  await db('plan_items').insert(
    people.map(({ hrisId, email }, seq) => ({
      run_id: id,
      seq,
      tenant_id: tenantId,
      kind: 'account',
      hris_id: hrisId,
      action: 'create',
      result: 'done',
      applied_at: new Date(),
      item: JSON.stringify({ hrisId, action: 'create', fields: { userName: hrisId, externalId: hrisId, active: true, attributes: {}, ...(email && { email }) } }),
    })),
  );
  return id;
}

describe('migration 0023: the welcomes record', () => {
  it('remembers the people a run welcomed, and nobody of a run that welcomed none', async () => {
    const tenantId = uniqueTenantId('mig');
    await insertTenant(db, { id: tenantId, name: 'Migrated Pty Ltd', hris: { provider: 'demo' }, contacts: { supportEmail: 'support@roster.example' }, createdBy: 'test', at: new Date() }, async () => ({ kind: 'demo' }));
    const inviting = await runCreating(tenantId, [{ hrisId: 'p1', email: 'p1@acme.example' }, { hrisId: 'p2' }]);
    await runCreating(tenantId, [{ hrisId: 'p3', email: 'p3@acme.example' }]);
    await db('mail_outbox').insert({ id: randomUUID(), tenant_id: tenantId, sync_id: inviting, kind: 'welcome', to: JSON.stringify(['p1@acme.example']), subject: 'Welcome', text: 'Welcome' });

    await rememberQueuedWelcomes(db);
    await rememberQueuedWelcomes(db);

    expect(await db('welcomes').where({ tenant_id: tenantId }).select('hris_id', 'sync_id', 'sent_by')).toEqual([{ hris_id: 'p1', sync_id: inviting, sent_by: 'run' }]);
  });
});
