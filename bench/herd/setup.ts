// The herd's tenants, live: each created, configured and keyed through the API, its first test
// run, its platform seeded in sync with its directory (bench/sync-run/seed.ts) and taken live, so
// that its initial load changes nothing. Then, at a moment of the benchmark's choosing, every
// tenant's schedule is set to fire at the same instant, 02:xx in its own time zone.
import { localDate } from '../../activities/hris/dates';
import type { Employee } from '../../common/directory';
import { demoCustomSchema } from '../../dev/scim-server';
import { benchConfig } from '../synthetic-tenant';
import type { Say } from '../sync-run/progress';
import { sec } from '../sync-run/report';
import { replaceDirectory, seedPlatform } from '../sync-run/seed';
import type { Stack } from '../sync-run/stack';
import { tenantConfig, type TenantDriver } from '../sync-run/tenant-driver';
import { zonesAtTwo, type ZoneFire } from './zones';

/** Runs `task` for every item, `parallel` at a time, saying how far it has got now and then. */
export async function inParallel<T>(items: readonly T[], parallel: number, task: (item: T) => Promise<unknown>, say: Say, what: string): Promise<void> {
  let next = 0;
  let done = 0;
  const started = Date.now();
  const lane = async () => {
    while (next < items.length) {
      await task(items[next++]!);
      done += 1;
      if (done % Math.max(1, Math.round(items.length / 10)) === 0) say(`${what}: ${done}/${items.length} after ${sec(Date.now() - started)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, lane));
}

export const herdTenantId = (index: number) => `herd-${String(index).padStart(5, '0')}`;

/** The config every herd tenant has; its schedule is set apart, when the fire instant is known. */
export const herdConfig = (people: number, schedule: { cron: string; timezone: string; jitterMinutes: number }) => ({
  ...tenantConfig(benchConfig, Math.max(25, people / 20)),
  schedule,
  // Past its first fortnight: a run e-mails its summary, without a copy to support.
  hypercareDays: 0,
});

export interface HerdSetup {
  tenants: string[];
  people: number;
  /** The tenant's own platform limits (each tenant's SCIM key). */
  platform: { rate: number; concurrency: number };
  parallel: number;
}

export async function takeHerdLive({ db, scimServer }: Stack, driver: TenantDriver, setup: HerdSetup, yesterday: readonly Employee[], say: Say): Promise<void> {
  const yearly = { cron: '0 3 1 1 *', timezone: 'UTC', jitterMinutes: 0 };
  const today = localDate('UTC');
  await inParallel(
    setup.tenants,
    setup.parallel,
    async (id) => {
      const { scim } = await driver.readyTenant(id, setup.platform, herdConfig(setup.people, yearly), yesterday);
      await seedPlatform(db, id, scim, { yesterday, config: benchConfig, today, customSchema: demoCustomSchema, sample: 5 });
      await driver.goLive(id);
      if (!scimServer.tenant(id)) throw new Error(`${id} has no platform`);
    },
    say,
    'tenants live',
  );
}

/** Today's directory for every tenant: the 1 % changed since the platform was in sync. */
export async function changeDirectories({ db }: Stack, tenants: readonly string[], todays: readonly Employee[], say: Say): Promise<void> {
  await inParallel(tenants, 8, (id) => replaceDirectory(db, id, todays), say, "today's directories written");
}

/**
 * Every tenant's schedule due at `fireAt`, 02:xx in one of `zones` time zones (round-robin), with
 * `jitterMinutes` of spread. Resolves with the zones used. `peopleOf` sizes each tenant's safety
 * limit, so that a night's 1 % of a 100,000-person tenant is not held for approval.
 */
export async function scheduleHerd(driver: TenantDriver, setup: HerdSetup, fireAt: Date, zones: number, jitterMinutes: number, say: Say, peopleOf = (_id: string) => setup.people): Promise<ZoneFire[]> {
  const fires = zonesAtTwo(fireAt, zones);
  await inParallel(
    setup.tenants.map((id, index) => ({ id, zone: fires[index % fires.length]! })),
    setup.parallel,
    async ({ id, zone }) => {
      const answer = await driver.api('PUT', `/api/tenants/${id}/config`, herdConfig(peopleOf(id), { ...zone, jitterMinutes }));
      if (answer.status !== 200) throw new Error(`scheduling ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
    },
    say,
    'schedules set',
  );
  return fires;
}
