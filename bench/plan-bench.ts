// How long planning a 100,000-person tenant takes, and how much memory it needs: a seeded
// directory with 1 % of people changed, planned against 100,000 linked accounts. Data generation
// is outside the measurement. Target: planning alone under 2 s and 300 MB on a 2-core machine.
//
//   npx tsx bench/plan-bench.ts [people]
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkGuards, plan, summarisePlan } from '../activities/sync/core';
import { startSampler } from './memory-sampler';
import { onePercentChanges, syntheticTenant } from './synthetic-tenant';

const size = Number(process.argv[2] ?? 100_000);
const mix = onePercentChanges(size);

// A full collection before measuring, so the baseline holds only live data.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const input = syntheticTenant(size, mix);
const sampler = await startSampler();
collectGarbage();
const baseline = process.memoryUsage();

const started = performance.now();
const { result: planned, peak } = await sampler.measure(() => plan(input));
const cold = performance.now() - started;

const warm: number[] = [];
for (let round = 0; round < 3; round += 1) {
  const start = performance.now();
  plan(input);
  warm.push(performance.now() - start);
}
await sampler.stop();

const guard = checkGuards({ mode: 'full', people: input.employees.length }, summarisePlan(planned), {
  maxDeactivations: 25,
  maxDeactivationShare: 0.1,
});

console.log(`directory: ${input.employees.length} people, ${input.accounts.length} linked accounts, ${input.groups.length} groups; changes: ${JSON.stringify(mix)}`);
console.log(`planned: ${JSON.stringify(planned.planned)}`);
console.log(`guards: ${guard.outcome === 'hold' ? `hold (${guard.hold.deactivations} deactivations, limit ${guard.hold.limit})` : guard.outcome}`);
console.log(`planning time: ${cold.toFixed(0)} ms cold; warm ${warm.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
console.log(`rss: baseline ${mb(baseline.rss)}, peak during planning ${mb(peak.rss)} (+${mb(peak.rss - baseline.rss)})`);
console.log(`heap used: baseline ${mb(baseline.heapUsed)}, peak during planning ${mb(peak.heapUsed)} (+${mb(peak.heapUsed - baseline.heapUsed)})`);
console.log(`process peak rss (whole run, generation included): ${mb(process.resourceUsage().maxRSS * 1024)}`);
