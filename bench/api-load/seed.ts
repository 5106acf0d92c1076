// The Roster the API-under-load benchmark reads: 1,000 tenants made as POST /api/tenants makes
// them (insertTenant), then moved to their stage with a recorded config as the tenant workflow
// leaves them; each live tenant with 30 days of runs at 8 a day. A run's items are what a nightly
// run of a 1,000-person tenant with 1 % changed writes; every tenant's latest run also holds the
// unchanged people, as the initial load and a full report do. Runs and items are generated inside
// Postgres (the columns plan-run.ts and run-records.ts write): only the reads are measured.
import type { Db } from '../../common/db';
import { stages, type Stage } from '../../common/stages';
import { validateTenantConfig } from '../../common/tenant-config';
import { insertTenant } from '../../common/tenants-repository';
import * as itemSearch from '../../migrations/0015_item_search';

export interface SeedSizes {
  tenants: number;
  runsPerTenant: number;
  people: number;
  changedPerRun: number;
}

export const defaultSizes: SeedSizes = { tenants: 1000, runsPerTenant: 240, people: 1000, changedPerRun: 10 };

const timezones = ['Australia/Sydney', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'UTC'];
const RUN_EVERY_HOURS = 3;
const HISTORY_PER_TENANT = 12;

export const tenantIdOf = (index: number) => `load-${String(index).padStart(4, '0')}`;

/** Nine in ten tenants are live; the rest are spread over the other stages. */
const stageOf = (index: number): Stage => (index % 10 === 0 ? stages[(index / 10) % stages.length]! : 'live');

function configOf(index: number) {
  const config = {
    identityKey: 'workEmail',
    include: { statuses: ['active', 'onboarding'] },
    notifications: { errorsTo: ['it@customer.example'] },
    schedule: { cron: '0 2 * * *', timezone: timezones[index % timezones.length] },
  };
  const validation = validateTenantConfig(config, { minScheduleMinutes: 15, now: new Date() });
  if (!validation.ok) throw new Error(`the benchmark's config is invalid: ${JSON.stringify(validation.details)}`);
  return validation.config;
}

async function seedTenants(db: Db, { tenants }: SeedSizes): Promise<void> {
  const at = new Date(Date.now() - 40 * 86_400_000);
  for (let index = 0; index < tenants; index += 1) {
    const id = tenantIdOf(index);
    await insertTenant(db, { id, name: `Tenant ${index} Pty Ltd`, hris: { provider: 'demo' }, contacts: { supportEmail: 'support@roster.example' }, createdBy: 'bench', at }, async () => ({ kind: 'demo' }));
    const stage = stageOf(index);
    await db('tenants')
      .where({ id })
      .update({ stage, config: JSON.stringify(configOf(index)), credential: JSON.stringify({ status: 'verified', verifiedAt: at.toISOString() }), live_since: stage === 'live' ? at : null, workflow_started: true });
  }
  // The workflow's recorded steps: config changes and stage moves, newest last.
  await db.raw(
    `insert into tenant_history (id, tenant_id, at, actor, action, reason)
     select gen_random_uuid(), t.id, now() - interval '39 days' + n * interval '1 day', 'support-anna', 'config_changed', 'weekly review'
     from tenants t cross join generate_series(1, ?) n`,
    [HISTORY_PER_TENANT],
  );
}

async function seedRuns(db: Db, { runsPerTenant }: SeedSizes): Promise<void> {
  await db.raw(
    `insert into sync_runs (id, tenant_id, trigger, mode, read, status, phase, progress_done, progress_total, counts, planned, requested_by, started_at, finished_at)
     select gen_random_uuid(), t.id, 'schedule', 'apply', 'full',
       case when k % 29 = 0 then 'error' when k % 11 = 0 then 'warning' else 'success' end,
       'done', 10, 10,
       '{"created":2,"updated":6,"deactivated":1,"reactivated":0,"unchanged":990,"skipped":1,"excluded":0,"failed":0}',
       '{"created":2,"updated":6,"deactivated":1,"reactivated":0,"unchanged":990,"skipped":1,"excluded":0}',
       'schedule', now() - k * interval '${RUN_EVERY_HOURS} hours', now() - k * interval '${RUN_EVERY_HOURS} hours' + interval '40 seconds'
     from tenants t cross join generate_series(0, ? - 1) k
     where t.stage = 'live'`,
    [runsPerTenant],
  );
}

/** A person's item as planRun stores it: an update moves their title; the others are unchanged. */
const itemsSql = (changedOnly: boolean) => `
  insert into plan_items (run_id, seq, tenant_id, kind, hris_id, account_id, identity_key, name, action, item, result)
  select r.id, p - 1, r.tenant_id, 'account', 'hr-' || p, 'acc-' || p, 'person' || p || '@' || r.tenant_id || '.example',
    'Given' || p || ' Family' || (p % 97), case when p <= ? then 'update' else 'unchanged' end,
    jsonb_build_object('hrisId', 'hr-' || p, 'accountId', 'acc-' || p, 'identityKey', 'person' || p || '@' || r.tenant_id || '.example',
      'name', 'Given' || p || ' Family' || (p % 97), 'action', case when p <= ? then 'update' else 'unchanged' end)
      || case when p <= ? then '{"changes":{"attributes":{"title":{"from":"Analyst","to":"Senior Analyst"}}}}'::jsonb else '{}'::jsonb end,
    'done'
  from sync_runs r cross join generate_series(1, ?) p
  where r.id ${changedOnly ? 'not in' : 'in'} (select distinct on (tenant_id) id from sync_runs order by tenant_id, started_at desc)`;

async function seedItems(db: Db, { people, changedPerRun }: SeedSizes): Promise<void> {
  // The search index is built once after the load: faster than keeping it through millions of inserts.
  await itemSearch.down(db);
  await db.raw(itemsSql(true), [changedPerRun, changedPerRun, changedPerRun, changedPerRun]);
  await db.raw(itemsSql(false), [changedPerRun, changedPerRun, changedPerRun, people]);
  await itemSearch.up(db);
}

/** Seeds everything and brings the planner's statistics up to date, as autovacuum would on a live database. */
export async function seedApiLoad(db: Db, sizes: SeedSizes, say: (line: string) => void): Promise<Record<string, number>> {
  say(`seeding ${sizes.tenants} tenants`);
  await seedTenants(db, sizes);
  say(`seeding ${sizes.runsPerTenant} runs per live tenant`);
  await seedRuns(db, sizes);
  say(`seeding items: ${sizes.changedPerRun} a run, ${sizes.people} in each tenant's latest run`);
  await seedItems(db, sizes);
  await db.raw('vacuum analyze');
  const count = async (table: string) => Number((await db(table).count({ n: '*' }))[0]!.n);
  return { tenants: await count('tenants'), tenantHistory: await count('tenant_history'), syncRuns: await count('sync_runs'), planItems: await count('plan_items') };
}
