// The API under load (issue 18): 1,000 tenants with 30 days of runs and a few million items in
// Postgres, the API in its own process, and each route group driven at a fixed rate, paced (the
// figures judged) and by autocannon (for comparison; drive.ts says why they differ). Targets at
// 200 requests/s: tenant reads and the tenant list p99 ≤ 50 ms; the run list and items pages p99 ≤
// 100 ms. The Temporal dev server runs (the API needs a client) but no read asks it anything.
// Seeding and a warm-up are outside the measurement.
//
//   npm run bench:api [-- --tenants 1000 --runs 240 --rate 200 --seconds 30 --json out.json]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configureLogging } from '../common/logger';
import { startApiOnItsOwn } from './api-load/api-app';
import { driveGroup, type GroupFigures } from './api-load/drive';
import { explainRead, type QueryPlan } from './api-load/plans';
import { routeGroups } from './api-load/routes';
import { defaultSizes, seedApiLoad } from './api-load/seed';
import { machine, uptime } from './sync-run/options';

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: String(defaultSizes.tenants) },
    runs: { type: 'string', default: String(defaultSizes.runsPerTenant) },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    'warmup-seconds': { type: 'string', default: '5' },
    json: { type: 'string' },
  },
});
configureLogging({ level: 'warn' });
const say = (text: string) => process.stderr.write(`[bench:api] ${text}\n`);

say('starting Postgres, the Temporal dev server and the API process');
const { db, baseUrl, adminToken, stop } = await startApiOnItsOwn('bench-api-load');

try {
  const sizes = { ...defaultSizes, tenants: Number(values.tenants), runsPerTenant: Number(values.runs) };
  const seedStarted = Date.now();
  const rows = await seedApiLoad(db, sizes, say);
  say(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s: ${JSON.stringify(rows)}`);
  const groups = await routeGroups(db);
  const drive = { baseUrl, token: adminToken, rate: Number(values.rate) };
  // One read of each group, its queries explained, before any load: what the load spends its Postgres time on.
  const plans: Record<string, QueryPlan[]> = {};
  for (const group of groups) plans[group.name] = await explainRead(db, group.read);
  for (const group of groups) {
    say(`warming up: ${group.name}`);
    await driveGroup(group, { ...drive, seconds: Number(values['warmup-seconds']) });
  }
  const figures: GroupFigures[] = [];
  const loadAtStart = uptime();
  for (const group of groups) {
    say(`measuring ${group.name}: ${drive.rate} requests/s for ${values.seconds} s over ${group.paths.length} paths`);
    figures.push(await driveGroup(group, { ...drive, seconds: Number(values.seconds) }));
  }
  const loadAtEnd = uptime();
  const met = ({ paced, targetP99Ms }: GroupFigures) => paced.p99 <= targetP99Ms && paced.non2xx === 0 && paced.errors === 0;
  const { cpu, cpus, memory, node } = machine();
  console.log(`machine: ${cpu}, ${cpus} CPUs, ${memory}, Node ${node}; seeded ${JSON.stringify(rows)}`);
  console.log(`load at start: ${loadAtStart}\nload at end: ${loadAtEnd}\n`);
  console.log(`| route group (${drive.rate} requests/s, ${values.seconds} s each) | paths | paced: requests | p50 | p99 | max | non-2xx | target p99 | autocannon: p50 / p99 / max | load (1/5/15 min) start → end |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const f of figures) {
    const { paced, autocannon } = f;
    console.log(
      `| ${f.name} | ${f.distinctPaths} | ${paced.requests} | ${paced.p50} ms | ${paced.p99} ms | ${paced.max} ms | ${paced.non2xx + paced.errors} | ≤ ${f.targetP99Ms} ms: ${met(f) ? 'met' : 'MISSED'} | ${autocannon.p50} / ${autocannon.p99} / ${autocannon.max} ms | ${f.load.atStart} → ${f.load.atEnd} |`,
    );
  }
  console.log('\nqueries of one request of each group, EXPLAIN ANALYZE, slowest first:');
  for (const [name, explained] of Object.entries(plans)) {
    console.log(`  ${name}:`);
    for (const plan of explained) console.log(`    ${plan.ms.toFixed(2)} ms  ${plan.scans.join(', ')}  — ${plan.sql.slice(0, 160)}`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ at: new Date(seedStarted).toISOString(), machine: machine(), sizes, rows, loadAtStart, loadAtEnd, figures, plans }, null, 2));
  process.exitCode = figures.every(met) ? 0 : 1;
} finally {
  await stop();
}
