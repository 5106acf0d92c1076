import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createHrisConnector, DEMO_API_KEY } from '../../../activities/hris';
import { createDb, type Db } from '../../../common/db';
import type { HrisSettings } from '../../../common/tenant';
import { humaansDataset } from '../../fakes/humaans-datasets';
import { startHumaansFake } from '../../fakes/humaans';
import { insertTenant } from './demo-tenant';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'));
});
afterAll(() => db.destroy());

it('builds a Humaans connector on the tenant’s base URL', async () => {
  const fake = await startHumaansFake({ dataset: humaansDataset({ today: '2030-06-15' }) });
  try {
    const connector = createHrisConnector({ provider: 'humaans', baseUrl: fake.url }, fake.token, { db, tenantId: 'acme', http: { network: { allowPrivateUrls: true } } });
    await expect(connector.verify()).resolves.toEqual({ ok: true });
    expect(fake.calls('/me')).toHaveLength(1);
  } finally {
    await fake.close();
  }
});

it('builds the demo connector for the tenant', async () => {
  const tenantId = await insertTenant(db);
  await expect(createHrisConnector({ provider: 'demo' }, DEMO_API_KEY, { db, tenantId }).verify()).resolves.toEqual({ ok: true });
});

it('refuses an HR system it has no connector for', () => {
  const unknown = { provider: 'personio' } as unknown as HrisSettings;
  expect(() => createHrisConnector(unknown, 'key', { db, tenantId: 'acme' })).toThrow(expect.objectContaining({ code: 'misconfigured', message: expect.stringContaining("no connector for the HR system 'personio'") }));
});
