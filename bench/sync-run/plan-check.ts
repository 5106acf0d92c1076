// The checks on the measured run, made with the sync core in memory on the same data: what the run
// should have planned, and that planning again against the platform as the run left it changes
// nothing. A fast run that applied the wrong changes, or only some, must not pass for a good one.
import { employmentStatus } from '../../activities/hris/employment-status';
import { listGroupLinks, listLinks } from '../../activities/platform';
import { fromScimUser } from '../../activities/platform/scim-user-mapping';
import { plan, type RunCounts } from '../../activities/sync/core';
import type { Db } from '../../common/db';
import type { Employee } from '../../common/directory';
import { demoCustomSchema, type ScimTenant } from '../../dev/scim-server';
import { synced } from '../../test/activities/sync/core/apply-in-memory';
import { benchConfig } from '../synthetic-tenant';

const changeKinds = ['created', 'updated', 'deactivated', 'reactivated', 'groupsCreated', 'groupsUpdated', 'groupsRemoved'] as const;

/** The kinds of change a plan holds: none when the platform is already in sync. */
export const changesIn = (planned: RunCounts) => changeKinds.filter((key) => planned[key] !== 0);

/** The directory as the demo HRIS reads it on `today` (a recorded pre-hire whose start date has passed is active). */
const asRead = (people: readonly Employee[], today: string) => people.map((person) => ({ ...person, status: employmentStatus(person.status, person, today) }));

/** What the run should have planned from `yesterday` to `todays`, and what planning again against the platform as it stands plans. */
export async function checkPlans(db: Db, tenantId: string, scim: ScimTenant, { yesterday, todays, today }: { yesterday: readonly Employee[]; todays: readonly Employee[]; today: string }) {
  // The benchmark tenant's planning options, for the in-memory plans that check the run.
  const asBench = { config: benchConfig, supportedAttributes: 'all' as const, adoptExistingAccounts: false, adoptExistingGroups: false, readMode: 'full' as const, today };
  const planOf = (data: Pick<Parameters<typeof plan>[0], 'employees' | 'accounts' | 'groups' | 'links' | 'groupLinks'>) => plan({ ...asBench, ...data }).planned;

  // The platform as the run left it, planned again in memory: a complete apply leaves nothing to do.
  const again = planOf({
    employees: asRead(todays, today),
    accounts: scim.directory.users().map((user) => fromScimUser(user, demoCustomSchema)),
    groups: scim.directory.groups().map((group) => ({ id: group.id, externalId: group.externalId as string | undefined, displayName: String(group.displayName), members: (group.members as { value: string }[]).map((m) => m.value) })),
    links: await listLinks(db, { tenantId, target: 'production' }),
    groupLinks: await listGroupLinks(db, { tenantId, target: 'production' }),
  });
  // What the run should have planned: the same core, in memory, on the same data (built after the
  // run, so its garbage is not collected in the SCIM server's process while the run is measured).
  const expected = planOf({ ...synced({ ...asBench, employees: yesterday, accounts: [], links: [], groups: [], groupLinks: [] }), employees: asRead(todays, today) });
  return { again, expected };
}
