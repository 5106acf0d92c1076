// A sealed secret belongs to one tenant and one kind, on real Postgres: copied to another tenant
// or kind it does not open, and asked for by another tenant or as another kind it is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../common/db';
import { createKeyring, SecretStore, type SecretKind } from '../../common/secrets';
import { unfixableCause } from '../../common/unfixable';
import { insertTenant } from '../activities/hris/demo-tenant';
import { encryptionKey } from '../support/stack';

const db = createDb(inject('databaseUrl'));
afterAll(() => db.destroy());
const secrets = new SecretStore(db, createKeyring(encryptionKey));

const causeOf = (promise: Promise<unknown>) => promise.then(() => undefined, unfixableCause);

/** A copy of a secret's row under another tenant or kind, as a database writer could make it. */
async function copyOf(ref: string, change: { tenant_id?: string; kind?: SecretKind }): Promise<string> {
  const row = await db('secrets').where({ id: ref }).first();
  const id = randomUUID();
  await db('secrets').insert({ ...row, id, ...change });
  return id;
}

describe('a secret bound to its tenant and kind', () => {
  it('opens for the tenant and kind it was sealed for', async () => {
    const tenant = await insertTenant(db);
    const ref = await secrets.put(tenant, 'hris_key', 'the-key');
    expect(await secrets.get(tenant, 'hris_key', ref)).toBe('the-key');
  });

  it('does not open once its row is copied to another tenant or kind, or moved in place', async () => {
    const [tenant, other] = [await insertTenant(db), await insertTenant(db)];
    const ref = await secrets.put(tenant, 'platform_token', 'the-token');
    const toOtherTenant = await copyOf(ref, { tenant_id: other });
    const toOtherKind = await copyOf(ref, { kind: 'hris_key' });
    const sameTenantAndKind = await copyOf(ref, {});
    const corrupted = { cause: 'secret_missing', message: expect.stringContaining('copied from another tenant, kind or secret') };
    expect(await causeOf(secrets.get(other, 'platform_token', toOtherTenant))).toEqual(corrupted);
    expect(await causeOf(secrets.get(tenant, 'hris_key', toOtherKind))).toEqual(corrupted);
    // Even under its own tenant and kind, a copy is another secret.
    expect(await causeOf(secrets.get(tenant, 'platform_token', sameTenantAndKind))).toEqual(corrupted);

    await db('secrets').where({ id: ref }).update({ tenant_id: other });
    expect(await causeOf(secrets.get(other, 'platform_token', ref))).toEqual(corrupted);
  });

  it('is refused to another tenant, or asked for as another kind', async () => {
    const [tenant, other] = [await insertTenant(db), await insertTenant(db)];
    const ref = await secrets.put(tenant, 'link_token', 'the-link-token');
    expect(await causeOf(secrets.get(other, 'link_token', ref))).toEqual({ cause: 'secret_missing', message: `Secret ${ref} is not a link_token of tenant ${other}: refused.` });
    expect(await causeOf(secrets.find(tenant, 'hris_key', ref))).toEqual({ cause: 'secret_missing', message: `Secret ${ref} is not a hris_key of tenant ${tenant}: refused.` });
    expect(await secrets.find(tenant, 'link_token', ref)).toBe('the-link-token');
  });
});
