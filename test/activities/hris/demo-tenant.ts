// A tenant row for tests that need one in Postgres but no workflow: the demo directory's rows
// belong to a tenant.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../common/db';
import type { HrisSettings } from '../../../common/tenant';

export async function insertTenant(db: Db, hris: HrisSettings = { provider: 'demo' }, config: unknown = null): Promise<string> {
  const id = `demo-${randomUUID().slice(0, 8)}`;
  const now = new Date();
  await db('tenants').insert({
    id,
    name: `Demo ${id}`,
    stage: 'kickoff',
    hris: JSON.stringify(hris),
    platform: JSON.stringify({ kind: 'demo' }),
    contacts: '{}',
    config: config === null ? null : JSON.stringify(config),
    created_by: 'test',
    created_at: now,
    updated_at: now,
  });
  return id;
}
