// Puts a tenant in the state of the day after a perfect sync, without running one: its people
// straight into `demo_people`, the accounts and groups a completed sync of yesterday's directory
// leaves (computed by the in-memory apply of the tests) straight into the SCIM server's directory,
// and Roster's links to them into `account_links` / `group_links`.
import SCIMMY from 'scimmy';
import type { AccountFields, Employee, PlatformAccount } from '../../common/directory';
import type { Db } from '../../common/db';
import type { PlanConfig } from '../../activities/sync/core';
import { toScimUser } from '../../activities/platform/scim-user-mapping';
import { CORE_GROUP } from '../../activities/platform/scim-protocol';
import type { ScimTenant } from '../../dev/scim-server';
import { synced } from '../../test/activities/sync/core/apply-in-memory';

const SLICE = 2000;

/** Rows in slices, so that no statement passes Postgres's parameter limit. */
async function insertAll(db: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += SLICE) await db(table).insert(rows.slice(i, i + SLICE));
}

/** The directory as the demo HRIS stores it: one row per person, the employee without its id. */
export async function seedDirectory(db: Db, tenantId: string, people: readonly Employee[]): Promise<void> {
  await insertAll(
    db,
    'demo_people',
    people.map(({ hrisId, ...data }) => ({ tenant_id: tenantId, hris_id: hrisId, data: JSON.stringify(data) })),
  );
}

/** The directory replaced by another, as the HR system holds it the next day (people who left it are gone). */
export async function replaceDirectory(db: Db, tenantId: string, people: readonly Employee[]): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('demo_people').where({ tenant_id: tenantId }).delete();
    await seedDirectory(trx, tenantId, people);
  });
}

/** JSON with sorted keys, minus what the server stamps (id, meta): two records that serialise alike. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner)
            .filter(([key]) => key !== 'id' && key !== 'meta')
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}

/** Managers before the people who report to them, so each manager's platform id exists when needed. */
function managersFirst(accounts: readonly PlatformAccount[]): PlatformAccount[] {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const ordered: PlatformAccount[] = [];
  const placed = new Set<string>();
  const place = (account: PlatformAccount, depth: number) => {
    if (placed.has(account.id)) return;
    placed.add(account.id);
    const manager = byId.get(account.attributes.manager ?? '');
    if (manager && depth < 1000) place(manager, depth + 1);
    ordered.push(account);
  };
  for (const account of accounts) place(account, 0);
  return ordered;
}

export interface PlatformSeed {
  accounts: number;
  groups: number;
  groupMembers: number;
  /** Users coerced by scimmy (as a POST /Users would be) and checked equal to the direct form. */
  coercedSample: number;
  /** Whether every user had to be coerced (the direct form differed), the slow path. */
  coercedAll: boolean;
}

/**
 * The platform as a completed sync of `yesterday` leaves it. Users go into the SCIM server's
 * in-memory directory directly rather than by 100,000 HTTP creates; the first `sample` are coerced
 * by scimmy exactly as its POST handler does, and the rest are stored in the direct form only if
 * each sampled one came out identical (otherwise every user is coerced).
 */
export async function seedPlatform(
  db: Db,
  tenantId: string,
  scim: ScimTenant,
  { yesterday, config, today, customSchema, sample = 500 }: { yesterday: readonly Employee[]; config: PlanConfig; today: string; customSchema: string; sample?: number },
): Promise<PlatformSeed> {
  const state = synced({ employees: yesterday, accounts: [], links: [], groups: [], groupLinks: [], config, supportedAttributes: 'all', adoptExistingAccounts: false, adoptExistingGroups: false, readMode: 'full', today });

  const scimId = new Map<string, string>();
  let coercedAll = false;
  let coercedSample = 0;
  for (const account of managersFirst(state.accounts)) {
    const { id, ...fields } = account;
    const attributes = { ...fields.attributes };
    if (attributes.manager !== undefined) attributes.manager = scimId.get(attributes.manager)!;
    const raw = toScimUser({ ...fields, attributes } as AccountFields, customSchema) as Record<string, unknown>;
    let stored;
    if (coercedAll || coercedSample < sample) {
      stored = scim.seedUser(raw);
      coercedSample += 1;
      if (!coercedAll && canonical(stored) !== canonical(raw)) coercedAll = true;
    } else {
      stored = scim.directory.saveUser(raw);
    }
    scimId.set(id, stored.id);
  }

  let groupMembers = 0;
  const groupLinks: Record<string, unknown>[] = [];
  for (const group of state.groups) {
    const members = group.members.map((member) => ({ value: scimId.get(member)! }));
    groupMembers += members.length;
    const coerced = JSON.parse(JSON.stringify(new SCIMMY.Schemas.Group({ schemas: [CORE_GROUP], externalId: group.externalId, displayName: group.displayName, members }, 'in')));
    const stored = scim.directory.saveGroup(coerced);
    groupLinks.push({ tenant_id: tenantId, external_id: group.externalId, group_id: stored.id });
  }

  await insertAll(
    db,
    'account_links',
    state.links.map((link) => ({ tenant_id: tenantId, hris_id: link.hrisId, account_id: scimId.get(link.accountId)! })),
  );
  await insertAll(db, 'group_links', groupLinks);
  return { accounts: state.accounts.length, groups: state.groups.length, groupMembers, coercedSample, coercedAll };
}
