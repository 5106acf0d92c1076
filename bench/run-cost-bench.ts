// The fixed cost of a run (issue 18, BENCHMARKS.md): a live tenant whose directory and platform
// are in sync, so every run changes nothing, as most nightly runs do. After one run to reach a
// steady state, each measured run's worker CPU, Postgres rows written per table, activities and
// history events (the run's workflow, and the tenant workflow's share for that run).
//
//   npm run bench:run-cost -- [--people 1000] [--runs 5] [--json out.json]
import { parseArgs } from 'node:util';
import { localDate } from '../activities/hris/dates';
import { configureLogging } from '../common/logger';
import { syncWorkflowId, tenantWorkflowId } from '../common/workflow-ids';
import { demoCustomSchema } from '../dev/scim-server';
import { benchMain } from './bench-main';
import { cpuMsOf, median, settledCounters, writesBetween, type TableWrites } from './run-cost/measure';
import { scanWorkflow, summarize } from './sync-run/history';
import { seedPlatform } from './sync-run/seed';
import { startStack } from './sync-run/stack';
import { tenantConfig, tenantDriver } from './sync-run/tenant-driver';
import { benchConfig, noChanges, syntheticTenant } from './synthetic-tenant';

const { values } = parseArgs({ options: { people: { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' }, json: { type: 'string' } } });
const people = Number(values.people);

interface RunCost {
  status: string;
  wallMs: number;
  cpuMs: number;
  writes: TableWrites;
  rowsWritten: number;
  run: ReturnType<typeof summarize>;
  tenantEventsForRun?: number;
}

const total = (writes: TableWrites): number => Object.values(writes).reduce((sum, w) => sum + w.inserted + w.updated + w.deleted, 0);

configureLogging({ level: 'error' });
await benchMain('bench:run-cost', values.json, async (say, stops) => {
  const stack = await startStack({ people, prebuilt: true, profileWorker: undefined, traceGcWorker: false }, stops, say);
  const tenants = tenantDriver(stack, true, say);
  const id = `cost-${people}`;
  const directory = syntheticTenant(people, noChanges).employees;
  const { scim } = await tenants.readyTenant(id, { rate: 1000, concurrency: 8 }, tenantConfig(benchConfig, 25), directory);
  await seedPlatform(stack.db, id, scim, { yesterday: directory, config: benchConfig, today: localDate('UTC'), customSchema: demoCustomSchema });
  await tenants.goLive(id);
  say('live; one run to reach a steady state');
  await tenants.runSync(id);

  const measured: RunCost[] = [];
  for (let i = 0; i < Number(values.runs); i += 1) {
    const before = await settledCounters(stack.db);
    const cpuBefore = cpuMsOf(stack.worker.pid);
    const run = await tenants.runSync(id);
    // The tenant workflow's end of the run (final status, mail, purge) is in once the counters settle.
    const writes = writesBetween(before, await settledCounters(stack.db));
    const cpuMs = cpuMsOf(stack.worker.pid) - cpuBefore;
    const runScan = summarize(await scanWorkflow(stack.client, syncWorkflowId(run.syncId)));
    const tenantScan = summarize(await scanWorkflow(stack.client, tenantWorkflowId(id), run.requestedAt));
    measured.push({ status: run.run.status, wallMs: run.observedAt - run.requestedAt, cpuMs, writes, rowsWritten: total(writes), run: runScan, tenantEventsForRun: tenantScan.eventsDuringThisRun });
    say(`run ${i + 1}: ${run.run.status}, worker CPU ${cpuMs} ms, rows written ${total(writes)}, run events ${runScan.events}`);
  }
  const medianOf = (figure: (m: RunCost) => number) => median(measured.map(figure));
  return {
    people,
    median: { workerCpuMs: medianOf((m) => m.cpuMs), wallMs: medianOf((m) => m.wallMs), rowsWritten: medianOf((m) => m.rowsWritten), runEvents: medianOf((m) => m.run.events), tenantEventsForRun: medianOf((m) => m.tenantEventsForRun ?? 0) },
    runs: measured,
  };
});
