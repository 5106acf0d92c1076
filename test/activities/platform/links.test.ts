import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../../common/db';
import { link, linkGroup, listGroupLinks, listLinks, unlink, unlinkGroup, type LinkScope } from '../../../activities/platform';
import { insertTenant } from '../hris/demo-tenant';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'));
});
afterAll(() => db.destroy());

// A whole tenant row: the test database is shared, and other files list every tenant.
const newTenant = async (): Promise<LinkScope> => ({ tenantId: await insertTenant(db), target: 'production' });

describe('account links', () => {
  it('links idempotently and lists a tenant’s links only', async () => {
    const [acme, other] = [await newTenant(), await newTenant()];
    await link(db, acme, 'hris-1', 'account-1');
    await link(db, acme, 'hris-1', 'account-1');
    await link(db, acme, 'hris-2', 'account-2');
    await link(db, other, 'hris-1', 'account-9');

    expect(await listLinks(db, acme)).toEqual([
      { hrisId: 'hris-1', accountId: 'account-1' },
      { hrisId: 'hris-2', accountId: 'account-2' },
    ]);
    expect(await listLinks(db, other)).toEqual([{ hrisId: 'hris-1', accountId: 'account-9' }]);
  });

  it('moves an account to a new person (a rehire under a new HRIS record)', async () => {
    const acme = await newTenant();
    await link(db, acme, 'hris-old', 'account-1');
    await link(db, acme, 'hris-new', 'account-1');
    expect(await listLinks(db, acme)).toEqual([{ hrisId: 'hris-new', accountId: 'account-1' }]);
  });

  it('points a person at another account, keeping one account per person', async () => {
    const acme = await newTenant();
    await link(db, acme, 'hris-1', 'account-1');
    await link(db, acme, 'hris-1', 'account-2');
    expect(await listLinks(db, acme)).toEqual([{ hrisId: 'hris-1', accountId: 'account-2' }]);
  });

  it('unlinks, and unlinking twice is fine', async () => {
    const acme = await newTenant();
    await link(db, acme, 'hris-1', 'account-1');
    await unlink(db, acme, 'hris-1');
    await unlink(db, acme, 'hris-1');
    expect(await listLinks(db, acme)).toEqual([]);
  });

  it("keeps a tenant's sandbox links apart from its production ones", async () => {
    const production = await newTenant();
    const sandbox: LinkScope = { ...production, target: 'sandbox' };
    await link(db, sandbox, 'hris-1', 'sandbox-account-1');
    await link(db, production, 'hris-1', 'account-1');
    await linkGroup(db, sandbox, 'department:sales', 'sandbox-group-1');

    expect(await listLinks(db, production)).toEqual([{ hrisId: 'hris-1', accountId: 'account-1' }]);
    expect(await listLinks(db, sandbox)).toEqual([{ hrisId: 'hris-1', accountId: 'sandbox-account-1' }]);
    expect(await listGroupLinks(db, production)).toEqual([]);
    await unlink(db, sandbox, 'hris-1');
    expect(await listLinks(db, production)).toEqual([{ hrisId: 'hris-1', accountId: 'account-1' }]);
  });

  it('refuses a tenant that does not exist', async () => {
    await expect(link(db, { tenantId: 'no-such-tenant', target: 'production' }, 'hris-1', 'account-1')).rejects.toThrow(/foreign key/);
  });
});

describe('group links', () => {
  it('links by stable external id, moves, and unlinks', async () => {
    const acme = await newTenant();
    await linkGroup(db, acme, 'department:r-d', 'group-1');
    await linkGroup(db, acme, 'department:r-d', 'group-1');
    await linkGroup(db, acme, 'department:sales', 'group-2');
    expect(await listGroupLinks(db, acme)).toEqual([
      { externalId: 'department:r-d', groupId: 'group-1' },
      { externalId: 'department:sales', groupId: 'group-2' },
    ]);

    await linkGroup(db, acme, 'department:research', 'group-1');
    await unlinkGroup(db, acme, 'department:sales');
    expect(await listGroupLinks(db, acme)).toEqual([{ externalId: 'department:research', groupId: 'group-1' }]);
  });
});
