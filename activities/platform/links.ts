// Roster's links between people and platform accounts, and between derived groups and platform
// groups. Every write is idempotent, so an activity retried after a crash does no harm. Each
// target (production, the sandbox) has its own: a sandbox account is never a production one.
import type { Db } from '../../common/db';
import type { AccountLink } from '../../common/directory';
import type { PlatformTarget } from '../../common/tenant';

/** Whose links: one tenant's, on one of its platforms. */
export interface LinkScope {
  tenantId: string;
  target: PlatformTarget;
}

const where = ({ tenantId, target }: LinkScope) => ({ tenant_id: tenantId, target });

export interface GroupLink {
  externalId: string;
  groupId: string;
}

/**
 * Every link of the tenant, with the day (in `timeZone`, the tenant's) Roster deactivated its
 * account and whether it was anonymised since: what planning needs to tell when anonymising is due.
 */
export async function listLinks(db: Db, scope: LinkScope, timeZone = 'UTC'): Promise<AccountLink[]> {
  const rows: { hrisId: string; accountId: string; deactivatedOn: string | null; anonymised: boolean }[] = await db('account_links')
    .where(where(scope))
    .orderBy('hris_id')
    .select({ hrisId: 'hris_id', accountId: 'account_id' }, db.raw(`to_char(deactivated_at at time zone ?, 'YYYY-MM-DD') as "deactivatedOn"`, [timeZone]), db.raw('anonymised_at is not null as anonymised'));
  return rows.map(({ hrisId, accountId, deactivatedOn, anonymised }) => {
    const link: AccountLink = { hrisId, accountId };
    if (deactivatedOn !== null) link.deactivatedOn = deactivatedOn;
    if (anonymised) link.anonymised = true;
    return link;
  });
}

/** The accounts linked to these people, by hrisId: what one slice of apply needs, not the whole tenant. */
export async function linkedAccounts(db: Db, scope: LinkScope, hrisIds: readonly string[]): Promise<Map<string, string>> {
  const accounts = new Map<string, string>();
  // In chunks: Postgres caps one statement's parameters, and a new group may name thousands.
  for (let i = 0; i < hrisIds.length; i += 10_000) {
    const rows: AccountLink[] = await db('account_links')
      .where(where(scope))
      .whereIn('hris_id', hrisIds.slice(i, i + 10_000))
      .select({ hrisId: 'hris_id', accountId: 'account_id' });
    for (const row of rows) accounts.set(row.hrisId, row.accountId);
  }
  return accounts;
}

/** Links an account to a person; an account linked to someone else moves (a rehire under a new HRIS record). */
export async function link(db: Db, scope: LinkScope, hrisId: string, accountId: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('account_links').where({ ...where(scope), account_id: accountId }).whereNot({ hris_id: hrisId }).delete();
    await trx('account_links')
      .insert({ ...where(scope), hris_id: hrisId, account_id: accountId })
      .onConflict(['tenant_id', 'target', 'hris_id'])
      .merge({ account_id: accountId, updated_at: trx.fn.now() });
  });
}

/**
 * Roster deactivated the account: the day its anonymising clock starts from. A later deactivation
 * (after a reactivation by hand on the platform) starts it again; a retried one moves it by seconds.
 */
export async function markDeactivated(db: Db, scope: LinkScope, accountId: string): Promise<void> {
  await db('account_links').where({ ...where(scope), account_id: accountId }).update({ deactivated_at: db.fn.now(), anonymised_at: null });
}

/** Reactivated (a rehire, before or after anonymising): no clock runs, and the account is the person's again. */
export async function markReactivated(db: Db, scope: LinkScope, accountId: string): Promise<void> {
  await db('account_links').where({ ...where(scope), account_id: accountId }).update({ deactivated_at: null, anonymised_at: null });
}

export async function unlink(db: Db, scope: LinkScope, hrisId: string): Promise<void> {
  await db('account_links').where({ ...where(scope), hris_id: hrisId }).delete();
}

export async function listGroupLinks(db: Db, scope: LinkScope): Promise<GroupLink[]> {
  return db('group_links').where(where(scope)).orderBy('external_id').select({ externalId: 'external_id', groupId: 'group_id' });
}

export async function linkGroup(db: Db, scope: LinkScope, externalId: string, groupId: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('group_links').where({ ...where(scope), group_id: groupId }).whereNot({ external_id: externalId }).delete();
    await trx('group_links').insert({ ...where(scope), external_id: externalId, group_id: groupId }).onConflict(['tenant_id', 'target', 'external_id']).merge({ group_id: groupId });
  });
}

export async function unlinkGroup(db: Db, scope: LinkScope, externalId: string): Promise<void> {
  await db('group_links').where({ ...where(scope), external_id: externalId }).delete();
}
