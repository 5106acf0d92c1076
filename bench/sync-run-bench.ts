// A whole sync run at scale, end to end on the real stack: embedded Postgres, the Temporal dev
// server, the production worker as its own process, the API app, the demo HRIS and the scimmy SCIM
// server as the platform. Measures (BENCHMARKS.md):
//   1. a full apply run of a 100,000-person tenant with 1 % of people changed, the platform
//      already in sync: wall time (request → final status) and by phase, the worker's peak RSS,
//      history events of the run and tenant workflows, the largest payload in them. An on-demand
//      sync needs a live tenant: the tenant goes live (go-live now) on yesterday's directory, which
//      the seeded platform already reflects, so its initial load changes nothing (timed, not part
//      of the figures); today's directory is written after, and the on-demand sync is measured;
//   2. the apply rate against a platform limited to R requests/s, compared with R: the run is
//      each tenant's initial load, which creates every account;
//   3. the SCIM server's own cost per request, unpaced, to show the fake is not the bottleneck.
//
//   npx tsx bench/sync-run-bench.ts [--people 100000] [--rate-items 1000] [--rates 50,20] [--json out.json]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { configureLogging } from '../common/logger';
import { runMainTenant } from './sync-run/main-run';
import { readOptions } from './sync-run/options';
import { progress } from './sync-run/progress';
import { measureApplyRate } from './sync-run/rate-run';
import { rawScim } from './sync-run/raw-scim';
import { benchResults, report } from './sync-run/report';
import { startStack, stopList } from './sync-run/stack';
import { tenantDriver } from './sync-run/tenant-driver';

async function main() {
  const options = readOptions();
  const say = progress();
  configureLogging({ level: 'error' });
  const started = Date.now();
  const loadAtStart = loadavg();
  const stops = stopList(say);
  process.once('SIGINT', () => void stops.stopAll().then(() => process.exit(130)));

  try {
    const stack = await startStack(options, stops, say);
    const tenants = tenantDriver(stack, options.leanGroups, say);
    // 1. The on-demand sync of a large live tenant.
    const main = await runMainTenant(stack, tenants, options, say);
    // 3. The SCIM server alone, on the main tenant's directory.
    const scimAlone = options.mainOnly ? undefined : await rawScim(stack, main.tenant, options.rateItems, say);
    // 2. The apply rate, one tenant for each R.
    const rate = [];
    for (const r of options.mainOnly ? [] : options.rates) rate.push(await measureApplyRate(stack, tenants, r, options.rateItems, say));

    const results = benchResults({ started, loadAtStart, main: main.figures, gcLines: stack.gcLines, rate, scimAlone });
    console.log(report(results));
    if (options.json) writeFileSync(options.json, JSON.stringify(results, null, 2));
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  } finally {
    await stops.stopAll();
  }
}

await main();
// Whatever a failed start left open (a socket, a timer) must not keep the benchmark running.
process.exit();
