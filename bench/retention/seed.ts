// The rows 1,000 tenants leave after months of runs every 3 hours, written by Postgres itself
// (INSERT … SELECT generate_series): each run's sync_runs row, and for the runs that kept data —
// those that changed something, one a day by default; the rest changed nothing and keep their
// counts only (BENCHMARKS.md "The fixed cost of a run") — their plan items, directory and platform
// snapshots and a few row errors, as a run of `people` leaves them.
import type { Db } from '../../common/db';

export interface Shape {
  tenants: number;
  people: number;
  /** Days of runs kept; as many before them, which the purge must delete. */
  days: number;
  runsPerDay: number;
  /** Runs a day that changed something and so kept their rows. */
  keptPerDay: number;
}

const item = `jsonb_build_object('hrisId', 'p' || p, 'name', 'Person ' || p, 'action', 'unchanged', 'identityKey', 'user' || p || '@acme.example', 'accountId', 'acct-' || p)`;
const person = `jsonb_build_object('hrisId', 'p' || p, 'firstName', 'Person', 'lastName', 'Number ' || p, 'workEmail', 'user' || p || '@acme.example', 'status', 'active', 'department', 'Department ' || (p % 60), 'title', 'Engineer', 'startDate', '2020-01-01')`;
const account = `jsonb_build_object('id', 'acct-' || p, 'userName', 'user' || p || '@acme.example', 'active', true, 'externalId', 'p' || p, 'name', jsonb_build_object('givenName', 'Person', 'familyName', 'Number ' || p))`;

/** The tenant ids the seed writes. */
export const seededTenant = (t: number) => `r-${t}`;

/** Seeds every tenant's runs over twice `days` before `now`; returns how many runs, and how many kept data. */
export async function seedRuns(db: Db, shape: Shape, now: Date, say: (line: string) => void): Promise<{ runs: number; keptRuns: number }> {
  const hoursApart = 24 / shape.runsPerDay;
  const keepEvery = Math.max(1, Math.round(shape.runsPerDay / shape.keptPerDay));
  const perTenant = shape.days * 2 * shape.runsPerDay;
  await db.raw(`insert into tenants (id, name, stage, hris, platform, contacts, created_by, created_at, updated_at) select 'r-' || t, 'Tenant ' || t, 'live', '{"provider":"demo"}', '{"kind":"demo"}', '{}', 'bench', now(), now() from generate_series(1, ?::int) t`, [shape.tenants]);
  // Run n of a tenant finished n × 3 hours before now.
  await db.raw(
    `insert into sync_runs (id, tenant_id, trigger, mode, status, phase, requested_by, planned, counts, started_at, finished_at)
     select 'r-' || t || '-' || n, 'r-' || t, 'schedule', 'apply', 'success', 'done', 'schedule', '{}', '{}', ?::timestamptz - make_interval(hours => n * ?::int), ?::timestamptz - make_interval(hours => n * ?::int) + interval '20 seconds'
       from generate_series(1, ?::int) t, generate_series(1, ?::int) n`,
    [now, hoursApart, now, hoursApart, shape.tenants, perTenant],
  );
  say(`${shape.tenants * perTenant} runs written; writing the data of every ${keepEvery}th`);
  const kept = `select 'r-' || t || '-' || n as run_id, 'r-' || t as tenant_id from generate_series(1, ${Number(shape.tenants)}) t, generate_series(1, ${perTenant}) n where n % ${keepEvery} = 0`;
  const people = `generate_series(1, ${Number(shape.people)}) p`;
  await db.raw(`insert into plan_items (run_id, seq, tenant_id, kind, hris_id, account_id, identity_key, name, action, item, result) select k.run_id, p, k.tenant_id, 'account', 'p' || p, 'acct-' || p, 'user' || p || '@acme.example', 'Person ' || p, 'unchanged', ${item}, 'done' from (${kept}) k, ${people}`);
  say('plan items written');
  await db.raw(`insert into directory_snapshots (run_id, hris_id, scan, data) select k.run_id, 'p' || p, 0, ${person} from (${kept}) k, ${people}`);
  await db.raw(`insert into platform_snapshots (run_id, kind, platform_id, data) select k.run_id, 'account', 'acct-' || p, ${account} from (${kept}) k, ${people}`);
  await db.raw(`insert into directory_row_errors (run_id, scan, file, line, n, hris_id, code, message) select k.run_id, 0, 'people.csv', e, 0, null, 'invalid_email', 'not an e-mail address' from (${kept}) k, generate_series(1, 2) e`);
  say('snapshots and row errors written');
  return { runs: shape.tenants * perTenant, keptRuns: shape.tenants * Math.floor(perTenant / keepEvery) };
}
