// The managed accounts a later welcome is for, as the latest run planned them: the account as the
// newest platform read saw it, with what a newer (or the same) applying run wrote on it on top.
// A welcome then goes to the e-mail the account has now, not to the one it was created with.
import type { Db } from '../../common/db';
import type { AccountFields, PlatformAccount } from '../../common/directory';
import type { WelcomeLeftOutReason } from '../../common/welcomes';
import type { AccountDiff } from '../sync/core';
import type { WelcomeAccount } from './welcome-record';

type AccountState = Partial<Pick<AccountFields, 'userName' | 'email' | 'active' | 'givenName' | 'displayName'>>;

/** A person asked for: their welcome, or why they get none. */
export type WelcomeCheck = { hrisId: string; welcome: WelcomeAccount } | { hrisId: string; leftOut: WelcomeLeftOutReason };

interface PlannedRow {
  hris_id: string;
  name: string | null;
  action: string;
  fields: AccountFields | null;
  changes: AccountDiff | null;
  started_at: Date;
}

const writtenFields = ['userName', 'email', 'active', 'givenName', 'displayName'] as const;

/** The newest done item of an applying run that wrote each person's account. */
function newestPlanned(db: Db, tenantId: string, hrisIds: readonly string[]): Promise<PlannedRow[]> {
  return db('plan_items as p')
    .join('sync_runs as r', 'r.id', 'p.run_id')
    .where({ 'p.tenant_id': tenantId, 'p.kind': 'account', 'p.result': 'done', 'r.mode': 'apply' })
    .whereIn('p.action', ['create', 'update', 'deactivate', 'reactivate'])
    .whereIn('p.hris_id', hrisIds)
    .distinctOn('p.hris_id')
    .orderBy([{ column: 'p.hris_id' }, { column: 'r.started_at', order: 'desc' }, { column: 'p.seq', order: 'desc' }])
    .select('p.hris_id', 'p.name', 'p.action', db.raw(`p.item->'fields' as fields`), db.raw(`p.item->'changes' as changes`), 'r.started_at');
}

/** The newest platform read of each account. */
function newestRead(db: Db, tenantId: string, accountIds: readonly string[]): Promise<{ platform_id: string; data: PlatformAccount; started_at: Date }[]> {
  return db('platform_snapshots as s')
    .join('sync_runs as r', 'r.id', 's.run_id')
    .where({ 'r.tenant_id': tenantId, 's.kind': 'account' })
    .whereIn('s.platform_id', accountIds)
    .distinctOn('s.platform_id')
    .orderBy([{ column: 's.platform_id' }, { column: 'r.started_at', order: 'desc' }])
    .select('s.platform_id', 's.data', 'r.started_at');
}

function accountState(read: { data: PlatformAccount; started_at: Date } | undefined, planned: PlannedRow | undefined): AccountState | undefined {
  const seen: AccountState | undefined = read && { userName: read.data.userName, email: read.data.email, active: read.data.active, givenName: read.data.givenName, displayName: read.data.displayName };
  // A run reads the platform before it plans, so its own items come after its read.
  if (!planned || (read && planned.started_at < read.started_at)) return seen;
  if (planned.action === 'create') return planned.fields ?? seen;
  const state: AccountState = { ...seen };
  for (const field of writtenFields) {
    const change = planned.changes?.[field];
    if (change) Object.assign(state, { [field]: change.to ?? undefined });
  }
  return state;
}

/**
 * Checks each person (up to a page of them): managed, not welcomed before, active, with a work
 * e-mail. Everyone else is left out with the reason.
 */
export async function checkWelcomes(db: Db, tenantId: string, hrisIds: readonly string[]): Promise<WelcomeCheck[]> {
  const links: { hris_id: string; account_id: string }[] = await db('account_links').where({ tenant_id: tenantId, target: 'production' }).whereIn('hris_id', hrisIds).select('hris_id', 'account_id');
  const welcomed = new Set<string>(await db('welcomes').where({ tenant_id: tenantId }).whereIn('hris_id', hrisIds).pluck('hris_id'));
  const accountOf = new Map(links.map((link) => [link.hris_id, link.account_id]));
  const planned = new Map((await newestPlanned(db, tenantId, [...accountOf.keys()])).map((row) => [row.hris_id, row]));
  const reads = new Map((await newestRead(db, tenantId, [...accountOf.values()])).map((row) => [row.platform_id, row]));
  return hrisIds.map((hrisId): WelcomeCheck => {
    const accountId = accountOf.get(hrisId);
    if (accountId === undefined) return { hrisId, leftOut: 'not_managed' };
    if (welcomed.has(hrisId)) return { hrisId, leftOut: 'already_welcomed' };
    const plan = planned.get(hrisId);
    const state = accountState(reads.get(accountId), plan);
    if (state?.active === false) return { hrisId, leftOut: 'inactive' };
    if (!state?.email || !state.userName) return { hrisId, leftOut: 'no_work_email' };
    const firstName = state.givenName || state.displayName || plan?.name || state.userName;
    return { hrisId, welcome: { hrisId, email: state.email, userName: state.userName, firstName } };
  });
}
