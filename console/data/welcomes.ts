// How many a later welcome would be for, so the console's confirmation can say it: the managed
// accounts never welcomed (of the tenant, or that one run created). Those without a work e-mail or
// deactivated are among them; the answer after the send says who was left out.
import type { Db } from '../../common/db';

const notWelcomed = (db: Db) => db('welcomes as w').whereRaw('w.tenant_id = l.tenant_id and w.hris_id = l.hris_id');

export async function neverWelcomedCount(db: Db, tenantId: string): Promise<number> {
  const [row] = await db('account_links as l').where({ 'l.tenant_id': tenantId, 'l.target': 'production' }).whereNotExists(notWelcomed(db)).count({ n: '*' });
  return Number(row?.n ?? 0);
}

/** The accounts the run created, still managed, that were never welcomed. */
export async function createdNotWelcomedCount(db: Db, tenantId: string, syncId: string): Promise<number> {
  const [row] = await db('plan_items as p')
    .join('account_links as l', (join) => join.on('l.tenant_id', 'p.tenant_id').andOn('l.hris_id', 'p.hris_id').andOnVal('l.target', 'production'))
    .where({ 'p.run_id': syncId, 'p.tenant_id': tenantId, 'p.kind': 'account', 'p.action': 'create', 'p.result': 'done' })
    .whereNotExists(notWelcomed(db))
    .count({ n: '*' });
  return Number(row?.n ?? 0);
}
