// Retention at scale (issue 18, BENCHMARKS.md): 1,000 tenants running every 3 hours, their rows of
// the kept period and of as long again before it (the runs that changed nothing keep no rows,
// BENCHMARKS.md "The fixed cost of a run"). The purge of every tenant, as each run's end calls it,
// is timed per tenant, with a sync-shaped write load for other tenants running beside it (its
// latency against the same load idle) and pg_locks sampled; then each purge statement's plan,
// and the tables' sizes before, after and after VACUUM.
//
//   npm run bench:retention -- [--tenants 1000] [--people 100] [--days 30] [--runs-per-day 8] [--kept-per-day 1] [--json out.json]
import { parseArgs } from 'node:util';
import { purgePastRetention } from '../activities/sync/retention';
import { createDb } from '../common/db';
import { benchMain } from './bench-main';
import { explainPurge, percentile, tableSizes, watchLockWaits, writeLoad } from './retention/measure';
import { seededTenant, seedRuns } from './retention/seed';
import { startServices } from './sync-run/processes';

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '1000' },
    people: { type: 'string', default: '100' },
    days: { type: 'string', default: '30' },
    'runs-per-day': { type: 'string', default: '8' },
    'kept-per-day': { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});
const shape = { tenants: Number(values.tenants), people: Number(values.people), days: Number(values.days), runsPerDay: Number(values['runs-per-day']), keptPerDay: Number(values['kept-per-day']) };

await benchMain('bench:retention', values.json, async (say, stops) => {
  const services = await startServices();
  stops.add(services.stop);
  const db = createDb(services.databaseUrl);
  stops.add(() => db.destroy());
  // The write load has connections of its own, as other workers would.
  const loadDb = createDb(services.databaseUrl);
  stops.add(() => loadDb.destroy());
  const now = new Date();
  const cutoff = new Date(now.getTime() - shape.days * 86_400_000);
  let started = Date.now();
  const seeded = await seedRuns(db, shape, now, say);
  await db.raw('vacuum analyze');
  const seedMs = Date.now() - started;
  const before = await tableSizes(db);
  say(`seeded in ${seedMs} ms: ${JSON.stringify(seeded)}; sizes ${JSON.stringify(before)}`);

  const explained = await explainPurge(db, seededTenant(1), cutoff);
  say(`purge statements explained: ${explained.length}`);

  const loadTenant = seededTenant(shape.tenants);
  const idleLoad = writeLoad(loadDb, loadTenant, 1000);
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const idle = await idleLoad.stop();

  const busyLoad = writeLoad(loadDb, loadTenant, 1000);
  const locks = watchLockWaits(loadDb);
  const perTenant: number[] = [];
  let items = 0;
  started = Date.now();
  for (let t = 1; t < shape.tenants; t += 1) {
    const one = Date.now();
    items += (await purgePastRetention(db, seededTenant(t), cutoff)).items;
    perTenant.push(Date.now() - one);
  }
  const purgeMs = Date.now() - started;
  const lockWaits = locks.stop();
  const busy = await busyLoad.stop();
  // The load's own rows are no part of what retention keeps.
  await db('sync_runs').where({ tenant_id: loadTenant }).where('id', 'like', 'load-%').delete();
  const after = await tableSizes(db);
  started = Date.now();
  await db.raw('vacuum analyze');
  const vacuumMs = Date.now() - started;
  const afterVacuum = await tableSizes(db);

  const latency = (ms: number[]) => ({ statements: ms.length, p50: percentile(ms, 50).toFixed(1), p99: percentile(ms, 99).toFixed(1), max: Math.max(...ms).toFixed(1) });
  return {
    shape,
    seeded: { ...seeded, ms: seedMs },
    purge: { tenants: perTenant.length, totalMs: purgeMs, p50Ms: percentile(perTenant, 50), p99Ms: percentile(perTenant, 99), maxMs: Math.max(...perTenant), planItemsDeleted: items },
    writeLoadMs: { idle: latency(idle), whilePurging: latency(busy) },
    lockWaits,
    sizes: { before, after, afterVacuum, vacuumMs },
    explained,
  };
});
