// The platform side of a targeted run (docs/PRODUCT.md "Webhooks"): instead of listing every
// account, only those the plan can touch for the people read — each one's linked account (and
// their manager's), the account carrying their HR id, and the one holding their identity key, so
// that a rehire, a crash between create and link or a user name taken by someone else are seen as
// in a full listing. It is chosen only when it costs fewer calls than listing every page: one
// person of a 10,000-account tenant is four calls instead of a hundred pages.
import type { Db } from '../../common/db';
import type { Employee, PlatformAccount } from '../../common/directory';
import type { PlatformConnector } from '../platform';
import type { TenantAccess } from './tenant-access';

/** The listing's page size (scim-users.ts), to compare the two reads' calls. */
const LISTING_PAGE = 100;
/** Lookups per person: linked account or external id, and identity key. */
const CALLS_PER_PERSON = 2;

/** The accounts the plan may need for the run's people; undefined when listing every account is cheaper. */
export async function accountsForPeople(db: Db, access: TenantAccess, platform: PlatformConnector, run: { syncId: string; tenantId: string; configVersionId: string }): Promise<PlatformAccount[] | undefined> {
  const rows: { hris_id: string; data: Omit<Employee, 'hrisId'> }[] = await db('directory_snapshots').where({ run_id: run.syncId }).select('hris_id', 'data');
  const targetLinks = { tenant_id: run.tenantId, target: await access.target(run.syncId) };
  const linkCount = Number((await db('account_links').where(targetLinks).count({ n: '*' }))[0]!.n);
  if (rows.length * CALLS_PER_PERSON >= Math.ceil(linkCount / LISTING_PAGE)) return undefined;

  const { identityKey } = await access.config(run.configVersionId);
  const people = rows.map((row) => ({ hrisId: row.hris_id, ...row.data }) as Employee);
  const managers = people.flatMap((person) => (person.managerHrisId ? [person.managerHrisId] : []));
  const links: { hris_id: string; account_id: string }[] = await db('account_links').where(targetLinks).whereIn('hris_id', [...new Set([...people.map((person) => person.hrisId), ...managers])]).select('hris_id', 'account_id');
  const linked = new Map(links.map((link) => [link.hris_id, link.account_id]));

  const lookups: Promise<PlatformAccount | undefined>[] = [];
  for (const accountId of new Set(links.map((link) => link.account_id))) lookups.push(platform.findById(accountId));
  for (const person of people) {
    if (!linked.has(person.hrisId)) lookups.push(platform.findByExternalId(person.hrisId));
    const userName = person[identityKey];
    if (typeof userName === 'string' && userName.trim()) lookups.push(platform.findByUserName(userName.trim()));
  }
  const found = new Map<string, PlatformAccount>();
  for (const account of await Promise.all(lookups)) if (account) found.set(account.id, account);
  return [...found.values()];
}
